import Foundation
import OutreachAPI
import Policy
import RPC
import Store
import Testing

@testable import OutreachServer

/// Leads, suppressions, events and the audit log over the wire.
@Suite("Leads, suppressions, events and audit")
struct RecordServicesTests {
  @Test("an import keeps good rows, reports bad ones by index and line, and merges duplicates")
  func importReportsAndMerges() async throws {
    try await TestServer.with { server in
      let caller = try await server.caller("alice")
      _ = try await caller.lead("existing@example.com")
      let rows: [(String, String, Int64)] = [
        ("one@example.com", "One", 10),
        ("not an address", "Bad", 11),
        ("ONE@EXAMPLE.COM", "", 12),
        ("existing@Example.com", "Old", 0),
        ("two@bücher.de", "Two", 14),
        ("three@example.com", "Line\nbreak", 15),
      ]
      let response = try await caller.leads.import { writer in
        for (email, name, line) in rows {
          var row = ImportLeadsRequest()
          row.email = email
          row.name = name
          row.line = line
          try await writer.write(row)
        }
      }

      #expect(response.added == 2)
      #expect(response.merged == 2)
      #expect(response.rejected == 2)
      #expect(response.errors.map(\.index) == [2, 6])
      #expect(response.errors.map(\.line) == [11, 15])
      #expect(response.errors.map(\.email) == ["not an address", "three@example.com"])
      #expect(response.errors[1].reason.hasPrefix("name"))
      let leads = try await caller.leads.list(ListLeadsRequest()).leads
      #expect(
        leads.map(\.email) == ["existing@example.com", "one@example.com", "two@xn--bcher-kva.de"])
      #expect(leads.allSatisfy { $0.status == .new })
    }
  }

  @Test("an import of thousands of rows lands in full")
  func largeImport() async throws {
    try await TestServer.with { server in
      let caller = try await server.caller("alice")
      let response = try await caller.leads.import { writer in
        for index in 0..<3_000 {
          var row = ImportLeadsRequest()
          row.email = "lead\(index)@bulk\(index % 7).example"
          try await writer.write(row)
        }
      }
      #expect(response.added == 3_000)
      var request = ListLeadsRequest()
      request.pageSize = 1_000
      var seen = 0
      repeat {
        let page = try await caller.leads.list(request)
        seen += page.leads.count
        request.pageToken = page.nextPageToken
      } while !request.pageToken.isEmpty
      #expect(seen == 3_000)
    }
  }

  @Test("an import with more bad rows than a reply can list counts them all and lists the first")
  func importWithManyBadRows() async throws {
    try await TestServer.with { server in
      let caller = try await server.caller("alice")
      let badRows = 12_000
      // Each rejection echoes a long address: listed in full, the reply
      // would pass the 4 MiB a stock gRPC client accepts.
      let padding = String(repeating: "x", count: 300)
      let response = try await caller.leads.import { writer in
        for index in 0..<badRows {
          var row = ImportLeadsRequest()
          row.email = "\(padding)\(index)-has-no-at-sign.example"
          try await writer.write(row)
        }
        var good = ImportLeadsRequest()
        good.email = "kept@example.com"
        try await writer.write(good)
      }

      #expect(response.added == 1)
      #expect(response.rejected == Int64(badRows))
      #expect(response.errors.count == LeadsEndpoint.maxReportedErrors)
      #expect(response.errors.first?.index == 1)
      #expect(response.errors.last?.index == Int64(LeadsEndpoint.maxReportedErrors))
      #expect(
        try await caller.leads.list(ListLeadsRequest()).leads.map(\.email) == ["kept@example.com"])
    }
  }

  @Test("lists page in a stable order and filter by status")
  func listsPageAndFilter() async throws {
    try await TestServer.with { server in
      let caller = try await server.caller("alice")
      for index in 0..<5 {
        var add = AddSuppressionRequest()
        add.email = "s\(index)@example.com"
        _ = try await caller.suppressions.add(add)
      }
      var request = ListSuppressionsRequest()
      request.pageSize = 2
      var emails: [String] = []
      repeat {
        let page = try await caller.suppressions.list(request)
        emails += page.suppressions.map(\.email)
        request.pageToken = page.nextPageToken
      } while !request.pageToken.isEmpty
      #expect(emails == (0..<5).map { "s\($0)@example.com" })

      var badToken = ListSuppressionsRequest()
      badToken.pageToken = "garbage"
      #expect(
        await status { try await caller.suppressions.list(badToken) }?.code
          == .invalidArgument)

      _ = try await caller.lead("s1@example.com")
      _ = try await caller.lead("fresh@example.com")
      var unsubscribed = ListLeadsRequest()
      unsubscribed.status = .unsubscribed
      #expect(try await caller.leads.list(unsubscribed).leads.map(\.email) == ["s1@example.com"])
      var new = ListLeadsRequest()
      new.status = .new
      #expect(try await caller.leads.list(new).leads.map(\.email) == ["fresh@example.com"])
      // A status from a newer schema is refused rather than listing every lead.
      var unknown = ListLeadsRequest()
      unknown.status = LeadStatus(rawValue: 42)
      let refused = await status { try await caller.leads.list(unknown) }
      #expect(refused?.code == .invalidArgument)
      #expect(refused?.message.contains("status: 42") == true)
    }
  }

  @Test(
    "a hard bounce suppresses and marks the lead bounced; a soft one does nothing",
    arguments: [(OutreachAPI.BounceKind.hard, true), (.soft, false)])
  func bounces(kind: BounceKind, suppresses: Bool) async throws {
    try await TestServer.with { server in
      let caller = try await server.caller("alice")
      let lead = try await caller.lead("gone@example.com")
      var report = ReportBounceRequest()
      report.email = "Gone@Example.com"
      report.kind = kind
      report.diagnostic = "550 5.1.1 user unknown"

      let response = try await caller.events.reportBounce(report)

      #expect(response.suppressed == suppresses)
      #expect(try await !caller.validate("gone@example.com").allowed == suppresses)
      var get = GetLeadRequest()
      get.id = lead
      #expect(try await caller.leads.get(get).status == (suppresses ? .bounced : .new))
      if suppresses { #expect(response.suppression?.source == .hardBounce) }
    }
  }

  @Test("a bounce of unspecified kind is INVALID_ARGUMENT")
  func bounceNeedsKind() async throws {
    try await TestServer.with { server in
      let caller = try await server.caller("alice")
      var report = ReportBounceRequest()
      report.email = "gone@example.com"
      #expect(
        await status { try await caller.events.reportBounce(report) }?.code
          == .invalidArgument)
    }
  }

  @Test(
    "replies are classified; removal and not-interested replies suppress with their source",
    arguments: [
      (
        "Please remove me from your list.", OutreachAPI.ReplyClassification.removalRequest,
        OutreachAPI.SuppressionSource.unsubscribe, OutreachAPI.LeadStatus.unsubscribed
      ),
      (
        "Bitte entfernen Sie mich aus Ihrem Verteiler.", .removalRequest, .unsubscribe,
        .unsubscribed
      ),
      (
        "Merci, mais nous ne sommes pas intéressés.", .notInterested, .notInterested,
        .notInterested
      ),
      ("No estamos interesados, gracias.", .notInterested, .notInterested, .notInterested),
      ("I am out of the office until Monday.", .outOfOffice, .unspecified, .new),
      ("Sounds great, tell me more!", .ordinary, .unspecified, .new),
    ])
  func replies(
    text: String, expected: OutreachAPI.ReplyClassification, source: OutreachAPI.SuppressionSource,
    status: OutreachAPI.LeadStatus
  ) async throws {
    try await TestServer.with { server in
      let caller = try await server.caller("alice")
      let lead = try await caller.lead("reply@example.com")
      var report = ReportReplyRequest()
      report.email = "reply@example.com"
      report.text = text

      let response = try await caller.events.reportReply(report)

      #expect(response.classification == expected)
      #expect(response.suppressed == (source != .unspecified))
      #expect((response.suppression?.source ?? .unspecified) == source)
      var get = GetLeadRequest()
      get.id = lead
      #expect(try await caller.leads.get(get).status == status)
    }
  }

  @Test("the audit log filters by recipient, result and time, in either order, with a limit")
  func auditFilters() async throws {
    try await TestServer.with { server in
      let caller = try await server.caller("alice")
      var add = AddSuppressionRequest()
      add.email = "blocked@example.com"
      _ = try await caller.suppressions.add(add)
      let start = Timestamp.format(Date().addingTimeInterval(-1))
      _ = try await caller.validate("a@example.com", subject: "1")
      _ = try await caller.validate("blocked@example.com", subject: "2")
      _ = try await caller.validate("A@EXAMPLE.com", subject: "3")

      #expect(try await caller.auditEntries().map(\.subject) == ["3", "2", "1"])
      var oldest = ListAuditRequest()
      oldest.order = .oldestFirst
      #expect(try await caller.auditEntries(oldest).map(\.subject) == ["1", "2", "3"])
      var byRecipient = ListAuditRequest()
      byRecipient.recipientEmail = "a@Example.COM"
      #expect(try await caller.auditEntries(byRecipient).map(\.subject) == ["3", "1"])
      var blocked = ListAuditRequest()
      blocked.policyResult = "blocked"
      let blockedEntries = try await caller.auditEntries(blocked)
      #expect(blockedEntries.map(\.subject) == ["2"])
      #expect(blockedEntries.first?.reason.contains("suppressed") == true)
      var limited = ListAuditRequest()
      limited.limit = 2
      #expect(try await caller.auditEntries(limited).count == 2)
      var window = ListAuditRequest()
      window.since = start
      window.until = Timestamp.format(Date().addingTimeInterval(60))
      #expect(try await caller.auditEntries(window).count == 3)
      window.since = Timestamp.format(Date().addingTimeInterval(60))
      window.until = ""
      #expect(try await caller.auditEntries(window).isEmpty)
      var badTime = ListAuditRequest()
      badTime.since = "yesterday"
      #expect(await status { try await caller.auditEntries(badTime) }?.code == .invalidArgument)
      // An order from a newer schema is refused, not read as newest first.
      var unknownOrder = ListAuditRequest()
      unknownOrder.order = AuditOrder(rawValue: 7)
      let refused = await status { try await caller.auditEntries(unknownOrder) }
      #expect(refused?.code == .invalidArgument)
      #expect(refused?.message.contains("order: 7") == true)
      let entry = try #require(try await caller.auditEntries(limited).first)
      #expect(Timestamp.parse(entry.timestamp) != nil)
      #expect(entry.legalBasis == "legitimate_interest")
      #expect(entry.senderEmail == TestServer.defaultSender)
    }
  }

  @Test("a following audit stream delivers entries written after it started")
  func auditFollow() async throws {
    try await TestServer.with { server in
      let caller = try await server.caller("alice")
      _ = try await caller.validate("before@example.com")
      var follow = ListAuditRequest()
      follow.order = .oldestFirst
      follow.follow = true
      follow.limit = 3

      async let streamed = caller.auditEntries(follow)
      try await Task.sleep(for: .milliseconds(300))
      _ = try await caller.validate("after1@example.com")
      _ = try await caller.validate("after2@example.com")

      #expect(
        try await streamed.map(\.leadEmail)
          == ["before@example.com", "after1@example.com", "after2@example.com"])

      var newestFollow = ListAuditRequest()
      newestFollow.follow = true
      #expect(
        await status { try await caller.auditEntries(newestFollow) }?.code
          == .invalidArgument)
    }
  }

  @Test("a following audit stream keeps up with more entries than one poll's page")
  func auditFollowKeepsUp() async throws {
    try await TestServer.with { server in
      let caller = try await server.caller("alice")
      let user = try #require(try await server.store.user(named: "alice"))
      let count = 8 * AuditEndpoint.pageSize
      var follow = ListAuditRequest()
      follow.order = .oldestFirst
      follow.follow = true
      follow.limit = Int32(count)

      async let streamed = caller.auditEntries(follow)
      try await Task.sleep(for: .milliseconds(300))
      try await withThrowingTaskGroup(of: Void.self) { group in
        for index in 0..<count {
          group.addTask {
            _ = try await server.store.validate(
              SendIntent(
                userID: user.id, sender: try EmailAddress(parsing: TestServer.defaultSender),
                recipient: try EmailAddress(parsing: "r\(index)@example.com"),
                subject: "Catch up"))
          }
        }
        try await group.waitForAll()
      }
      let written = ContinuousClock.now
      let entries = try await streamed
      let behind = ContinuousClock.now - written

      #expect(entries.count == count)
      #expect(Set(entries.map(\.leadEmail)).count == count)
      // Polling a page per interval would take at least seven intervals
      // (1.4 s) more to deliver eight pages.
      #expect(behind < .seconds(1), "the follower finished \(behind) after the last write")
    }
  }

  @Test("a following audit stream ends UNAVAILABLE as the server drains, not after its grace")
  func auditFollowEndsOnDrain() async throws {
    try await TestServer.with { server in
      let caller = try await server.caller("alice")
      var follow = ListAuditRequest()
      follow.order = .oldestFirst
      follow.follow = true

      async let ended = status { try await caller.auditEntries(follow) }
      try await Task.sleep(for: .milliseconds(300))
      let start = ContinuousClock.now
      await server.application.shutdown()
      let drained = ContinuousClock.now - start

      #expect(await ended?.code == .unavailable)
      // The test server's grace period is five seconds.
      #expect(drained < .seconds(3), "the drain took \(drained)")
    }
  }

  @Test("validation is audited and consumes nothing")
  func validationConsumesNothing() async throws {
    try await TestServer.with { server in
      let caller = try await server.caller("alice")
      for _ in 0..<3 {
        let decision = try await caller.validate("editor@example.co.uk", subject: "Same")
        #expect(decision.allowed)
        #expect(decision.dailyUserCount == 0)
        #expect(decision.region == "UK")
        #expect(decision.legalBasis == "consent")
      }
      #expect(try await caller.auditEntries().count == 3)
      #expect(try await caller.auditEntries().allSatisfy { $0.action == "validate" })
    }
  }
}
