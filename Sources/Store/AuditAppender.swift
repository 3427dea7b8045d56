import Policy

/// The audit entries of one group of writes, inserted together just before
/// the group commits.
///
/// A statement of many rows costs much less than as many statements of one
/// row: SQLite opens its cursors on the table and on each index, and walks
/// them down to the last page, once per statement rather than once per row.
/// Entries are inserted in the order they were appended, which is the order
/// in which the group's writes ran, so ids still follow the serial order of
/// the checks. The group's transaction covers them: if it rolls back, they
/// are forgotten with everything else it did.
///
/// Every text of every entry is copied into one byte buffer and bound from
/// there in place, so a whole group binds without a copy or a closure per
/// value.
///
/// `@unchecked Sendable`: used only on the store's writer thread.
final class AuditAppender: GroupFinisher, @unchecked Sendable {
  /// The statement sizes, largest first: a group of `n` entries takes as
  /// many of the largest as fit, then of the next size, and so on.
  private static let statementSizes = [64, 16, 4, 1]

  /// The multi-row insert of each size in ``statementSizes``, in that order.
  private static let insertStatements: [String] = statementSizes.map { rows in
    let columns =
      "user_id, lead_email, lead_canonical, sender_email, subject, policy_result, "
      + "reason, legal_basis, region, action, attempt_id, timestamp"
    let row = "(" + Array(repeating: "?", count: columnCount).joined(separator: ", ") + ")"
    let values = Array(repeating: row, count: rows).joined(separator: ", ")
    return "INSERT INTO audit_log (\(columns)) VALUES \(values)"
  }

  /// Parameters bound per entry.
  private static let columnCount = 12
  /// Text columns per entry, kept in ``text``.
  private static let textCount = 9

  /// One entry's numbers; its texts are the next ``textCount`` ranges of
  /// ``text``.
  private struct Entry {
    var userID: Int64
    var attemptID: Int64?
    var timestamp: Int64
  }

  private var entries: [Entry] = []
  /// The texts of every entry, back to back.
  private var text: [UInt8] = []
  /// Where each text ends in ``text``; each starts where the one before ends.
  private var textEnds: [Int] = []

  /// Whether entries are waiting for the group to end.
  var isEmpty: Bool { entries.isEmpty }

  /// Adds the audit entry of one check to the group.
  func append(
    _ intent: SendIntent, _ decision: PolicyDecision, action: AuditAction, attemptID: Int64?,
    at timestamp: Int64
  ) {
    entries.append(Entry(userID: intent.userID, attemptID: attemptID, timestamp: timestamp))
    // In column order: lead_email, lead_canonical, sender_email, subject,
    // policy_result, reason, legal_basis, region, action.
    appendAddress(intent.recipient)
    appendText(intent.recipient.canonical)
    appendAddress(intent.sender)
    appendText(intent.subject)
    appendText(decision.isAllowed ? PolicyResult.approved.rawValue : PolicyResult.blocked.rawValue)
    appendText(decision.reason)
    appendText(decision.legalBasis.rawValue)
    appendText(decision.region.rawValue)
    appendText(action.rawValue)
  }

  private func appendText(_ value: String) {
    text.append(contentsOf: value.utf8)
    textEnds.append(text.count)
  }

  /// Appends ``EmailAddress/address`` piece by piece, without building it.
  private func appendAddress(_ address: EmailAddress) {
    text.append(contentsOf: address.localPart.utf8)
    text.append(UInt8(ascii: "@"))
    appendText(address.domain.ascii)
  }

  func finishGroup(on connection: SQLiteConnection) throws(StoreError) {
    defer { discardGroup() }
    guard !entries.isEmpty else { return }
    let outcome = text.withUnsafeBufferPointer { buffer in
      Result { () throws(StoreError) in try insertAll(from: buffer, on: connection) }
    }
    try outcome.get()
  }

  func discardGroup() {
    entries.removeAll(keepingCapacity: true)
    text.removeAll(keepingCapacity: true)
    textEnds.removeAll(keepingCapacity: true)
  }

  /// Inserts every entry, binding texts from `buffer` (the bytes of ``text``).
  private func insertAll(from buffer: UnsafeBufferPointer<UInt8>, on connection: SQLiteConnection)
    throws(StoreError)
  {
    var next = 0
    for (sizeIndex, size) in Self.statementSizes.enumerated() {
      while entries.count - next >= size {
        let statement = try connection.statement(Self.insertStatements[sizeIndex])
        defer { statement.clear() }
        for row in 0..<size {
          try bind(
            entry: next + row, at: Int32(row * Self.columnCount), texts: buffer, to: statement)
        }
        try statement.stepWithoutRows()
        next += size
      }
    }
    // One writer, no deletions: a group's rows take consecutive ids.
    let lastID = connection.lastInsertRowID
    try markSeconds(firstID: lastID - Int64(entries.count) + 1, on: connection)
  }

  /// The second a timestamp in milliseconds falls in, rounding down (as
  /// migration 3 computes it in SQL).
  static func second(ofMilliseconds timestamp: Int64) -> Int64 {
    (timestamp >= 0 ? timestamp : timestamp - 999) / 1_000
  }

  /// Records in `audit_seconds` the seconds of the group's entries, whose
  /// ids start at `firstID`: see migration 3 for what the rows mean.
  ///
  /// Entries usually come in time order, so a group touches the row of the
  /// newest second (or adds the next one). An entry whose second is older
  /// than the newest one recorded ("late": its time was taken before
  /// another's that committed first, or the clock stepped back) lowers
  /// nothing that exists, since its id is the largest yet; it raises the
  /// `last_id` that every later second must report, which `audit_late` keeps
  /// in one row rather than in each of those seconds. A new second behind
  /// others takes as its `first_id` the smallest of theirs if that is
  /// smaller: one scan of the seconds ahead, once per new second. So a
  /// group's bookkeeping stays a few rows even while the clock catches up
  /// after stepping back by hours.
  private func markSeconds(firstID: Int64, on connection: SQLiteConnection) throws(StoreError) {
    let newest =
      try connection.queryFirst("SELECT max(second) FROM audit_seconds") {
        $0.optionalInteger(0)
      } ?? nil
    // (second, smallest id, largest id), for the few seconds of one group.
    var seconds: [(second: Int64, first: Int64, last: Int64)] = []
    // The oldest second and the largest id of the group's late entries: those
    // older than the newest second written before them, in this group or
    // an earlier one.
    var late: (second: Int64, last: Int64)?
    var newestSoFar = newest
    for (offset, entry) in entries.enumerated() {
      let id = firstID + Int64(offset)
      let second = Self.second(ofMilliseconds: entry.timestamp)
      if let index = seconds.firstIndex(where: { $0.second == second }) {
        seconds[index].last = id
      } else {
        seconds.append((second, id, id))
      }
      if let newestSoFar, second < newestSoFar {
        late = (min(late?.second ?? second, second), id)
      }
      newestSoFar = max(newestSoFar ?? second, second)
    }
    // Latest second first, so an earlier one sees the marks of later ones.
    for mark in seconds.sorted(by: { $0.second > $1.second }) {
      let updated = try connection.execute(
        "UPDATE audit_seconds SET last_id = max(last_id, ?2) WHERE second = ?1",
        .integer(mark.second), .integer(mark.last))
      if updated == 0 {
        try connection.execute(
          """
          INSERT INTO audit_seconds (second, first_id, last_id)
          VALUES (?1, min(?2, coalesce((SELECT min(first_id) FROM audit_seconds
                                        WHERE second > ?1), ?2)), ?3)
          """, .integer(mark.second), .integer(mark.first), .integer(mark.last))
      }
    }
    if let late {
      try connection.execute(
        """
        UPDATE audit_late SET second = min(coalesce(second, ?1), ?1), last_id = max(last_id, ?2)
        """, .integer(late.second), .integer(late.last))
    }
  }

  /// Binds entry `index` to the parameters after `offset`, its texts from
  /// `texts` (the bytes of ``text``).
  private func bind(
    entry index: Int, at offset: Int32, texts: UnsafeBufferPointer<UInt8>,
    to statement: SQLiteStatement
  ) throws(StoreError) {
    let entry = entries[index]
    try statement.bind(entry.userID, at: offset + 1)
    // Parameters 2 to 10, in the order `append` wrote them.
    for column in 0..<Self.textCount {
      let slot = index * Self.textCount + column
      let start = slot == 0 ? 0 : textEnds[slot - 1]
      try statement.bindText(
        UnsafeBufferPointer(rebasing: texts[start..<textEnds[slot]]),
        at: offset + 2 + Int32(column))
    }
    if let attemptID = entry.attemptID {
      try statement.bind(attemptID, at: offset + 11)
    } else {
      try statement.bindNull(at: offset + 11)
    }
    try statement.bind(entry.timestamp, at: offset + 12)
  }
}
