import Foundation
import Testing

@testable import Mail

/// The SMTP dialogue and reply parsing, driven without sockets.
@Suite("SMTP dialogue state machine")
struct SMTPDialogueTests {
  private static let credentials = SMTPCredentials(username: "mailer", password: "hunter2")

  private func reply(_ code: Int, _ lines: String...) -> SMTPReply {
    SMTPReply(code: code, lines: lines.isEmpty ? [""] : lines)
  }

  private func commandText(_ action: SMTPDialogue.Action) -> String? {
    guard case .send(let command) = action else { return nil }
    return String(decoding: command.bytes, as: UTF8.self)
  }

  private let envelope = SMTPEnvelope(
    sender: try! MailAddress("a@x.test"), recipient: try! MailAddress("b@y.test"),
    payload: Array("Subject: x\r\n\r\nbody\r\n.\r\n".utf8))

  /// A dialogue driven through STARTTLS, waiting for the EHLO reply over TLS.
  private func secureDialogue() -> SMTPDialogue {
    var dialogue = SMTPDialogue(heloName: "client.test", credentials: Self.credentials)
    _ = dialogue.start()
    _ = dialogue.receive(reply(220, "mx.test ESMTP"))
    _ = dialogue.receive(reply(250, "mx.test", "STARTTLS"))
    _ = dialogue.receive(reply(220, "go ahead"))
    _ = dialogue.tlsEstablished()
    return dialogue
  }

  /// A dialogue driven to `ready` with a server offering `authLine`.
  private func readyDialogue(authLine: String = "AUTH PLAIN LOGIN") -> SMTPDialogue {
    var dialogue = secureDialogue()
    _ = dialogue.receive(reply(250, "mx.test", authLine))
    #expect(dialogue.receive(reply(235, "2.7.0 ok")) == .ready)
    return dialogue
  }

  @Test("follows connect, EHLO, STARTTLS, EHLO, AUTH, MAIL, RCPT, DATA, end of data")
  func fullFlow() {
    var dialogue = SMTPDialogue(heloName: "client.test", credentials: Self.credentials)
    #expect(dialogue.start() == .awaitReply)
    #expect(commandText(dialogue.receive(reply(220, "mx.test ESMTP"))) == "EHLO client.test\r\n")
    #expect(
      commandText(dialogue.receive(reply(250, "mx.test", "PIPELINING", "STARTTLS")))
        == "STARTTLS\r\n")
    #expect(dialogue.receive(reply(220, "2.0.0 go ahead")) == .startTLS)
    #expect(commandText(dialogue.tlsEstablished()) == "EHLO client.test\r\n")
    let auth = commandText(dialogue.receive(reply(250, "mx.test", "AUTH LOGIN PLAIN")))
    #expect(auth == "AUTH PLAIN \(Self.credentials.plainResponse)\r\n")
    #expect(dialogue.receive(reply(235, "2.7.0 ok")) == .ready)

    #expect(commandText(dialogue.begin(envelope)) == "MAIL FROM:<a@x.test>\r\n")
    #expect(commandText(dialogue.receive(reply(250, "2.1.0 ok"))) == "RCPT TO:<b@y.test>\r\n")
    #expect(commandText(dialogue.receive(reply(250, "2.1.5 ok"))) == "DATA\r\n")
    guard case .send(let payload) = dialogue.receive(reply(354, "go")) else {
      Issue.record("expected the payload")
      return
    }
    #expect(payload.bytes == envelope.payload)
    #expect(payload.loggedForm.hasPrefix("<message"))
    #expect(
      dialogue.receive(reply(250, "2.0.0 queued")) == .messageAccepted(reply(250, "2.0.0 queued")))

    #expect(commandText(dialogue.begin(envelope)) == "RSET\r\n")
    #expect(commandText(dialogue.receive(reply(250))) == "MAIL FROM:<a@x.test>\r\n")
  }

  @Test("never authenticates when STARTTLS is not offered")
  func noStartTLS() {
    var dialogue = SMTPDialogue(heloName: "client.test", credentials: Self.credentials)
    _ = dialogue.start()
    _ = dialogue.receive(reply(220, "mx.test"))
    let action = dialogue.receive(reply(250, "mx.test", "AUTH PLAIN LOGIN"))
    guard case .failed(let failure) = action else {
      Issue.record("expected failure, got \(action)")
      return
    }
    #expect(failure.kind == .transient)
    #expect(!failure.isSessionUsable)
  }

  @Test("forgets capabilities learnt before TLS")
  func forgetsPlaintextCapabilities() {
    var dialogue = SMTPDialogue(heloName: "client.test", credentials: Self.credentials)
    _ = dialogue.start()
    _ = dialogue.receive(reply(220, "mx.test"))
    _ = dialogue.receive(reply(250, "mx.test", "STARTTLS", "AUTH PLAIN"))
    _ = dialogue.receive(reply(220, "go ahead"))
    #expect(dialogue.capabilities == SMTPDialogue.Capabilities())
    _ = dialogue.tlsEstablished()
    // Over TLS the server offers no AUTH: the plaintext offer must not be used.
    let action = dialogue.receive(reply(250, "mx.test", "8BITMIME"))
    guard case .failed(let failure) = action else {
      Issue.record("expected failure, got \(action)")
      return
    }
    #expect(failure.kind == .permanentOther)
  }

  @Test(
    "reads AUTH mechanisms from both the standard and the old AUTH= form",
    arguments: [
      (["mx", "AUTH PLAIN LOGIN"], ["PLAIN", "LOGIN"]), (["mx", "AUTH=LOGIN"], ["LOGIN"]),
      (["mx", "auth login", "AUTH=PLAIN"], ["PLAIN", "LOGIN"]),
      (["mx", "SIZE 100", "AUTH LOGIN"], ["LOGIN"]),
    ])
  func authMechanisms(lines: [String], mechanisms: [String]) {
    let capabilities = SMTPDialogue.Capabilities(ehloReply: SMTPReply(code: 250, lines: lines))
    #expect(capabilities.authMechanisms == Set(mechanisms))
  }

  @Test("answers the two AUTH LOGIN prompts with the encoded user name and password")
  func authLogin() {
    var dialogue = secureDialogue()
    #expect(commandText(dialogue.receive(reply(250, "mx", "AUTH=LOGIN"))) == "AUTH LOGIN\r\n")
    let user = dialogue.receive(reply(334, "VXNlcm5hbWU6"))
    #expect(commandText(user) == "bWFpbGVy\r\n")
    let password = dialogue.receive(reply(334, "UGFzc3dvcmQ6"))
    #expect(commandText(password) == "aHVudGVyMg==\r\n")
    if case .send(let command) = password {
      #expect(!command.loggedForm.contains("aHVudGVyMg"))
    }
    #expect(dialogue.receive(reply(235)) == .ready)
  }

  @Test(
    "classifies refusals by reply class, enhanced code and step",
    arguments: [
      (
        SMTPDialogue.Phase.recipient, 550, "5.1.1 no such user", SMTPFailure.Kind.permanentRecipient
      ),
      (.recipient, 550, "5.1.10 null MX", .permanentRecipient),
      (.recipient, 550, "5.2.1 mailbox disabled", .permanentRecipient),
      (.recipient, 550, "5.7.1 blocked by policy", .permanentOther),
      (.recipient, 554, "5.7.26 DMARC", .permanentOther),
      (.recipient, 550, "no enhanced code", .permanentOther),
      (.recipient, 550, "4.1.1 class mismatch", .permanentOther),
      (.recipient, 450, "4.2.1 try later", .transient),
      (.dataEnd, 550, "5.1.1 unknown", .permanentRecipient),
      (.dataEnd, 552, "5.3.4 too big", .permanentOther),
      (.mailFrom, 553, "5.1.8 bad sender domain", .permanentOther),
      (.recipient, 553, "5.1.7 bad sender", .permanentOther),
      (.mailFrom, 550, "5.1.1 unknown", .permanentOther),
    ])
  func classification(step: SMTPDialogue.Phase, code: Int, text: String, kind: SMTPFailure.Kind) {
    #expect(SMTPDialogue.classify(SMTPReply(code: code, lines: [text]), at: step) == kind)
  }

  @Test("treats a lost connection after the end of data as ambiguous and before it as transient")
  func transportFailures() {
    var dialogue = readyDialogue()
    _ = dialogue.begin(envelope)
    _ = dialogue.receive(reply(250))
    _ = dialogue.receive(reply(250))
    _ = dialogue.receive(reply(354))
    #expect(dialogue.transportFailed("timeout").kind == .ambiguous)

    var early = readyDialogue()
    _ = early.begin(envelope)
    _ = early.receive(reply(250))
    #expect(early.transportFailed("timeout").kind == .transient)
  }

  @Test("gives up the session on 421 and keeps it after an ordinary refusal")
  func sessionUsability() {
    var dialogue = readyDialogue()
    _ = dialogue.begin(envelope)
    guard case .failed(let refused) = dialogue.receive(reply(550, "5.7.1 no")) else {
      Issue.record("expected failure")
      return
    }
    #expect(refused.isSessionUsable)
    #expect(dialogue.phase == .ready)

    #expect(commandText(dialogue.begin(envelope)) == "RSET\r\n")
    guard case .failed(let closing) = dialogue.receive(reply(421, "4.3.2 bye")) else {
      Issue.record("expected failure")
      return
    }
    #expect(!closing.isSessionUsable)
    #expect(closing.isRetryableOnNewSession)
  }
}

@Suite("SMTP reply parser")
struct SMTPReplyParserTests {
  private func parse(_ text: String) throws -> [SMTPReply] {
    var parser = SMTPReplyParser()
    parser.append(Array(text.utf8))
    var replies: [SMTPReply] = []
    while let reply = try parser.nextReply() { replies.append(reply) }
    return replies
  }

  @Test("joins multi-line replies and reads lines without text")
  func multiLine() throws {
    let replies = try parse(
      "220-mx.test ESMTP\r\n220-second\r\n220 ready\r\n250\r\n250-a\r\n250\r\n")
    #expect(replies.count == 3)
    #expect(replies[0] == SMTPReply(code: 220, lines: ["mx.test ESMTP", "second", "ready"]))
    #expect(replies[1] == SMTPReply(code: 250, lines: [""]))
    #expect(replies[2] == SMTPReply(code: 250, lines: ["a", ""]))
  }

  @Test("waits for the rest of a reply split across reads")
  func splitReads() throws {
    var parser = SMTPReplyParser()
    parser.append(Array("250-mx\r\n25".utf8))
    #expect(try parser.nextReply() == nil)
    parser.append(Array("0 ok\r\n".utf8))
    #expect(try parser.nextReply() == SMTPReply(code: 250, lines: ["mx", "ok"]))
  }

  @Test(
    "rejects malformed lines",
    arguments: ["hello\r\n", "25\r\n", "250x\r\n", "250-a\r\n251 b\r\n"])
  func malformed(text: String) {
    #expect(throws: SMTPReplyParser.ParseError.self) { try parse(text) }
  }

  @Test("rejects an endless line")
  func endlessLine() {
    var parser = SMTPReplyParser()
    parser.append([UInt8](repeating: 65, count: SMTPReplyParser.maximumLineLength + 1))
    #expect(throws: SMTPReplyParser.ParseError.lineTooLong) { try parser.nextReply() }
  }

  @Test("forgets buffered bytes when told to")
  func discard() throws {
    var parser = SMTPReplyParser()
    parser.append(Array("235 2.7.0 fake\r\n".utf8))
    parser.discardBufferedInput()
    #expect(try parser.nextReply() == nil)
  }

  @Test(
    "reads enhanced status codes only when their class matches the reply",
    arguments: [
      (550, "5.1.1 user unknown", "5.1.1"), (250, "2.0.0 ok", "2.0.0"), (550, "4.1.1 x", nil),
      (550, "user unknown", nil), (550, "5.1 short", nil), (550, "", nil),
    ])
  func enhancedCode(code: Int, text: String, expected: String?) {
    #expect(SMTPReply(code: code, lines: [text]).enhancedCode?.description == expected)
  }
}
