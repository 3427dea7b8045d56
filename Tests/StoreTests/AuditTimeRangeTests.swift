import Foundation
import Policy
import Testing

@testable import Store

/// Writes groups of audit entries straight through an ``AuditAppender`` on a
/// second connection, as the store's writer would, remembering each id.
private final class GroupWriter {
  private let connection: SQLiteConnection
  private let appender = AuditAppender()
  private let user: UserRecord
  private(set) var written: [(id: Int64, timestamp: Int64)] = []

  init(path: String, user: UserRecord) throws {
    connection = try SQLiteConnection(path: path, readOnly: false)
    self.user = user
  }

  /// Writes one group; returns the rows it changed besides its own entries.
  @discardableResult
  func write(_ timestamps: [Int64]) throws -> Int64 {
    try connection.executeScript("BEGIN IMMEDIATE")
    for timestamp in timestamps {
      let id = Int64(written.count + 1)
      let check = SendIntent(
        userID: user.id, leadID: nil, sender: address("outreach@yourdomain.com"),
        recipient: address("lead\(id)@example.com"), subject: "Hello")
      let approval = PolicyRules.decide(
        recipient: check.recipient,
        facts: PolicyFacts(
          userCountToday: 0, domainCountToday: 0, suppressionReason: nil, isDuplicate: false))
      appender.append(check, approval, action: .validate, attemptID: nil, at: timestamp)
      written.append((id, timestamp))
    }
    let before = connection.totalChanges
    try appender.finishGroup(on: connection)
    try connection.executeScript("COMMIT")
    return connection.totalChanges - before - Int64(timestamps.count)
  }
}

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
    // Two seconds newer than any before, the later one first.
    [10_500, 9_500],
  ].map { $0.map { base + $0 } }

  /// Bounds around, inside and between the timestamps above.
  fileprivate static let bounds: [Int64?] =
    [nil]
    + [
      -5_000, -2_000, -1, 0, 1, 900, 999, 1_000, 1_001, 1_499, 1_500, 2_500, 3_000, 3_500,
      5_000, 7_000, 7_002, 8_000, 8_001, 9_000, 9_500, 10_000, 10_500, 11_000, 20_000,
    ].map { base + $0 }

  @Test("since and until bound the listing exactly, for entries written out of time order")
  func exactBounds() async throws {
    let fixture = try StoreFixture()
    defer { withExtendedLifetime(fixture) {} }
    let (ann, _) = try await fixture.store.addUser(name: "ann", isAdmin: false)
    let writer = try GroupWriter(path: fixture.path, user: ann)
    for group in Self.groups { try writer.write(group) }
    try await expectExactBounds(writer.written, store: fixture.store, user: ann)
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
      DROP TABLE audit_late;
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

  @Test("after the clock steps back an hour, each group still touches only a few rows")
  func clockSteppedBack() async throws {
    let fixture = try StoreFixture()
    defer { withExtendedLifetime(fixture) {} }
    let (ann, _) = try await fixture.store.addUser(name: "ann", isAdmin: false)
    let writer = try GroupWriter(path: fixture.path, user: ann)
    // An hour of traffic, one entry a second, ten seconds a group.
    for start in stride(from: Int64(0), to: 3_600, by: 10) {
      try writer.write((start..<start + 10).map { Self.base + $0 * 1_000 })
    }
    // The clock steps back to the start of that hour and goes on from there.
    var extra: [Int64] = []
    for start in stride(from: Int64(0), to: 300, by: 10) {
      extra.append(try writer.write((start..<start + 10).map { Self.base + $0 * 1_000 + 500 }))
    }
    // Per group: one row per second it touches, and the row of late entries.
    #expect(extra.allSatisfy { $0 <= 11 }, "rows changed per group: \(extra)")

    for (since, until) in [(0, 60), (5, 6), (250, 3_000), (299, 301), (3_500, 4_000)]
      as [(Int64, Int64)]
    {
      let query = AuditQuery(
        since: Store.date(milliseconds: Self.base + since * 1_000),
        until: Store.date(milliseconds: Self.base + until * 1_000), newestFirst: false)
      let page = try await fixture.store.auditEntries(query, pageToken: nil, pageSize: 1_000)
      let expected = writer.written.filter {
        $0.timestamp >= Self.base + since * 1_000 && $0.timestamp < Self.base + until * 1_000
      }.map(\.id).prefix(1_000)
      #expect(page.items.map(\.id) == Array(expected), "since \(since) s until \(until) s")
    }
  }

  @Test("random groups, late entries and clock steps: every range is exact", arguments: [1, 2, 3])
  func randomHistories(seed: UInt64) async throws {
    let fixture = try StoreFixture()
    defer { withExtendedLifetime(fixture) {} }
    let (ann, _) = try await fixture.store.addUser(name: "ann", isAdmin: false)
    let writer = try GroupWriter(path: fixture.path, user: ann)
    var random = SplitMix(seed: seed)
    var clock: Int64 = 0
    for _ in 0..<60 {
      var group: [Int64] = []
      for _ in 0..<(1 + random.next(below: 8)) {
        switch random.next(below: 10) {
        case 0: clock -= Int64(random.next(below: 20_000))  // a step back
        case 1: clock += Int64(random.next(below: 20_000))  // a step forward
        default: clock += Int64(random.next(below: 700))
        }
        // Times taken a little before others that commit first.
        group.append(clock - Int64(random.next(below: 2) == 0 ? random.next(below: 2_500) : 0))
      }
      try writer.write(group.map { Self.base + $0 })
    }
    let times = writer.written.map(\.timestamp)
    let low = times.min()! - 2_000
    let span = UInt64(times.max()! + 2_000 - low)
    let bounds: [Int64?] = [nil] + (0..<30).map { _ in low + Int64(random.next(below: span)) }
    try await expectExactBounds(writer.written, store: fixture.store, user: ann, bounds: bounds)
  }

  /// Compares every since/until pair of `bounds` with a filter over `written`,
  /// in both orders, with and without the user filter.
  private func expectExactBounds(
    _ written: [(id: Int64, timestamp: Int64)], store: Store, user: UserRecord,
    bounds: [Int64?] = AuditTimeRangeTests.bounds
  ) async throws {
    for since in bounds {
      for until in bounds {
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
}

/// A small seeded generator (SplitMix64), so a failing history can be replayed.
private struct SplitMix {
  private var state: UInt64

  init(seed: UInt64) {
    state = seed
  }

  mutating func next(below bound: UInt64) -> UInt64 {
    state &+= 0x9E37_79B9_7F4A_7C15
    var value = state
    value = (value ^ (value >> 30)) &* 0xBF58_476D_1CE4_E5B9
    value = (value ^ (value >> 27)) &* 0x94D0_49BB_1331_11EB
    return (value ^ (value >> 31)) % bound
  }
}
