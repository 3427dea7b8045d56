import Foundation
import Policy
import Synchronization
import Testing

@testable import Store

/// What one appended check should read back as.
private struct ExpectedEntry {
  let intent: SendIntent
  let decision: PolicyDecision
  let action: AuditAction
  let attemptID: Int64?
  let timestamp: Int64
}

@Suite("Audit entries inserted per group")
struct AuditGroupTests {
  /// Checks of two users, upper-case local parts, non-ASCII subjects, and
  /// both outcomes, so every column differs from entry to entry.
  private func expectedEntries(count: Int, users: [UserRecord]) -> [ExpectedEntry] {
    (0..<count).map { index in
      let recipient = address("Lead.\(index)@Example\(index % 7).co.uk")
      let sent = SendIntent(
        userID: users[index % users.count].id, leadID: nil,
        sender: address("Team\(index % 3)@yourdomain.com"), recipient: recipient,
        subject: "Grüße Nummer \(index)")
      let facts = PolicyFacts(
        userCountToday: index, domainCountToday: 0,
        suppressionReason: index % 5 == 0 ? "asked to be removed (\(index))" : nil,
        isDuplicate: false)
      return ExpectedEntry(
        intent: sent, decision: PolicyRules.decide(recipient: recipient, facts: facts),
        action: index % 2 == 0 ? .validate : .send, attemptID: nil,
        timestamp: 1_796_472_000_000 + Int64(index))
    }
  }

  @Test(
    "a group's entries read back field for field, in the order appended",
    arguments: [1, 3, 64, 85, 150])
  func groupReadsBack(count: Int) async throws {
    let fixture = try StoreFixture()
    defer { withExtendedLifetime(fixture) {} }
    let (ann, _) = try await fixture.store.addUser(name: "ann", isAdmin: false)
    let (bob, _) = try await fixture.store.addUser(name: "bob", isAdmin: false)
    let expected = expectedEntries(count: count, users: [ann, bob])

    // A second connection plays the writer: the store's own is idle.
    let connection = try SQLiteConnection(path: fixture.path, readOnly: false)
    let appender = AuditAppender()
    try connection.executeScript("BEGIN IMMEDIATE")
    for entry in expected {
      appender.append(
        entry.intent, entry.decision, action: entry.action, attemptID: entry.attemptID,
        at: entry.timestamp)
    }
    try appender.finishGroup(on: connection)
    #expect(appender.isEmpty)
    // A finished group inserts nothing a second time.
    try appender.finishGroup(on: connection)
    try connection.executeScript("COMMIT")

    let page = try await fixture.store.auditEntries(
      AuditQuery(newestFirst: false), pageToken: nil, pageSize: 1_000)
    #expect(page.items.count == count)
    for (entry, row) in zip(expected, page.items) {
      #expect(row.userID == entry.intent.userID)
      #expect(row.leadEmail == entry.intent.recipient.address)
      #expect(row.senderEmail == entry.intent.sender.address)
      #expect(row.subject == entry.intent.subject)
      #expect(row.policyResult == (entry.decision.isAllowed ? .approved : .blocked))
      #expect(row.reason == entry.decision.reason)
      #expect(row.legalBasis == entry.decision.legalBasis)
      #expect(row.region == entry.decision.region)
      #expect(row.action == entry.action)
      #expect(row.attemptID == nil)
      #expect(row.timestamp == Store.date(milliseconds: entry.timestamp))
    }
    // Ids follow the order of appending.
    #expect(page.items.map(\.id) == page.items.map(\.id).sorted())
    // The recipient filter compares canonical forms, stored per entry.
    let lead = expected[count - 1].intent.recipient
    let filtered = try await fixture.store.auditEntries(
      AuditQuery(recipient: address(lead.canonical.uppercased())), pageToken: nil, pageSize: 10)
    #expect(filtered.items.map(\.leadEmail) == [lead.address])
  }

  @Test("a discarded group leaves nothing behind")
  func discardedGroup() async throws {
    let fixture = try StoreFixture()
    defer { withExtendedLifetime(fixture) {} }
    let (ann, _) = try await fixture.store.addUser(name: "ann", isAdmin: false)
    let connection = try SQLiteConnection(path: fixture.path, readOnly: false)
    let appender = AuditAppender()
    for entry in expectedEntries(count: 5, users: [ann]) {
      appender.append(
        entry.intent, entry.decision, action: entry.action, attemptID: nil, at: entry.timestamp)
    }
    appender.discardGroup()
    #expect(appender.isEmpty)
    try connection.executeScript("BEGIN IMMEDIATE")
    try appender.finishGroup(on: connection)
    try connection.executeScript("COMMIT")
    let count = try connection.queryFirst("SELECT count(*) FROM audit_log") { $0.integer(0) }
    #expect(count == 0)
  }

  @Test("a write that fails inside a group costs the other checks none of their entries")
  func failingWriteInGroup() async throws {
    let fixture = try StoreFixture()
    let store = fixture.store
    defer { withExtendedLifetime(fixture) {} }
    let (ann, _) = try await store.addUser(name: "ann", isAdmin: false)

    // Queued back to back, so most land in the groups the failures roll back
    // and run again.
    let outcomes = await withTaskGroup(of: Bool.self) { group in
      for index in 0..<120 {
        group.addTask {
          if index % 10 == 3 {
            let failed = try? await store.writer.write { (_) throws(StoreError) -> Int in
              throw StoreError(.conflict, "planned failure")
            }
            return failed == nil
          }
          let decision = try? await store.validate(intent(ann, to: "r\(index)@example.com"))
          return decision?.isAllowed == true
        }
      }
      var outcomes: [Bool] = []
      for await outcome in group { outcomes.append(outcome) }
      return outcomes
    }
    #expect(outcomes.allSatisfy { $0 })

    let entries = try await store.auditEntries(
      AuditQuery(userID: ann.id), pageToken: nil, pageSize: 1_000)
    let recipients = entries.items.map(\.leadEmail)
    let expected = (0..<120).filter { $0 % 10 != 3 }.map { "r\($0)@example.com" }
    // Exactly one entry per check: none lost, none written twice.
    #expect(recipients.sorted() == expected.sorted())
  }
}
