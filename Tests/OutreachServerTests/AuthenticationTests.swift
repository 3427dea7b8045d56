import Foundation
import OutreachAPI
import RPC
import Store
import Testing

@testable import OutreachServer

/// Callers authenticate with a bearer token and see only their own data.
@Suite("Authentication and visibility")
struct AuthenticationTests {
  @Test(
    "calls without a usable token are refused before anything runs",
    arguments: [
      (nil, "missing bearer token"),
      ("not-a-token", "invalid or revoked token"),
    ] as [(String?, String)])
  func refusesBadTokens(token: String?, message: String) async throws {
    try await TestServer.with { server in
      let stranger = try TestCaller(target: server.target, token: token)
      let owner = try await server.caller("owner", isAdmin: true)

      let error = await status { try await stranger.validate("editor@example.com") }

      #expect(error?.code == .unauthenticated)
      #expect(error?.message == message)
      #expect(try await owner.auditEntries().isEmpty)
      #expect(
        await status { try await stranger.leads.list(ListLeadsRequest()) }?.code
          == .unauthenticated)
      #expect(
        await status { try await stranger.auditEntries() }?.code == .unauthenticated)
    }
  }

  @Test(
    "the bearer token is read from the authorization entry",
    arguments: [
      ("Bearer otk_abc", "otk_abc"), ("bearer   otk_abc  ", "otk_abc"),
      ("BEARER otk_abc", "otk_abc"), ("Bearer", nil), ("Bearer    ", nil),
      ("Basic otk_abc", nil), ("Bearerotk_abc", nil), ("", nil),
    ] as [(String, String?)])
  func readsBearerToken(header: String, token: String?) {
    var metadata = Metadata()
    metadata.add("authorization", header)
    #expect(CallGuard.bearerToken(in: metadata).map(String.init) == token)
    #expect(CallGuard.bearerToken(in: Metadata()) == nil)
  }

  @Test("a header that is not a bearer token counts as missing")
  func refusesOtherSchemes() async throws {
    try await TestServer.with { server in
      let caller = try await server.caller("alice")
      var options = CallOptions()
      options.metadata.add("authorization", "Basic \(caller.token)")
      let anonymous = try TestCaller(target: server.target, token: nil)
      var request = ValidateRequest()
      request.recipientEmail = "editor@example.com"
      request.subject = "Hello"

      let error = await status { try await anonymous.policy.validate(request, options: options) }

      #expect(error?.code == .unauthenticated)
      #expect(error?.message == "missing bearer token")
    }
  }

  @Test("a revoked token stops working at once")
  func revokedToken() async throws {
    try await TestServer.with { server in
      let caller = try await server.caller("alice")
      _ = try await caller.validate("editor@example.com")

      #expect(try await server.store.revokeToken(caller.token))
      let error = await status { try await caller.validate("editor@example.com") }

      #expect(error?.code == .unauthenticated)
      #expect(error?.message == "invalid or revoked token")
    }
  }

  @Test("health checks need no token")
  func healthIsOpen() async throws {
    try await TestServer.with { server in
      let anonymous = try TestCaller(target: server.target, token: nil)
      let response = try await HealthClient(client: anonymous.client).check(HealthCheckRequest())
      #expect(response.status == .serving)
    }
  }

  @Test("another user's lead is not found, and nothing of theirs shows in any reply")
  func othersDataIsInvisible() async throws {
    try await TestServer.with { server in
      let alice = try await server.caller("alice")
      let mallory = try await server.caller("mallory")
      let aliceLead = try await alice.lead("secret.contact@example.com", name: "Secret Contact")
      _ = try await alice.validate("secret.contact@example.com", subject: "Private plan")
      _ = await alice.send(lead: aliceLead, subject: "Private plan")

      var get = GetLeadRequest()
      get.id = aliceLead
      let getError = await status { try await mallory.leads.get(get) }
      #expect(getError?.code == .notFound)

      let sendError = await mallory.send(lead: aliceLead)
      guard case .failure(let error) = sendError else {
        Issue.record("sending to another user's lead succeeded")
        return
      }
      #expect(error.code == .notFound)
      #expect(!error.message.contains("secret"))

      #expect(try await mallory.leads.list(ListLeadsRequest()).leads.isEmpty)
      let malloryAudit = try await mallory.auditEntries()
      #expect(malloryAudit.allSatisfy { $0.userId == mallory.userID })
      #expect(!malloryAudit.contains { $0.leadEmail.contains("secret") })

      var othersAudit = ListAuditRequest()
      othersAudit.userId = alice.userID
      #expect(
        await status { try await mallory.auditEntries(othersAudit) }?.code
          == .permissionDenied)

      // The suppression list is shared, but not who added an entry.
      var add = AddSuppressionRequest()
      add.email = "optout@example.com"
      _ = try await alice.suppressions.add(add)
      let seenByMallory = try await mallory.suppressions.list(ListSuppressionsRequest())
      #expect(seenByMallory.suppressions.map(\.createdByUserId) == [0])
      let seenByAlice = try await alice.suppressions.list(ListSuppressionsRequest())
      #expect(seenByAlice.suppressions.map(\.createdByUserId) == [alice.userID])

      // The attempt went to alice's quota, not mallory's.
      #expect(try await mallory.validate("x@example.org").dailyUserCount == 0)
    }
  }

  @Test("an admin sees every user's leads and entries")
  func adminSeesAll() async throws {
    try await TestServer.with { server in
      let alice = try await server.caller("alice")
      let admin = try await server.caller("root", isAdmin: true)
      let lead = try await alice.lead("editor@example.com")
      _ = try await alice.validate("editor@example.com")

      var get = GetLeadRequest()
      get.id = lead
      #expect(try await admin.leads.get(get).ownerUserId == alice.userID)
      #expect(try await admin.auditEntries().map(\.userId) == [alice.userID])
    }
  }

  @Test("only admins remove suppressions")
  func onlyAdminsRemoveSuppressions() async throws {
    try await TestServer.with { server in
      let alice = try await server.caller("alice")
      let admin = try await server.caller("root", isAdmin: true)
      var add = AddSuppressionRequest()
      add.email = "gone@example.com"
      add.reason = "User requested unsubscribe"
      _ = try await alice.suppressions.add(add)
      var remove = RemoveSuppressionRequest()
      remove.email = "GONE@Example.COM"

      let error = await status { try await alice.suppressions.remove(remove) }
      #expect(error?.code == .permissionDenied)
      var check = CheckSuppressionRequest()
      check.email = "gone@example.com"
      #expect(try await alice.suppressions.check(check).suppressed)

      #expect(try await admin.suppressions.remove(remove).removed)
      #expect(try await !alice.suppressions.check(check).suppressed)
    }
  }
}
