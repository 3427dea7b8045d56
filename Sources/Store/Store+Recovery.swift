import Foundation
import Policy

/// What start-up recovery did.
public struct RecoveryReport: Sendable, Hashable {
  /// Attempts whose delivery had not begun: marked `failed`, holds released.
  public let releasedAttemptIDs: [Int64]
  /// Attempts whose delivery had begun: marked `unknown`, counted, key kept.
  public let ambiguousAttemptIDs: [Int64]
}

extension Store {
  /// Resolves attempts left `pending` by a previous process that died.
  ///
  /// The rule: an attempt that never reached ``markDeliveryStarted(attemptID:)``
  /// cannot have been delivered, so it becomes `failed` and its slots and key
  /// are released, as for any failed send. One whose delivery had begun may
  /// have been delivered, so it becomes `unknown` and keeps its slots as
  /// counts and its key as used, so that no cap is exceeded and no duplicate
  /// goes out. Completed sends are untouched: their caller's reply was sent
  /// only after their commit.
  ///
  /// - Important: Call this once at server start-up, before serving, and
  ///   never while another process may have sends in flight on the same file.
  public func recoverInterruptedAttempts() async throws -> RecoveryReport {
    let now = nowMilliseconds()
    return try await writer.write { (connection) throws(StoreError) in
      let stale = try connection.query(
        "SELECT id, delivery_started_at IS NOT NULL FROM attempts WHERE status = 'pending'"
      ) { ($0.integer(0), $0.integer(1) != 0) }
      var released: [Int64] = []
      var ambiguous: [Int64] = []
      for (id, deliveryStarted) in stale {
        let pending = try Self.pendingAttempt(id, on: connection)
        let status = deliveryStarted ? "unknown" : "failed"
        let detail =
          deliveryStarted
          ? "The server stopped during delivery; the message may have been sent."
          : "The server stopped before delivery began."
        try connection.execute(
          "UPDATE attempts SET status = ?, failure_detail = ?, finished_at = ? WHERE id = ?",
          .text(status), .text(detail), .integer(now), .integer(id))
        try Self.settleHolds(of: pending, counted: deliveryStarted, at: now, on: connection)
        if deliveryStarted { ambiguous.append(id) } else { released.append(id) }
      }
      return RecoveryReport(releasedAttemptIDs: released, ambiguousAttemptIDs: ambiguous)
    }
  }
}

extension Store {
  /// Deletes state no check can need any more: used idempotency keys past
  /// their expiry and daily counts older than yesterday with nothing held.
  /// The server calls it now and then (hourly is plenty); it changes no
  /// decision.
  /// - Returns: how many rows were deleted.
  @discardableResult
  public func purgeExpiredState() async throws -> Int {
    let now = nowMilliseconds()
    let oldestKeptDay = UTCDay(containing: options.clock()).number - 1
    return try await writer.write { (connection) throws(StoreError) in
      let keys = try connection.execute(
        "DELETE FROM idempotency_keys WHERE state = 'used' AND expires_at <= ?", .integer(now))
      let users = try connection.execute(
        "DELETE FROM daily_user_counts WHERE day < ? AND held = 0", .integer(oldestKeptDay))
      let domains = try connection.execute(
        "DELETE FROM daily_domain_counts WHERE day < ? AND held = 0", .integer(oldestKeptDay))
      return keys + users + domains
    }
  }
}
