import Foundation
import Mail
import OutreachAPI
import Policy
import RPC
import Store
import Testing

@testable import OutreachServer

/// Concurrent sends through the real server: caps and duplicate keys hold
/// exactly, however many calls race, and failed deliveries consume nothing.
@Suite("Sending concurrently")
struct SendConcurrencyTests {
  /// Creates one lead per address through `Leads.Import` and returns their
  /// ids in the same order.
  private func importLeads(_ addresses: [String], as caller: TestCaller) async throws -> [Int64] {
    let response = try await caller.leads.import { writer in
      for address in addresses {
        var row = ImportLeadsRequest()
        row.email = address
        try await writer.write(row)
      }
    }
    #expect(response.added == Int64(addresses.count))
    var ids: [String: Int64] = [:]
    var request = ListLeadsRequest()
    request.pageSize = 1_000
    for lead in try await caller.leads.list(request).leads { ids[lead.email] = lead.id }
    return addresses.map { ids[$0]! }
  }

  /// Sends to every lead at once and returns the outcomes.
  private func sendAll(
    _ leads: [Int64], subject: @escaping @Sendable (Int) -> String = { _ in "Hello" },
    as caller: TestCaller
  ) async -> [Result<SendResponse, RPCError>] {
    await withTaskGroup(of: Result<SendResponse, RPCError>.self) { group in
      for (index, lead) in leads.enumerated() {
        group.addTask { await caller.send(lead: lead, subject: subject(index)) }
      }
      var results: [Result<SendResponse, RPCError>] = []
      for await result in group { results.append(result) }
      return results
    }
  }

  private func successes(_ results: [Result<SendResponse, RPCError>]) -> Int {
    results.filter { if case .success = $0 { true } else { false } }.count
  }

  private func failures(_ results: [Result<SendResponse, RPCError>]) -> [RPCError] {
    results.compactMap { if case .failure(let error) = $0 { error } else { nil } }
  }

  @Test("300 concurrent sends from one user to distinct domains deliver exactly 100")
  func userCapUnderRace() async throws {
    try await TestServer.with { server in
      let caller = try await server.caller("alice")
      let leads = try await importLeads(
        (0..<300).map { "editor\($0)@site\($0).example" }, as: caller)

      let results = await sendAll(leads, as: caller)

      #expect(successes(results) == 100)
      #expect(server.mail.messages.count == 100)
      for error in failures(results) {
        #expect(error.code == .permissionDenied)
        #expect(error.message.hasPrefix("Daily user cap reached"))
      }
      let after = try await caller.validate("someone@another.example")
      #expect(after.dailyUserCount == 100)
      #expect(!after.allowed)
    }
  }

  @Test("50 concurrent sends to one domain deliver exactly 20")
  func domainCapUnderRace() async throws {
    try await TestServer.with { server in
      let caller = try await server.caller("alice")
      let leads = try await importLeads(
        (0..<50).map { "person\($0)@one-domain.example" }, as: caller)

      let results = await sendAll(leads, as: caller)

      #expect(successes(results) == 20)
      #expect(server.mail.messages.count == 20)
      for error in failures(results) {
        #expect(error.code == .permissionDenied)
        #expect(error.message.hasPrefix("Daily domain cap reached"))
      }
      let after = try await caller.validate("new@one-domain.example")
      #expect(after.dailyDomainCount == 20)
    }
  }

  @Test("20 concurrent identical sends deliver exactly one")
  func duplicateUnderRace() async throws {
    try await TestServer.with { server in
      let caller = try await server.caller("alice")
      let lead = try await caller.lead("editor@example.com")

      let results = await sendAll(Array(repeating: lead, count: 20), as: caller)

      #expect(successes(results) == 1)
      #expect(server.mail.messages.count == 1)
      #expect(failures(results).allSatisfy { $0.code == .permissionDenied })
    }
  }

  @Test("with deliveries failing at random, counts equal successful deliveries exactly")
  func randomFailuresConsumeNothing() async throws {
    let mail = ScriptedMail(delay: .milliseconds(5))
    mail.script { message in
      Bool.random()
        ? .delivered(messageID: "<\(UUID().uuidString)@test>")
        : .transient(detail: "421 4.3.0 try later")
    }
    try await TestServer.with(mail: mail) { server in
      let caller = try await server.caller("alice")
      let leads = try await importLeads(
        (0..<300).map { "editor\($0)@random\($0 % 60).example" }, as: caller)

      let results = await sendAll(leads, as: caller)
      let delivered = successes(results)

      for error in failures(results) {
        #expect([.permissionDenied, .internal].contains(error.code))
        if error.code == .internal { #expect(error.message == "delivery failed") }
      }
      let after = try await caller.validate("someone@elsewhere.example")
      #expect(Int(after.dailyUserCount) == delivered)
      #expect(delivered <= 100)
      var domainTotal = 0
      for domain in 0..<60 {
        let counts = try await server.store.dailyCounts(
          userID: caller.userID, domain: try DomainName(parsing: "random\(domain).example"))
        #expect(counts.domain <= 20)
        domainTotal += counts.domain
      }
      #expect(domainTotal == delivered)
      let sendChecks = try await caller.auditEntries().filter { $0.action == "send" }
      #expect(sendChecks.count == 300)
    }
  }
}
