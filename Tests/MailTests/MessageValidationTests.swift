import Foundation
import Testing

@testable import Mail

/// Input that could forge headers or SMTP commands is refused before any
/// message exists, so nothing can be sent.
@Suite("Message validation and injection")
struct MessageValidationTests {
  static let lineBreaks = ["\r\n", "\n", "\r", "\0"]

  @Test("refuses CR, LF and NUL in the subject", arguments: lineBreaks)
  func subject(lineBreak: String) {
    #expect(throws: MessageValidationError.self) {
      try OutgoingMessage(
        from: "a@x.test", to: "b@y.test", subject: "Hi\(lineBreak)Bcc: victim@z.test",
        textBody: "")
    }
    do {
      _ = try OutgoingMessage(
        from: "a@x.test", to: "b@y.test", subject: "Hi\(lineBreak)X", textBody: "")
    } catch {
      #expect(error.code == .forbiddenCharacter)
      #expect(error.field == "subject")
    }
  }

  @Test("refuses CR, LF and NUL in display names", arguments: lineBreaks)
  func displayNames(lineBreak: String) {
    #expect(throws: MessageValidationError.self) {
      try OutgoingMessage(
        from: "a@x.test", fromName: "Eve\(lineBreak)To: c@z.test", to: "b@y.test",
        subject: "Hi", textBody: "")
    }
    #expect(throws: MessageValidationError.self) {
      try OutgoingMessage(
        from: "a@x.test", to: "b@y.test", toName: "Bob\(lineBreak)", subject: "Hi",
        textBody: "")
    }
  }

  @Test(
    "refuses addresses that would smuggle commands or are malformed",
    arguments: [
      "a@x.test>\r\nRCPT TO:<b@y.test>", "a@x.test\nRCPT TO:<b@y.test>", "a@x.test\r",
      "a\0@x.test", "a@x.test> SIZE=1", "<a@x.test>", "a b@x.test", "no-at-sign",
      "@x.test", "a@", "a@x..test", ".a@x.test", "a.@x.test", "a..b@x.test", "a@-x.test",
      "a@x_y.test", "a@[127.0.0.1]", "a@127.0.0.1", "a@localhost", "a@xn--abc.test",
      "\"quoted\"@x.test",
      String(repeating: "l", count: 65) + "@x.test",
    ])
  func addresses(address: String) {
    #expect(throws: MessageValidationError.self) {
      try OutgoingMessage(from: "a@x.test", to: address, subject: "Hi", textBody: "")
    }
    #expect(throws: MessageValidationError.self) {
      try OutgoingMessage(from: address, to: "b@y.test", subject: "Hi", textBody: "")
    }
  }

  @Test("names the refused field without repeating its value")
  func errorDescription() {
    do {
      _ = try MailAddress("a@x.test>\r\nRCPT TO:<b@y.test>", field: "to")
      Issue.record("expected a validation error")
    } catch {
      #expect(error.field == "to")
      #expect(error.code == .forbiddenCharacter)
      #expect(!error.description.contains("RCPT"))
    }
  }

  @Test(
    "accepts ordinary and internationalised addresses, converting domains to A-labels",
    arguments: [
      ("first.last+tag@example.test", "first.last+tag@example.test", false),
      ("O'Brien@Example.TEST", "O'Brien@example.test", false),
      ("user@bücher.example", "user@xn--bcher-kva.example", false),
      ("jürgen@münchen.test", "jürgen@xn--mnchen-3ya.test", true),
    ])
  func acceptedAddresses(input: String, wireForm: String, needsSMTPUTF8: Bool) throws {
    let address = try MailAddress(input)
    #expect(address.wireForm == wireForm)
    #expect(address.needsSMTPUTF8 == needsSMTPUTF8)
  }

  @Test(
    "encodes domain labels to Punycode as RFC 3492 specifies",
    arguments: [
      ("bücher", "bcher-kva"),
      ("他们为什么不说中文", "ihqwcrb4cv8a8dqg056pqjye"),
      ("παράδειγμα", "hxajbheg2az3al"),
    ])
  func punycode(label: String, encoded: String) throws {
    let address = try MailAddress("user@\(label).test")
    #expect(address.asciiDomain == "xn--\(encoded).test")
  }

  @Test("fails a send with a non-ASCII local part only when the server lacks SMTPUTF8")
  func smtputf8Requirement() throws {
    let message = try OutgoingMessage(
      from: "a@x.test", to: "jürgen@y.test", subject: "Hi", textBody: "")
    #expect(message.needsSMTPUTF8)
    let ascii = try OutgoingMessage(from: "a@x.test", to: "j@y.test", subject: "Hi", textBody: "")
    #expect(!ascii.needsSMTPUTF8)
  }
}
