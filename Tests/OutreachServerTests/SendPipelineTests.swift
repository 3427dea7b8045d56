import Foundation
import Logging
import Mail
import OutreachAPI
import Policy
import RPC
import Store
import Testing

@testable import OutreachServer

/// One send through the pipeline: what the caller sees and what the store
/// keeps, for each way delivery can end.
@Suite("The send pipeline")
struct SendPipelineTests {
  @Test("a delivered send counts, marks the lead contacted and returns the attempt")
  func deliveredSend() async throws {
    let mail = ScriptedMail()
    mail.script { _ in .delivered(messageID: "<abc.123@sender.test>") }
    try await TestServer.with(mail: mail) { server in
      let caller = try await server.caller("alice")
      let lead = try await caller.lead("Editor@Example.com", name: "Ed Itor")

      let response = try await caller.send(lead: lead, subject: "Guest post", body: "Hi Ed").get()

      #expect(response.attempt?.status == .sent)
      #expect(response.attempt?.messageId == "abc.123@sender.test")
      #expect(response.attempt?.recipientEmail == "Editor@example.com")
      #expect(response.attempt?.senderEmail == TestServer.defaultSender)
      #expect(response.attempt?.legalBasis == "legitimate_interest")
      #expect(response.attempt?.region == "US")
      #expect(response.attempt?.sentAt.isEmpty == false)
      #expect(response.dailyUserCount == 1)
      #expect(response.dailyDomainCount == 1)
      #expect(response.dailyUserLimit == 100)
      #expect(response.dailyDomainLimit == 20)
      let message = try #require(server.mail.messages.first)
      #expect(message.to.wireForm == "Editor@example.com")
      #expect(message.toName == "Ed Itor")
      #expect(message.subject == "Guest post")
      var get = GetLeadRequest()
      get.id = lead
      #expect(try await caller.leads.get(get).status == .contacted)
      let entries = try await caller.auditEntries()
      #expect(entries.count == 1)
      #expect(entries.first?.action == "send")
      #expect(entries.first?.policyResult == "approved")
      #expect(entries.first?.attemptId == response.attempt?.id)
    }
  }

  @Test("a blocked send is PERMISSION_DENIED with the reason and the decision in a trailer")
  func blockedSendCarriesDecision() async throws {
    try await TestServer.with { server in
      let caller = try await server.caller("alice")
      let lead = try await caller.lead("editor@example.de")
      _ = try await caller.send(lead: lead, subject: "Once").get()

      let second = await caller.send(lead: lead, subject: "Once")

      guard case .failure(let error) = second else {
        Issue.record("a duplicate send succeeded")
        return
      }
      #expect(error.code == .permissionDenied)
      #expect(error.message.lowercased().contains("duplicate"))
      let trailer = try #require(error.metadata.binary("outreach-decision-bin"))
      let decision = try ValidateResponse(serializedBytes: trailer)
      #expect(decision.allowed == false)
      #expect(decision.reason == error.message)
      #expect(decision.legalBasis == "consent")
      #expect(decision.region == "EU")
      #expect(decision.dailyUserCount == 1)
      #expect(server.mail.messages.count == 1)
      let blocked = try await caller.auditEntries().filter { $0.policyResult == "blocked" }
      #expect(blocked.count == 1)
    }
  }

  @Test(
    "a hard bounce suppresses the recipient, marks the lead bounced and says only 'delivery failed'"
  )
  func hardBounceSuppresses() async throws {
    let mail = ScriptedMail()
    mail.script { _ in
      .permanentRecipient(detail: "RCPT 550 5.1.1 <x@bounce.example>: no such user")
    }
    try await TestServer.with(mail: mail) { server in
      let caller = try await server.caller("alice")
      let lead = try await caller.lead("x@bounce.example")

      let result = await caller.send(lead: lead)

      guard case .failure(let error) = result else {
        Issue.record("a bounced send succeeded")
        return
      }
      #expect(error.code == .internal)
      #expect(error.message == "delivery failed")
      #expect(error.metadata.isEmpty)
      var check = CheckSuppressionRequest()
      check.email = "X@BOUNCE.example"
      let suppression = try await caller.suppressions.check(check)
      #expect(suppression.suppressed)
      #expect(suppression.suppression?.source == .hardBounce)
      var get = GetLeadRequest()
      get.id = lead
      #expect(try await caller.leads.get(get).status == .bounced)
      // Nothing was consumed by the failed send.
      #expect(try await caller.validate("y@bounce.example").dailyUserCount == 0)
      let attempts = try await server.store.attempt(
        id: 1, visibleTo: Viewer(userID: caller.userID, isAdmin: false))
      #expect(attempts?.status == .failed)
      #expect(attempts?.failureDetail?.contains("5.1.1") == true)
    }
  }

  @Test(
    "failures that are not the recipient's fault release everything without suppressing",
    arguments: [
      DeliveryResult.transient(detail: "421 4.7.0 try later"),
      .permanentOther(detail: "550 5.7.1 policy block"),
    ])
  func failureReleases(result: DeliveryResult) async throws {
    let mail = ScriptedMail()
    mail.script { _ in result }
    try await TestServer.with(mail: mail) { server in
      let caller = try await server.caller("alice")
      let lead = try await caller.lead("editor@example.com")

      let first = await caller.send(lead: lead)
      guard case .failure(let error) = first else {
        Issue.record("a failed delivery succeeded")
        return
      }
      #expect(error.code == .internal)
      #expect(error.message == "delivery failed")
      var check = CheckSuppressionRequest()
      check.email = "editor@example.com"
      #expect(try await !caller.suppressions.check(check).suppressed)
      let decision = try await caller.validate("editor@example.com")
      #expect(decision.allowed)
      #expect(decision.dailyUserCount == 0)
    }
  }

  @Test("an ambiguous delivery keeps the key and the count")
  func ambiguousKeepsKey() async throws {
    let mail = ScriptedMail()
    mail.script { _ in .ambiguous(detail: "timeout after final dot") }
    try await TestServer.with(mail: mail) { server in
      let caller = try await server.caller("alice")
      let lead = try await caller.lead("editor@example.com")

      _ = await caller.send(lead: lead)
      let retry = try await caller.validate("editor@example.com")

      #expect(!retry.allowed)
      #expect(retry.dailyUserCount == 1)
      let attempt = try await server.store.attempt(
        id: 1, visibleTo: Viewer(userID: caller.userID, isAdmin: false))
      #expect(attempt?.status == .unknown)
    }
  }

  @Test("a caller that gives up does not stop delivery or its bookkeeping")
  func cancelledCallerStillSettles() async throws {
    let mail = ScriptedMail(delay: .seconds(2))
    try await TestServer.with(mail: mail) { server in
      let caller = try await server.caller("alice")
      let lead = try await caller.lead("editor@example.com")
      let viewer = Viewer(userID: caller.userID, isAdmin: false)

      // Leave only once delivery is under way: the attempt exists and is
      // still pending while the mail server takes its time.
      let call = Task { await caller.send(lead: lead) }
      let deadline = ContinuousClock.now + .seconds(30)
      while try await server.store.attempt(id: 1, visibleTo: viewer)?.status != .pending,
        ContinuousClock.now < deadline
      {
        try await Task.sleep(for: .milliseconds(5))
      }
      call.cancel()
      guard case .failure(let error) = await call.value else {
        Issue.record("the send finished before the caller left")
        return
      }
      #expect(error.code == .cancelled)

      await server.application.deliveries.waitUntilIdle()
      let attempt = try await server.store.attempt(id: 1, visibleTo: viewer)
      #expect(attempt?.status == .sent)
      #expect(try await caller.validate("other@example.com").dailyUserCount == 1)
      var get = GetLeadRequest()
      get.id = lead
      #expect(try await caller.leads.get(get).status == .contacted)
    }
  }

  @Test("a caller gone before anything is reserved gets nothing sent and holds nothing")
  func callerGoneBeforeReservation() async throws {
    try await TestServer.with { server in
      let caller = try await server.caller("alice")
      let lead = try await caller.lead("editor@example.com")
      let user = try #require(try await server.store.authenticate(token: caller.token))
      let pipeline = SendPipeline(
        store: server.store, mail: server.mail,
        senders: SenderAddresses(
          defaultSender: try EmailAddress(parsing: TestServer.defaultSender)),
        deliveries: DeliveryTracker(), logger: Logger(label: "test", level: .critical))
      var request = SendRequest()
      request.leadId = lead
      request.subject = "Hello"
      request.bodyText = "Hi"

      let call = Task {
        // Parked until cancelled, so the send runs for a caller already gone,
        // as when its deadline passes before the handler gets that far.
        try? await Task.sleep(for: .seconds(60))
        return try await Caller.$current.withValue(user) {
          try await pipeline.send(
            request,
            context: ServerContext(
              method: OutreachMethods.send, requestMetadata: Metadata(), deadline: nil,
              peer: "test"))
        }
      }
      call.cancel()

      await #expect(throws: CancellationError.self) { try await call.value }
      #expect(server.mail.messages.isEmpty)
      #expect(try await caller.auditEntries().isEmpty)
      let retry = try await caller.validate("editor@example.com")
      #expect(retry.allowed)
      #expect(retry.dailyUserCount == 0)
    }
  }

  @Test("an unknown lead is NOT_FOUND and costs nothing")
  func unknownLead() async throws {
    try await TestServer.with { server in
      let caller = try await server.caller("alice")
      let result = await caller.send(lead: 4242)
      guard case .failure(let error) = result else {
        Issue.record("a send to a missing lead succeeded")
        return
      }
      #expect(error.code == .notFound)
      #expect(try await caller.auditEntries().isEmpty)
      #expect(server.mail.messages.isEmpty)
    }
  }

  @Test(
    "bad input is INVALID_ARGUMENT, names the field, and reaches neither audit nor mail",
    arguments: [
      ("", "Hi", "subject"),
      ("Hello\r\nBcc: victim@example.com", "Hi", "subject"),
      ("Hello\nthere", "Hi", "subject"),
      ("Null\u{0}byte", "Hi", "subject"),
      (String(repeating: "s", count: 999), "Hi", "subject"),
      ("Hello", "", "body_text"),
      ("Hello", "Body with a NUL \u{0} inside", "body_text"),
    ])
  func badSendInput(subject: String, body: String, field: String) async throws {
    try await TestServer.with { server in
      let caller = try await server.caller("alice")
      let lead = try await caller.lead("editor@example.com")

      let result = await caller.send(lead: lead, subject: subject, body: body)

      guard case .failure(let error) = result else {
        Issue.record("bad input was sent")
        return
      }
      #expect(error.code == .invalidArgument)
      #expect(error.message.hasPrefix(field))
      #expect(try await caller.auditEntries().isEmpty)
      #expect(server.mail.messages.isEmpty)
    }
  }

  @Test(
    "malformed addresses are INVALID_ARGUMENT everywhere an address is taken",
    arguments: [
      "no-at-sign", "a@x.test>\r\nRCPT TO:<b@y.test>", "two@@example.com", "nul\u{0}@example.com",
      "\(String(repeating: "a", count: 65))@example.com",
    ])
  func malformedAddresses(address: String) async throws {
    try await TestServer.with { server in
      let caller = try await server.caller("alice")
      #expect(await status { try await caller.validate(address) }?.code == .invalidArgument)
      #expect(await status { try await caller.lead(address) }?.code == .invalidArgument)
      var add = AddSuppressionRequest()
      add.email = address
      #expect(await status { try await caller.suppressions.add(add) }?.code == .invalidArgument)
      #expect(try await caller.auditEntries().isEmpty)
    }
  }
}
