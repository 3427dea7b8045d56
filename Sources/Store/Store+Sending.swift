import Foundation
import Policy

/// What can be derived from an intent without the database, computed on the
/// caller's thread so the writer spends its time on SQL alone.
private struct PreparedIntent: Sendable {
  let intent: SendIntent
  let keyHash: SHA256Digest.Inline
  let basis: RegionalBasis

  init(_ intent: SendIntent) {
    self.intent = intent
    keyHash = IdempotencyRule.withKeyMaterial(
      sender: intent.sender, recipient: intent.recipient, subject: intent.subject,
      SHA256Digest.inline)
    basis = RegionalBasis.of(intent.recipient.domain)
  }
}

/// A validation queued on the writer with its completion: its arguments in
/// one object, the writer's busiest kind of write.
private final class ValidationWrite: TypedWrite<PolicyDecision>, @unchecked Sendable {
  private let prepared: PreparedIntent
  private let now: Int64
  private let limits: PolicyLimits
  private let audits: AuditAppender

  init(
    prepared: PreparedIntent, at now: Int64, limits: PolicyLimits, audits: AuditAppender,
    completion: @escaping (Result<PolicyDecision, StoreError>) -> Void
  ) {
    self.prepared = prepared
    self.now = now
    self.limits = limits
    self.audits = audits
    super.init(completion: completion)
  }

  override func run(on connection: SQLiteConnection) throws(StoreError) -> PolicyDecision {
    try Store.validate(prepared, at: now, limits: limits, audits: audits, on: connection)
  }
}

/// The check facts and derived values of one intent at one moment.
private struct Evaluation {
  let decision: PolicyDecision
  let keyHash: SHA256Digest.Inline
  let day: Int64
  let now: Int64
}

extension Store {
  /// Runs the policy checks for `intent` and audits the result, holding
  /// nothing. Counts include sends in flight.
  public func validate(_ intent: SendIntent) async throws -> PolicyDecision {
    try await withCheckedThrowingContinuation { continuation in
      validate(intent) { continuation.resume(with: $0) }
    }
  }

  /// Runs the policy checks for `intent` and audits the result, like
  /// ``validate(_:)``, and calls `completion` on the store's writer thread as
  /// soon as the audit entry has been committed (or with the error that kept
  /// it from committing).
  ///
  /// For callers that answer from a callback rather than a task: no task
  /// and no hop through the concurrency pool. `completion` must return
  /// quickly and never block; other callers' answers wait for it.
  ///
  /// With `wakeLater`, the writer may sleep on until ``wakeWriter()``: a
  /// caller that queues a burst of validations (an event loop handling one
  /// read) calls it once after the burst, and the burst commits as one group.
  /// Forgetting to call it leaves the validation waiting for the next write.
  public func validate(
    _ intent: SendIntent, wakeLater: Bool = false,
    completion: @escaping @Sendable (Result<PolicyDecision, StoreError>) -> Void
  ) {
    writer.enqueue(
      ValidationWrite(
        prepared: PreparedIntent(intent), at: nowMilliseconds(), limits: options.limits,
        audits: audits, completion: completion),
      wakeLater: wakeLater)
  }

  /// Wakes the writer for validations queued with `wakeLater`; cheap when
  /// there are none.
  public func wakeWriter() {
    writer.wakeIfOwed()
  }

  /// The writer step of a validation: check, then audit.
  fileprivate static func validate(
    _ prepared: PreparedIntent, at now: Int64, limits: PolicyLimits, audits: AuditAppender,
    on connection: SQLiteConnection
  ) throws(StoreError) -> PolicyDecision {
    let evaluation = try evaluate(prepared, at: now, limits: limits, on: connection)
    audits.append(prepared.intent, evaluation.decision, action: .validate, attemptID: nil, at: now)
    return evaluation.decision
  }

  /// Checks `intent` and, if approved, reserves its slots — all in one step
  /// of the serialized writer, so concurrent reservations can never exceed a
  /// cap or share an idempotency key.
  ///
  /// An approved reservation creates a `pending` attempt that holds one slot
  /// of the user's daily cap, one of the recipient domain's, and the
  /// idempotency key. The audit entry is written either way.
  ///
  /// - Important: Every approved reservation must end in
  ///   ``completeSend(attemptID:messageID:)`` or
  ///   ``failSend(attemptID:failure:suppression:)``; call
  ///   ``markDeliveryStarted(attemptID:)`` just before handing the message to
  ///   SMTP so that recovery after a crash can tell whether it may have gone.
  public func reserveSend(_ intent: SendIntent) async throws -> Reservation {
    let now = nowMilliseconds()
    let limits = options.limits
    let prepared = PreparedIntent(intent)
    let audits = audits
    return try await writer.write { (connection) throws(StoreError) in
      let evaluation = try Self.evaluate(prepared, at: now, limits: limits, on: connection)
      let decision = evaluation.decision
      var attempt: AttemptRecord?
      if decision.isAllowed {
        attempt = try Self.hold(intent, evaluation, on: connection)
      }
      audits.append(intent, decision, action: .send, attemptID: attempt?.id, at: now)
      return Reservation(decision: decision, attempt: attempt)
    }
  }

  /// Records that delivery of a pending attempt is about to begin.
  /// - Throws: ``StoreError`` with `conflict` unless the attempt is pending.
  public func markDeliveryStarted(attemptID: Int64) async throws {
    let now = nowMilliseconds()
    try await writer.write { (connection) throws(StoreError) in
      let changed = try connection.execute(
        "UPDATE attempts SET delivery_started_at = ? WHERE id = ? AND status = 'pending'",
        .integer(now), .integer(attemptID))
      guard changed == 1 else {
        throw StoreError(.conflict, "The attempt is not pending.")
      }
    }
  }

  /// Turns a pending attempt's holds into counts after successful delivery:
  /// the slots count as sends, the key is used for 24 hours from now, and the
  /// lead becomes `contacted`.
  /// - Throws: ``StoreError`` with `conflict` unless the attempt is pending.
  @discardableResult
  public func completeSend(attemptID: Int64, messageID: String?) async throws -> AttemptRecord {
    let now = nowMilliseconds()
    return try await writer.write { (connection) throws(StoreError) in
      let pending = try Self.pendingAttempt(attemptID, on: connection)
      try connection.execute(
        "UPDATE attempts SET status = 'sent', message_id = ?, finished_at = ? WHERE id = ?",
        messageID.map { .text($0) } ?? .null, .integer(now), .integer(attemptID))
      try Self.settleHolds(of: pending, counted: true, at: now, on: connection)
      if let leadID = pending.leadID {
        try connection.execute(
          "UPDATE leads SET status = 'contacted', updated_at = ? WHERE id = ? AND status = 'new'",
          .integer(now), .integer(leadID))
      }
      return try Self.attempt(attemptID, on: connection)!
    }
  }

  /// Ends a pending attempt whose delivery failed.
  ///
  /// A ``DeliveryFailure/rejected(detail:)`` attempt becomes `failed` and
  /// releases its slots and key, so it consumes nothing. An
  /// ``DeliveryFailure/ambiguous(detail:)`` one becomes `unknown` and keeps
  /// them as if sent: the message may have gone out, and counting it is the
  /// only way to never exceed a cap or send a duplicate.
  ///
  /// - Parameter suppression: a suppression to add in the same step, such as
  ///   a hard bounce reported by the SMTP server.
  /// - Throws: ``StoreError`` with `conflict` unless the attempt is pending.
  @discardableResult
  public func failSend(
    attemptID: Int64, failure: DeliveryFailure, suppression: NewSuppression? = nil
  ) async throws -> AttemptRecord {
    let now = nowMilliseconds()
    return try await writer.write { (connection) throws(StoreError) in
      let pending = try Self.pendingAttempt(attemptID, on: connection)
      let (status, detail, counted): (AttemptStatus, String, Bool) =
        switch failure {
        case .rejected(let detail): (.failed, detail, false)
        case .ambiguous(let detail): (.unknown, detail, true)
        }
      try connection.execute(
        "UPDATE attempts SET status = ?, failure_detail = ?, finished_at = ? WHERE id = ?",
        .text(status.rawValue), .text(detail), .integer(now), .integer(attemptID))
      try Self.settleHolds(of: pending, counted: counted, at: now, on: connection)
      if let suppression {
        _ = try Self.insertSuppression(suppression, createdBy: nil, at: now, on: connection)
      }
      return try Self.attempt(attemptID, on: connection)!
    }
  }

  /// An attempt, if the viewer may see it.
  public func attempt(id: Int64, visibleTo viewer: Viewer) async throws -> AttemptRecord? {
    let attempt = try await readers.read { (connection) throws(StoreError) in
      try Self.attempt(id, on: connection)
    }
    guard let attempt, viewer.isAdmin || attempt.userID == viewer.userID else { return nil }
    return attempt
  }

  /// The current counts for a user and a domain today, in-flight sends included.
  public func dailyCounts(userID: Int64, domain: DomainName) async throws -> (
    user: Int, domain: Int
  ) {
    let day = UTCDay(containing: options.clock()).number
    return try await readers.read { (connection) throws(StoreError) in
      let user = try connection.queryFirst(
        "SELECT sent + held FROM daily_user_counts WHERE user_id = ? AND day = ?",
        .integer(userID), .integer(day)
      ) { $0.integer(0) }
      let domainCount = try connection.queryFirst(
        "SELECT sent + held FROM daily_domain_counts WHERE domain = ? AND day = ?",
        .text(domain.ascii), .integer(day)
      ) { $0.integer(0) }
      return (Int(user ?? 0), Int(domainCount ?? 0))
    }
  }

  // MARK: - Steps run on the writer connection

  /// Gathers the facts for `intent` and lets the policy decide.
  private static func evaluate(
    _ prepared: PreparedIntent, at now: Int64, limits: PolicyLimits,
    on connection: SQLiteConnection
  ) throws(StoreError) -> Evaluation {
    let intent = prepared.intent
    let day = UTCDay(containing: date(milliseconds: now)).number
    // One statement gathers all four facts: a single step instead of four.
    let statement = try connection.statement(
      """
      SELECT
        (SELECT sent + held FROM daily_user_counts WHERE user_id = ?1 AND day = ?2),
        (SELECT sent + held FROM daily_domain_counts WHERE domain = ?3 AND day = ?2),
        (SELECT reason FROM suppressions WHERE canonical_email = ?4),
        EXISTS (SELECT 1 FROM idempotency_keys
                WHERE key_hash = ?5 AND (state = 'held' OR expires_at > ?6))
      """)
    defer { statement.clear() }
    try statement.bind(intent.userID, at: 1)
    try statement.bind(day, at: 2)
    try statement.bind(now, at: 6)
    // The texts and the key are bound in place, so the step runs while their
    // bytes are pinned.
    var domain = intent.recipient.domain.ascii
    var canonical = intent.recipient.canonical
    let outcome = domain.withUTF8 { domain in
      canonical.withUTF8 { canonical in
        prepared.keyHash.withUnsafeBytes { key in
          Result { () throws(StoreError) in
            try statement.bindText(domain, at: 3)
            try statement.bindText(canonical, at: 4)
            try statement.bindBlob(key.baseAddress, count: key.count, at: 5)
            return try statement.firstRow { row in
              (
                userCount: row.integer(0), domainCount: row.integer(1),
                suppressionReason: row.optionalText(2), isDuplicate: row.integer(3) != 0
              )
            }
          }
        }
      }
    }
    let row = try outcome.get()
    guard let row else { throw StoreError(.database, "The policy facts could not be read.") }

    let facts = PolicyFacts(
      userCountToday: Int(row.userCount), domainCountToday: Int(row.domainCount),
      suppressionReason: row.suppressionReason, isDuplicate: row.isDuplicate)
    let decision = PolicyRules.decide(
      recipient: intent.recipient, basis: prepared.basis, facts: facts, limits: limits)
    return Evaluation(decision: decision, keyHash: prepared.keyHash, day: day, now: now)
  }

  /// Creates the pending attempt and holds its slots and key.
  private static func hold(
    _ intent: SendIntent, _ evaluation: Evaluation, on connection: SQLiteConnection
  ) throws(StoreError) -> AttemptRecord {
    let decision = evaluation.decision
    try connection.execute(
      """
      INSERT INTO attempts (user_id, lead_id, recipient, recipient_canonical, recipient_domain,
        sender, subject, legal_basis, region, status, day, key_hash, created_at)
      VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, 'pending', ?, ?, ?)
      """,
      .integer(intent.userID), intent.leadID.map { .integer($0) } ?? .null,
      .text(intent.recipient.address), .text(intent.recipient.canonical),
      .text(intent.recipient.domain.ascii), .text(intent.sender.address), .text(intent.subject),
      .text(decision.legalBasis.rawValue), .text(decision.region.rawValue),
      .integer(evaluation.day), .blob(evaluation.keyHash.bytes), .integer(evaluation.now))
    let attemptID = connection.lastInsertRowID
    try connection.execute(
      """
      INSERT INTO daily_user_counts (user_id, day, held) VALUES (?, ?, 1)
      ON CONFLICT (user_id, day) DO UPDATE SET held = held + 1
      """, .integer(intent.userID), .integer(evaluation.day))
    try connection.execute(
      """
      INSERT INTO daily_domain_counts (domain, day, held) VALUES (?, ?, 1)
      ON CONFLICT (domain, day) DO UPDATE SET held = held + 1
      """, .text(intent.recipient.domain.ascii), .integer(evaluation.day))
    // An expired used key of the same triple is replaced by this hold.
    try connection.execute(
      """
      INSERT INTO idempotency_keys (key_hash, state, attempt_id, expires_at)
      VALUES (?, 'held', ?, ?)
      ON CONFLICT (key_hash) DO UPDATE SET state = 'held', attempt_id = excluded.attempt_id,
        expires_at = excluded.expires_at
      """, .blob(evaluation.keyHash.bytes), .integer(attemptID),
      .integer(evaluation.now + Int64(IdempotencyRule.window * 1_000)))
    return try attempt(attemptID, on: connection)!
  }

  /// What settling a pending attempt needs to know.
  struct PendingAttempt {
    let id: Int64
    let userID: Int64
    let leadID: Int64?
    let domain: String
    let day: Int64
    let keyHash: [UInt8]
  }

  static func pendingAttempt(_ id: Int64, on connection: SQLiteConnection) throws(StoreError)
    -> PendingAttempt
  {
    let row = try connection.queryFirst(
      """
      SELECT id, user_id, lead_id, recipient_domain, day, key_hash, status
      FROM attempts WHERE id = ?
      """, .integer(id)
    ) { row in
      (
        PendingAttempt(
          id: row.integer(0), userID: row.integer(1), leadID: row.optionalInteger(2),
          domain: row.text(3), day: row.integer(4), keyHash: row.blob(5)),
        row.text(6)
      )
    }
    guard let (pending, status) = row else {
      throw StoreError(.notFound, "No attempt has that id.")
    }
    guard status == AttemptStatus.pending.rawValue else {
      throw StoreError(.conflict, "The attempt is no longer pending.")
    }
    return pending
  }

  /// Releases an attempt's holds: into counts and a used key when `counted`,
  /// or back to nothing.
  static func settleHolds(
    of attempt: PendingAttempt, counted: Bool, at now: Int64, on connection: SQLiteConnection
  ) throws(StoreError) {
    let sentIncrement: Int64 = counted ? 1 : 0
    try connection.execute(
      "UPDATE daily_user_counts SET held = held - 1, sent = sent + ? WHERE user_id = ? AND day = ?",
      .integer(sentIncrement), .integer(attempt.userID), .integer(attempt.day))
    try connection.execute(
      "UPDATE daily_domain_counts SET held = held - 1, sent = sent + ? WHERE domain = ? AND day = ?",
      .integer(sentIncrement), .text(attempt.domain), .integer(attempt.day))
    if counted {
      try connection.execute(
        """
        UPDATE idempotency_keys SET state = 'used', expires_at = ?
        WHERE key_hash = ? AND attempt_id = ?
        """, .integer(now + Int64(IdempotencyRule.window * 1_000)), .blob(attempt.keyHash),
        .integer(attempt.id))
    } else {
      try connection.execute(
        "DELETE FROM idempotency_keys WHERE key_hash = ? AND attempt_id = ?",
        .blob(attempt.keyHash), .integer(attempt.id))
    }
  }

  static let attemptColumns = """
    id, user_id, lead_id, recipient, sender, subject, legal_basis, region, status,
    message_id, failure_detail, created_at, delivery_started_at, finished_at
    """

  static func attempt(_ id: Int64, on connection: SQLiteConnection) throws(StoreError)
    -> AttemptRecord?
  {
    try connection.queryFirst(
      "SELECT \(attemptColumns) FROM attempts WHERE id = ?", .integer(id), row: attempt)
  }

  static func attempt(_ row: SQLiteRow) -> AttemptRecord {
    AttemptRecord(
      id: row.integer(0), userID: row.integer(1), leadID: row.optionalInteger(2),
      recipient: row.text(3), sender: row.text(4), subject: row.text(5),
      legalBasis: LegalBasis(rawValue: row.text(6)) ?? .consent,
      region: Region(rawValue: row.text(7)) ?? .unitedStates,
      status: AttemptStatus(rawValue: row.text(8)) ?? .unknown,
      messageID: row.optionalText(9), failureDetail: row.optionalText(10),
      createdAt: date(milliseconds: row.integer(11)),
      deliveryStartedAt: row.optionalInteger(12).map(date(milliseconds:)),
      finishedAt: row.optionalInteger(13).map(date(milliseconds:)))
  }
}
