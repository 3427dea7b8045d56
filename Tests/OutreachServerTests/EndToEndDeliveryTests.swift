import Foundation
import Mail
import OutreachAPI
import RPC
import Testing

@testable import OutreachServer

/// `Outreach.Send` through the real SMTP sender to real local mail servers:
/// aiosmtpd with STARTTLS and AUTH required, and a scripted server that
/// rejects the recipient.
@Suite("End to end over SMTP")
struct EndToEndDeliveryTests {
  /// A local SMTP server started for one test, its certificates and folder.
  private final class LocalMailServer: Sendable {
    let directory: URL
    let process: ChildProcess
    let port: UInt16
    static let user = "outreach"
    static let password = "local-test-pass"

    /// Starts `scripts/smtp-server.py`, or the fault server with `scenario`.
    init(scenario: String? = nil) async throws {
      directory = FileManager.default.temporaryDirectory
        .appendingPathComponent("outreach-smtp-\(UUID().uuidString)")
      let root = TestEnvironment.repositoryRoot
      let ca = try ChildProcess(
        "/bin/bash",
        [root.appendingPathComponent("scripts/make-local-ca.sh").path, directory.path, "1"])
      let made = await ca.finish(within: .seconds(60))
      try #require(made.status == 0, "\(made.errors)")

      let certificate = directory.appendingPathComponent("server.pem").path
      let key = directory.appendingPathComponent("server.key").path
      var arguments: [String]
      if let scenario {
        arguments = [
          root.appendingPathComponent("scripts/smtp-fault-server.py").path,
          "--scenario", scenario, "--transcript",
          directory.appendingPathComponent("transcript.txt").path,
        ]
      } else {
        arguments = [
          root.appendingPathComponent("scripts/smtp-server.py").path, "--exit-with-parent",
          "--maildir", directory.appendingPathComponent("mail").path,
        ]
      }
      arguments += [
        "--port", "0", "--cert", certificate, "--key", key, "--user", Self.user,
        "--password", Self.password,
      ]
      process = try ChildProcess(TestEnvironment.python, arguments)
      let deadline = ContinuousClock.now.advanced(by: .seconds(60))
      var port: UInt16?
      while port == nil && ContinuousClock.now < deadline && process.isRunning {
        port = process.standardOutput.split(separator: "\n").first.flatMap { UInt16($0) }
        if port == nil { try await Task.sleep(for: .milliseconds(20)) }
      }
      guard let port else {
        let result = await process.finish(within: .seconds(1))
        throw RPCError(.unavailable, "the SMTP server did not start: \(result.errors)")
      }
      self.port = port
    }

    /// An SMTP sender verifying this server against its CA.
    func sender() throws -> SMTPSender {
      try SMTPSender(
        configuration: SMTPConfiguration(
          host: "localhost", port: port, username: Self.user, password: Self.password,
          verifiesTLS: true, sendTimeout: .seconds(30),
          fromAddress: try MailAddress(TestServer.defaultSender),
          caFile: directory.appendingPathComponent("ca.pem").path))
    }

    /// The messages the server stored.
    func storedMessages() throws -> [String] {
      let folder = directory.appendingPathComponent("mail")
      return try FileManager.default.contentsOfDirectory(atPath: folder.path)
        .filter { $0.hasSuffix(".eml") }.sorted()
        .map { try String(contentsOf: folder.appendingPathComponent($0), encoding: .utf8) }
    }

    func stop() async {
      process.kill(signal: SIGTERM)
      _ = await process.finish(within: .seconds(10))
      try? FileManager.default.removeItem(at: directory)
    }
  }

  /// Runs `body` against an Outreach server whose sends go through the real
  /// SMTP sender to a fresh local mail server (the fault server when
  /// `scenario` is given), and stops both on every path.
  private func withLocalMailServer(
    scenario: String? = nil, _ body: (LocalMailServer, TestServer) async throws -> Void
  ) async throws {
    let smtp = try await LocalMailServer(scenario: scenario)
    let sender: SMTPSender
    do {
      sender = try smtp.sender()
    } catch {
      await smtp.stop()
      throw error
    }
    do {
      try await TestServer.with(sender: sender) { server in try await body(smtp, server) }
    } catch {
      await sender.shutdown()
      await smtp.stop()
      throw error
    }
    await sender.shutdown()
    await smtp.stop()
  }

  @Test("a send is delivered over STARTTLS and AUTH, lands in the folder and is counted")
  func deliversToRealServer() async throws {
    try await withLocalMailServer { smtp, server in
      let caller = try await server.caller("alice")
      let lead = try await caller.lead("editor@example.com", name: "Ed Itor")

      let response = try await caller.send(
        lead: lead, subject: "Grüße — 🚀", body: "Hello Ed,\n.leading dot\n"
      ).get()

      #expect(response.attempt?.status == .sent)
      let messageID = try #require(response.attempt?.messageId)
      #expect(!messageID.isEmpty && !messageID.hasPrefix("<"))
      let stored = try smtp.storedMessages()
      #expect(stored.count == 1)
      let message = try #require(stored.first)
      #expect(message.contains("Message-ID: <\(messageID)>"))
      #expect(message.contains("editor@example.com"))
      #expect(message.contains("=?utf-8?") || message.contains("=?UTF-8?"))
      var get = GetLeadRequest()
      get.id = lead
      #expect(try await caller.leads.get(get).status == .contacted)
      let after = try await caller.validate("someone@example.com")
      #expect(after.dailyUserCount == 1)
      #expect(after.dailyDomainCount == 1)
    }
  }

  @Test("a 550 5.1.1 from the mail server suppresses the recipient as a hard bounce")
  func hardBounceFromServer() async throws {
    try await withLocalMailServer(scenario: "rcpt-550-5.1.1") { _, server in
      let caller = try await server.caller("alice")
      let lead = try await caller.lead("nobody@y.test")

      let result = await caller.send(lead: lead)

      guard case .failure(let error) = result else {
        Issue.record("a rejected recipient was reported as delivered")
        return
      }
      #expect(error.code == .internal)
      #expect(error.message == "delivery failed")
      var check = CheckSuppressionRequest()
      check.email = "nobody@y.test"
      let suppression = try await caller.suppressions.check(check)
      #expect(suppression.suppression?.source == .hardBounce)
      var get = GetLeadRequest()
      get.id = lead
      #expect(try await caller.leads.get(get).status == .bounced)
      #expect(try await caller.validate("other@y.test").dailyUserCount == 0)
    }
  }

  @Test("make run's script starts both servers, and its printed example calls deliver")
  func runLocalScript() async throws {
    let root = TestEnvironment.repositoryRoot
    let runDirectory = FileManager.default.temporaryDirectory
      .appendingPathComponent("outreach-run-\(UUID().uuidString)")
    let environment = [
      "RUN_DIR": runDirectory.path, "OUTREACH_PORT": "0",
      "OUTREACHD": TestEnvironment.outreachd, "RUN_LOCAL_DETACH": "1",
      "OUTREACH_PYTHON": TestEnvironment.python,
    ]
    let script = root.appendingPathComponent("scripts/run-local.sh").path
    defer {
      // Stops the detached servers by the PIDs the script recorded.
      let stop = try? ChildProcess("/bin/bash", [script, "stop"], environment: environment)
      stop?.waitForExit()
      try? FileManager.default.removeItem(at: runDirectory)
    }

    let start = try ChildProcess("/bin/bash", [script], environment: environment)
    let started = await start.finish(within: .seconds(120))
    try #require(started.status == 0, "\(started.output)\(started.errors)")
    #expect(started.output.contains("example-send.py"))

    let settings = try String(
      contentsOf: runDirectory.appendingPathComponent("env"), encoding: .utf8)
    var values: [String: String] = [:]
    for line in settings.split(separator: "\n") {
      let parts = line.split(separator: "=", maxSplits: 1).map(String.init)
      if parts.count == 2 { values[parts[0]] = parts[1] }
    }
    let server = try #require(values["OUTREACH_SERVER"])
    let token = try #require(values["OUTREACH_TOKEN"])

    let example = try ChildProcess(
      TestEnvironment.python,
      [
        root.appendingPathComponent("scripts/example-send.py").path, "--server", server,
        "--token", token, "--email", "editor@example.com",
      ])
    let sent = await example.finish(within: .seconds(180))
    #expect(sent.status == 0, "\(sent.output)\(sent.errors)")
    #expect(sent.output.contains("sent: attempt 1"))
    #expect(sent.output.contains("the same send again: blocked"))

    // The printed CLI call, with the message file the script wrote.
    let cli = try ChildProcess(
      TestEnvironment.outreach,
      [
        "--server", server, "--token", token, "send", "--lead", "1", "--subject", "Again",
        "--body-file", runDirectory.appendingPathComponent("message.txt").path,
      ])
    let cliResult = await cli.finish(within: .seconds(60))
    #expect(cliResult.status == 0, "\(cliResult.output)\(cliResult.errors)")
    #expect(cliResult.output.contains("status:       sent"))

    let mail = try FileManager.default.contentsOfDirectory(
      atPath: runDirectory.appendingPathComponent("mail").path)
    #expect(mail.filter { $0.hasSuffix(".eml") }.count == 2)
  }
}
