import Foundation
import Logging
import Testing

@testable import Mail

/// The client against scripted servers that fail in one specific way each.
@Suite("SMTP client against misbehaving servers")
struct FaultServerTests {
  /// Sends one message to a fault server running `scenario` and returns the
  /// result, after checking that nothing secret crossed the wire unencrypted.
  private func send(
    scenario: String,
    certificate: TestCertificates.Pair = TestCertificates.shared.server,
    host: String = "localhost",
    verifiesTLS: Bool = true,
    sendTimeout: Duration = .seconds(10),
    message: OutgoingMessage = SenderFixture.message(),
    sink: MemoryLogSink = MemoryLogSink(),
    check: (FaultServer) -> Void = { _ in }
  ) async throws -> DeliveryResult {
    try await FaultServer.with(scenario: scenario, certificate: certificate) { server in
      let sender = try SenderFixture.sender(
        SenderFixture.configuration(
          port: server.port, host: host, verifiesTLS: verifiesTLS, sendTimeout: sendTimeout),
        sink: sink)
      let result = await sender.send(message)
      await sender.shutdown()

      let plaintext = server.received(over: "plain")
      #expect(!plaintext.contains { $0.uppercased().hasPrefix("AUTH") })
      for secret in SenderFixture.secretForms {
        #expect(!plaintext.contains { $0.contains(secret) })
        #expect(!sink.lines.contains { $0.contains(secret) })
        #expect(result.failureDetail?.contains(secret) != true)
      }
      check(server)
      return result
    }
  }

  @Test("delivers through a well-behaved server with STARTTLS, AUTH PLAIN and QUIT")
  func deliversNormally() async throws {
    let result = try await send(scenario: "normal") { server in
      #expect(server.verbs(over: "plain") == ["EHLO", "STARTTLS"])
      #expect(server.verbs(over: "tls").prefix(5) == ["EHLO", "AUTH", "MAIL", "RCPT", "DATA"])
      #expect(server.received(over: "tls").last == "QUIT")
    }
    #expect(result.isDelivered)
  }

  @Test(
    "logs the AUTH exchange only in redacted form, even at trace level",
    arguments: [("normal", "AUTH PLAIN <redacted>"), ("auth-equals-login", "<password>")])
  func redactsCredentials(scenario: String, placeholder: String) async throws {
    let sink = MemoryLogSink()
    let result = try await send(scenario: scenario, sink: sink)
    #expect(result.isDelivered)
    #expect(sink.lines.contains { $0.contains(placeholder) })
    for secret in SenderFixture.secretForms {
      #expect(!sink.lines.contains { $0.contains(secret) })
    }
  }

  @Test("refuses to send when the server does not offer STARTTLS")
  func noStartTLS() async throws {
    let result = try await send(scenario: "no-starttls") { server in
      #expect(server.verbs(over: "plain") == ["EHLO"])
      #expect(server.received(over: "tls").isEmpty)
    }
    expectFailure(result, .transient, mentioning: "STARTTLS")
  }

  @Test("gives up without AUTH or MAIL when STARTTLS is answered 454")
  func startTLSRefused() async throws {
    let result = try await send(scenario: "starttls-454") { server in
      #expect(server.verbs(over: "plain") == ["EHLO", "STARTTLS"])
      #expect(server.received(over: "tls").isEmpty)
    }
    expectFailure(result, .transient, mentioning: "454")
  }

  @Test("ignores replies pushed in the same segment as the STARTTLS 220")
  func injectionAfterStartTLS() async throws {
    let result = try await send(scenario: "starttls-injection") { server in
      // The pushed "250 AUTH PLAIN" and "235" were never taken as replies: the
      // client greeted again over TLS before authenticating.
      #expect(server.verbs(over: "tls").prefix(2) == ["EHLO", "AUTH"])
    }
    #expect(result.isDelivered)
  }

  @Test("refuses a self-signed certificate when verifying")
  func selfSignedRefused() async throws {
    let result = try await send(
      scenario: "normal", certificate: TestCertificates.shared.selfSigned
    ) { server in
      #expect(server.received(over: "tls").isEmpty)
    }
    expectFailure(result, .transient, mentioning: "certificate verification failed")
  }

  @Test("refuses a certificate for another host when verifying")
  func wrongHostRefused() async throws {
    let result = try await send(
      scenario: "normal", certificate: TestCertificates.shared.wrongHost
    ) { server in
      #expect(server.received(over: "tls").isEmpty)
    }
    expectFailure(result, .transient, mentioning: "certificate verification failed")
  }

  @Test("verifies a relay addressed by IP against the certificate's IP address")
  func verifiesIPAddress() async throws {
    let result = try await send(scenario: "normal", host: "127.0.0.1")
    #expect(result.isDelivered)
    let wrong = try await send(
      scenario: "normal", certificate: TestCertificates.shared.wrongHost, host: "127.0.0.1")
    expectFailure(wrong, .transient, mentioning: "certificate verification failed")
  }

  @Test(
    "accepts self-signed and wrong-host certificates when verification is off",
    arguments: [TestCertificates.shared.selfSigned, TestCertificates.shared.wrongHost])
  func verificationOff(certificate: TestCertificates.Pair) async throws {
    let result = try await send(scenario: "normal", certificate: certificate, verifiesTLS: false)
    #expect(result.isDelivered)
  }

  @Test("reports rejected credentials as a permanent failure that is not the recipient's")
  func authenticationRejected() async throws {
    let result = try await send(scenario: "auth-535") { server in
      #expect(!server.verbs(over: "tls").contains("MAIL"))
    }
    expectFailure(result, .permanentOther, mentioning: "535", "5.7.8")
  }

  @Test("uses AUTH LOGIN when the server offers only the old AUTH= form")
  func oldAuthForm() async throws {
    let result = try await send(scenario: "auth-equals-login") { server in
      #expect(server.received(over: "tls").contains("AUTH LOGIN"))
    }
    #expect(result.isDelivered)
  }

  @Test("classifies 550 5.1.1 on RCPT as a hard bounce of the recipient")
  func unknownRecipient() async throws {
    let result = try await send(scenario: "rcpt-550-5.1.1") { server in
      #expect(!server.verbs(over: "tls").contains("DATA"))
    }
    expectFailure(result, .permanentRecipient, mentioning: "550 5.1.1")
  }

  @Test("classifies 550 5.1.1 on DATA as a hard bounce of the recipient")
  func unknownRecipientAtData() async throws {
    let result = try await send(scenario: "data-550-5.1.1")
    expectFailure(result, .permanentRecipient)
  }

  @Test("classifies a 550 5.7.1 policy block as permanent but not the recipient's fault")
  func policyBlock() async throws {
    let result = try await send(scenario: "rcpt-550-5.7.1")
    expectFailure(result, .permanentOther, mentioning: "5.7.1")
  }

  @Test("does not treat a 550 without an enhanced code as a hard bounce")
  func bare550() async throws {
    let result = try await send(scenario: "rcpt-550-bare")
    expectFailure(result, .permanentOther)
  }

  @Test("treats 421 in the middle of a session as transient")
  func serviceClosing() async throws {
    let result = try await send(scenario: "mail-421")
    expectFailure(result, .transient, mentioning: "421")
  }

  @Test("times out against a server that never answers")
  func silentServer() async throws {
    let started = ContinuousClock.now
    let result = try await send(scenario: "silent", sendTimeout: .seconds(1))
    expectFailure(result, .transient, mentioning: "timeout")
    #expect(ContinuousClock.now - started < .seconds(30))
  }

  @Test("times out against a server that stalls during the TLS handshake")
  func stalledHandshake() async throws {
    let result = try await send(scenario: "stall-handshake", sendTimeout: .seconds(2))
    expectFailure(result, .transient, mentioning: "TLS handshake")
  }

  @Test("reports an ambiguous outcome when the final reply comes after the deadline")
  func slowFinalReply() async throws {
    let result = try await send(scenario: "slow-data-end", sendTimeout: .seconds(3)) { server in
      #expect(server.received(over: "tls").contains { $0.hasPrefix("<message") })
    }
    expectFailure(result, .ambiguous, mentioning: "timeout")
  }

  @Test("accepts 250 replies and capability lists ending in lines without text")
  func bareReplies() async throws {
    let result = try await send(scenario: "bare-250")
    #expect(result.isDelivered)
  }

  @Test("reads a multi-line 220- greeting")
  func multilineGreeting() async throws {
    let result = try await send(scenario: "multiline-greeting") { server in
      #expect(server.verbs(over: "plain") == ["EHLO", "STARTTLS"])
    }
    #expect(result.isDelivered)
  }

  @Test("fails clearly when a non-ASCII local part meets a server without SMTPUTF8")
  func smtputf8Missing() async throws {
    let message = try OutgoingMessage(
      from: "sender@outreach.test", to: "jürgen@example.test", subject: "Hi", textBody: "Hi")
    let result = try await send(scenario: "smtputf8-absent", message: message) { server in
      #expect(!server.verbs(over: "tls").contains("MAIL"))
    }
    expectFailure(result, .permanentOther, mentioning: "SMTPUTF8")
  }

  @Test("sends a non-ASCII local part with SMTPUTF8 when the server offers it")
  func smtputf8Offered() async throws {
    let message = try OutgoingMessage(
      from: "sender@outreach.test", to: "jürgen@bücher.test", subject: "Hi", textBody: "Hi")
    let result = try await send(scenario: "normal", message: message) { server in
      #expect(
        server.received(over: "tls").contains("RCPT TO:<jürgen@xn--bcher-kva.test>"))
      #expect(server.received(over: "tls").contains { $0.hasSuffix("> SMTPUTF8") })
    }
    #expect(result.isDelivered)
  }
}
