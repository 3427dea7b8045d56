import Foundation
import Policy
import Testing

@testable import Store

/// Audit time filters answer exactly, whatever order entries were written in.
@Suite("Audit entries by time")
struct AuditTimeRangeTests {
  /// A day at noon UTC, in milliseconds.
  private static let base: Int64 = 1_796_472_000_000

  /// Timestamps as groups of one commit each: mostly in order, with entries
  /// written after later ones (within a second and across seconds), a gap
  /// of several seconds, and one entry in a second earlier than any before.
  private static let groups: [[Int64]] = [
    [0, 10, 999, 1_000, 1_500],
    [1_499, 2_000, 900, 2_999],
    [7_000, 7_001, 3_500, 7_002],
    [-2_000, 7_999, 8_000],
  ].map { $0.map { base + $0 } }

  /// Bounds around, inside and between the timestamps above.
  private static let bounds: [Int64?] =
    [nil]
    + [
      -5_000, -2_000, -1, 0, 1, 900, 999, 1_000, 1_001, 1_499, 1_500, 2_500, 3_000, 3_500,
      5_000, 7_000, 7_002, 8_000, 8_001, 20_000,
    ].map { base + $0 }

  @Test("since and until bound the listing exactly, for entries written out of time order")
  func exactBounds() async throws {
    let fixture = try StoreFixture()
    defer { withExtendedLifetime(fixture) {} }
    let (ann, _) = try await fixture.store.addUser(name: "ann", isAdmin: false)
    let connection = try SQLiteConnection(path: fixture.path, readOnly: false)
    let appender = AuditAppender()
    var written: [(id: Int64, timestamp: Int64)] = []
    var nextID: Int64 = 1
    for group in Self.groups {
      try connection.executeScript("BEGIN IMMEDIATE")
      for timestamp in group {
        appender.append(
          check(by: ann, number: nextID), approval(), action: .validate, attemptID: nil,
          at: timestamp)
        written.append((nextID, timestamp))
        nextID += 1
      }
      try appender.finishGroup(on: connection)
      try connection.executeScript("COMMIT")
    }
    try await expectExactBounds(written, store: fixture.store, user: ann)
  }

  @Test("a database from before the per-second rows answers time ranges the same")
  func migratedBounds() async throws {
    let fixture = try StoreFixture()
    defer { withExtendedLifetime(fixture) {} }
    let (ann, _) = try await fixture.store.addUser(name: "ann", isAdmin: false)
    fixture.store.close()

    // Back to schema 2, audit entries written as the older version did, one
    // row at a time with the time-stamp index.
    let connection = try SQLiteConnection(path: fixture.path, readOnly: false)
    try connection.executeScript(
      """
      DROP TABLE audit_seconds;
      CREATE INDEX audit_by_time ON audit_log (timestamp);
      PRAGMA user_version = 2;
      """)
    var written: [(id: Int64, timestamp: Int64)] = []
    for timestamp in Self.groups.joined() {
      try connection.execute(
        """
        INSERT INTO audit_log (user_id, lead_email, lead_canonical, sender_email, subject,
          policy_result, reason, legal_basis, region, action, timestamp)
        VALUES (?, 'a@example.com', 'a@example.com', 'outreach@yourdomain.com', 'Hi',
          'approved', 'All checks passed', 'legitimate_interest', 'US', 'validate', ?)
        """, .integer(ann.id), .integer(timestamp))
      written.append((connection.lastInsertRowID, timestamp))
    }

    try fixture.reopen()
    #expect(try await fixture.store.schemaVersion() == Schema.latestVersion)
    let indexes = try connection.query(
      "SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = 'audit_log'"
    ) { $0.text(0) }
    #expect(!indexes.contains("audit_by_time"))
    try await expectExactBounds(written, store: fixture.store, user: ann)
  }

  /// Compares every since/until pair of ``bounds`` with a filter over `written`,
  /// in both orders, with and without the user filter.
  private func expectExactBounds(
    _ written: [(id: Int64, timestamp: Int64)], store: Store, user: UserRecord
  ) async throws {
    for since in Self.bounds {
      for until in Self.bounds {
        let expected = written.filter { entry in
          (since.map { entry.timestamp >= $0 } ?? true)
            && (until.map { entry.timestamp < $0 } ?? true)
        }.map(\.id)
        for userID in [nil, user.id] {
          for newestFirst in [false, true] {
            let query = AuditQuery(
              userID: userID, since: since.map(Store.date(milliseconds:)),
              until: until.map(Store.date(milliseconds:)), newestFirst: newestFirst)
            let page = try await store.auditEntries(query, pageToken: nil, pageSize: 1_000)
            let ids = page.items.map(\.id)
            #expect(
              ids == (newestFirst ? expected.reversed() : expected),
              "since \(since.map { $0 - Self.base } ?? -1) until \(until.map { $0 - Self.base } ?? -1)"
            )
          }
        }
      }
    }
  }

  private func check(by user: UserRecord, number: Int64) -> SendIntent {
    SendIntent(
      userID: user.id, leadID: nil, sender: address("outreach@yourdomain.com"),
      recipient: address("lead\(number)@example.com"), subject: "Hello")
  }

  private func approval() -> PolicyDecision {
    PolicyRules.decide(
      recipient: address("lead@example.com"),
      facts: PolicyFacts(
        userCountToday: 0, domainCountToday: 0, suppressionReason: nil, isDuplicate: false))
  }
}
