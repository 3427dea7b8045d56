import Foundation
import Logging
import Testing

@testable import Mail

/// End-to-end sends through aiosmtpd with STARTTLS and AUTH required, the
/// stored messages read back with Python's `email` package.
@Suite("SMTP delivery through a real SMTP server")
struct RealServerTests {
  /// Starts `scripts/smtp-server.py` with a fresh mail folder and runs `body`.
  private func withMailServer(
    body: (_ port: UInt16, _ maildir: URL) async throws -> Void
  ) async throws {
    let maildir = try TestEnvironment.makeTemporaryDirectory()
    defer { try? FileManager.default.removeItem(at: maildir) }
    let certificates = TestCertificates.shared
    try await ServerProcess.withServer(
      script: TestEnvironment.script("smtp-server.py"),
      arguments: [
        "--port", "0", "--cert", certificates.server.certificate, "--key", certificates.server.key,
        "--user", SenderFixture.username, "--password", SenderFixture.password,
        "--maildir", maildir.path, "--exit-with-parent",
      ]
    ) { server in
      try await body(server.port, maildir)
    }
  }

  /// The `.eml` files in `maildir`, oldest first.
  private func storedMessages(in maildir: URL) throws -> [URL] {
    try FileManager.default.contentsOfDirectory(at: maildir, includingPropertiesForKeys: nil)
      .filter { $0.pathExtension == "eml" }
      .sorted { $0.lastPathComponent < $1.lastPathComponent }
  }

  /// What Python's `email` package reads from a stored message.
  private struct ParsedMessage: Decodable {
    let subject: String
    let from: String
    let to: String
    let messageID: String
    let date: String?
    let mimeVersion: String?
    let contentType: String
    let text: String?
    let html: String?
    let rawSubject: String
    let longestRawLine: Int
    let defects: [String]
  }

  private static let parser = """
    import email, json, sys
    from email import policy
    raw = open(sys.argv[1], "rb").read()
    message = email.message_from_bytes(raw, policy=policy.default)
    plain = message.get_body(("plain",))
    html = message.get_body(("html",))
    def content(part):
        # Content arrives with the wire's CRLF line ends.
        return part.get_content().replace("\\r\\n", "\\n") if part else None
    raw_subject = email.message_from_bytes(raw, policy=policy.compat32).get("Subject")
    print(json.dumps({
        "subject": str(message["subject"]), "from": str(message["from"]),
        "to": str(message["to"]), "messageID": message["message-id"],
        "date": message["date"], "mimeVersion": message["mime-version"],
        "contentType": message.get_content_type(),
        "text": content(plain), "html": content(html),
        "rawSubject": str(raw_subject),
        "longestRawLine": max(len(line) for line in raw.split(b"\\r\\n")),
        "defects": [str(d) for part in message.walk() for d in part.defects],
    }))
    """

  private func parse(_ file: URL) throws -> ParsedMessage {
    let json = try TestEnvironment.run(TestEnvironment.python, ["-c", Self.parser, file.path])
    return try JSONDecoder().decode(ParsedMessage.self, from: Data(json.utf8))
  }

  @Test("delivers a message whose headers, encoded subject and body survive intact")
  func deliversIntactMessage() async throws {
    let longLine = String(repeating: "0123456789", count: 1000)
    let text =
      "Hello Jörg,\n.a line that starts with a dot\n..two dots\n.\nbare CR\rend\r\n" + longLine
      + "\nbye\n"
    let message = try OutgoingMessage(
      from: "sender@outreach.test", fromName: "Jörg Müller — Outreach",
      to: "lead@example.test", toName: "Ada Lovelace",
      subject: "Grüße — 🚀", textBody: text,
      htmlBody: "<p>Grüße</p>\n<p>.dot</p>")

    try await withMailServer { port, maildir in
      let sink = MemoryLogSink()
      let sender = try SenderFixture.sender(SenderFixture.configuration(port: port), sink: sink)
      let result = await sender.send(message)
      await sender.shutdown()

      guard case .delivered(let messageID) = result else {
        Issue.record("expected delivery, got \(result)")
        return
      }
      let files = try storedMessages(in: maildir)
      #expect(files.count == 1)
      let parsed = try parse(try #require(files.first))

      #expect(parsed.subject == "Grüße — 🚀")
      #expect(parsed.rawSubject.hasPrefix("=?UTF-8?B?"))
      #expect(parsed.from == "Jörg Müller — Outreach <sender@outreach.test>")
      #expect(parsed.to == "Ada Lovelace <lead@example.test>")
      #expect(parsed.messageID == messageID)
      #expect(messageID.hasSuffix("@outreach.test>"))
      #expect(parsed.date != nil)
      #expect(parsed.mimeVersion == "1.0")
      #expect(parsed.contentType == "multipart/alternative")
      #expect(
        parsed.text
          == "Hello Jörg,\n.a line that starts with a dot\n..two dots\n.\nbare CR\nend\n"
          + longLine + "\nbye\n")
      #expect(parsed.html == "<p>Grüße</p>\n<p>.dot</p>\n")
      #expect(parsed.longestRawLine <= 998)
      #expect(parsed.defects.isEmpty)

      for secret in SenderFixture.secretForms {
        #expect(!sink.lines.contains { $0.contains(secret) })
      }
    }
  }

  @Test("carries consecutive messages on one session")
  func reusesSession() async throws {
    try await withMailServer { port, maildir in
      let sender = try SenderFixture.sender(SenderFixture.configuration(port: port))
      for index in 1...3 {
        let result = await sender.send(SenderFixture.message(subject: "Message \(index)"))
        #expect(result.isDelivered, "\(result)")
      }
      #expect(await sender.sessionsOpened == 1)
      await sender.shutdown()

      let subjects = try storedMessages(in: maildir).map { try parse($0).subject }
      #expect(subjects == ["Message 1", "Message 2", "Message 3"])
    }
  }

  @Test("is refused by the real server with a wrong password, as a permanent failure")
  func wrongPassword() async throws {
    try await withMailServer { port, maildir in
      var configuration = SenderFixture.configuration(port: port)
      configuration.password = "not-the-password"
      let sender = try SenderFixture.sender(configuration)
      let result = await sender.send(SenderFixture.message())
      await sender.shutdown()

      expectFailure(result, .permanentOther, mentioning: "535")
      #expect(result.failureDetail?.contains("not-the-password") == false)
      #expect(try storedMessages(in: maildir).isEmpty)
    }
  }
}
