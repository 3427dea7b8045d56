import Foundation
import Testing

@testable import Mail

@Suite("Message composition")
struct MessageComposerTests {
  private func lines(_ bytes: [UInt8]) -> [String] {
    String(decoding: bytes, as: UTF8.self).components(separatedBy: "\r\n")
  }

  private func compose(_ message: OutgoingMessage) -> [UInt8] {
    MessageComposer.compose(
      message, messageID: "<id@x.test>", date: Date(timeIntervalSince1970: 1_796_400_000))
  }

  /// Decodes quoted-printable, for checking that encoding loses nothing.
  private func decodeQuotedPrintable(_ text: String) -> [UInt8] {
    var output: [UInt8] = []
    let bytes = Array(text.utf8)
    var index = 0
    while index < bytes.count {
      if bytes[index] == UInt8(ascii: "=") {
        if bytes[index + 1] == 13 {
          index += 3
          continue
        }
        output.append(
          UInt8(String(decoding: bytes[index + 1...index + 2], as: UTF8.self), radix: 16)!)
        index += 3
      } else {
        output.append(bytes[index])
        index += 1
      }
    }
    return output
  }

  @Test("writes the required headers with a UTC date")
  func headers() throws {
    let message = try OutgoingMessage(
      from: "a@x.test", to: "b@y.test", subject: "Plain subject", textBody: "Hi")
    let header = lines(compose(message)).prefix { !$0.isEmpty }
    #expect(
      header.contains(
        "Date: \(MessageComposer.rfc5322Date(Date(timeIntervalSince1970: 1_796_400_000)))"))
    #expect(header.contains("From: a@x.test"))
    #expect(header.contains("To: b@y.test"))
    #expect(header.contains("Subject: Plain subject"))
    #expect(header.contains("Message-ID: <id@x.test>"))
    #expect(header.contains("MIME-Version: 1.0"))
    #expect(header.contains("Content-Type: text/plain; charset=utf-8"))
    #expect(header.contains("Content-Transfer-Encoding: 7bit"))
  }

  @Test("formats the date as RFC 5322 requires")
  func date() {
    #expect(
      MessageComposer.rfc5322Date(Date(timeIntervalSince1970: 0))
        == "Thu, 01 Jan 1970 00:00:00 +0000")
    #expect(
      MessageComposer.rfc5322Date(Date(timeIntervalSince1970: 1_796_400_112))
        == "Fri, 04 Dec 2026 16:01:52 +0000")
  }

  @Test(
    "splits non-ASCII text into encoded words of at most 75 characters holding whole characters",
    arguments: [
      "Grüße — 🚀", String(repeating: "é", count: 100), String(repeating: "🚀👩‍👩‍👧", count: 30),
    ])
  func encodedWords(text: String) throws {
    let words = MessageComposer.encodedWords(text)
    var decoded = ""
    for word in words {
      #expect(word.count <= 75)
      #expect(word.hasPrefix("=?UTF-8?B?") && word.hasSuffix("?="))
      let payload = String(word.dropFirst(10).dropLast(2))
      let bytes = try #require(Data(base64Encoded: payload))
      let piece = try #require(String(bytes: bytes, encoding: .utf8), "a word split a character")
      decoded += piece
    }
    #expect(decoded == text)
  }

  @Test("folds an encoded subject with CRLF and a space")
  func foldedSubject() throws {
    let message = try OutgoingMessage(
      from: "a@x.test", to: "b@y.test", subject: String(repeating: "Grüße ", count: 20),
      textBody: "")
    let text = String(decoding: compose(message), as: UTF8.self)
    let subject = text.components(separatedBy: "\r\nMessage-ID")[0]
      .components(separatedBy: "Subject: ")[1]
    #expect(subject.contains("?=\r\n =?UTF-8?B?"))
    for line in subject.components(separatedBy: "\r\n") {
      #expect(line.utf8.count <= 78)
    }
  }

  @Test("quotes display names with specials and encodes non-ASCII ones")
  func displayNames() throws {
    let message = try OutgoingMessage(
      from: "a@x.test", fromName: "Smith, \"Jo\"", to: "b@y.test", toName: "Zoë",
      subject: "Hi", textBody: "")
    let header = lines(compose(message))
    #expect(header.contains("From: \"Smith, \\\"Jo\\\"\" <a@x.test>"))
    #expect(header.contains("To: =?UTF-8?B?Wm/Dqw==?= <b@y.test>"))
  }

  @Test("normalises bare CR and LF to CRLF")
  func normalisesLineBreaks() throws {
    let message = try OutgoingMessage(
      from: "a@x.test", to: "b@y.test", subject: "Hi", textBody: "one\rtwo\nthree\r\nfour")
    let body = String(decoding: compose(message), as: UTF8.self)
      .components(separatedBy: "\r\n\r\n")[1]
    #expect(body == "one\r\ntwo\r\nthree\r\nfour\r\n")
  }

  @Test("keeps every line within 998 octets and loses nothing of a long line")
  func longLines() throws {
    let longLine = String(repeating: "ä0123456789", count: 1000)
    let message = try OutgoingMessage(
      from: "a@x.test", to: "b@y.test", subject: "Hi", textBody: longLine + "\nend \n")
    let composed = compose(message)
    #expect(lines(composed).allSatisfy { $0.utf8.count <= 998 })
    let text = String(decoding: composed, as: UTF8.self)
    #expect(text.contains("Content-Transfer-Encoding: quoted-printable"))
    let body = text.components(separatedBy: "\r\n\r\n")[1]
    #expect(lines(Array(body.utf8)).allSatisfy { $0.utf8.count <= 76 })
    #expect(decodeQuotedPrintable(body) == Array((longLine + "\r\nend \r\n").utf8))
  }

  @Test("doubles every line-initial dot and appends the end marker")
  func dotStuffing() {
    let payload = MessageComposer.dataPayload(Array("a\r\n.b\r\n..c\r\n.\r\nd.\r\n".utf8))
    #expect(String(decoding: payload, as: UTF8.self) == "a\r\n..b\r\n...c\r\n..\r\nd.\r\n.\r\n")
    let unterminated = MessageComposer.dataPayload(Array("x".utf8))
    #expect(String(decoding: unterminated, as: UTF8.self) == "x\r\n.\r\n")
  }

  @Test("generates a unique Message-ID on the sender's domain")
  func messageIDs() {
    let first = MessageComposer.newMessageID(domain: "x.test")
    let second = MessageComposer.newMessageID(domain: "x.test")
    #expect(first != second)
    #expect(first.hasPrefix("<") && first.hasSuffix("@x.test>"))
  }

  @Test("builds a multipart/alternative body when an HTML part is given")
  func alternative() throws {
    let message = try OutgoingMessage(
      from: "a@x.test", to: "b@y.test", subject: "Hi", textBody: "text", htmlBody: "<b>html</b>")
    let text = String(decoding: compose(message), as: UTF8.self)
    #expect(text.contains("Content-Type: multipart/alternative; boundary=\"=_alt_"))
    #expect(text.contains("Content-Type: text/plain; charset=utf-8"))
    #expect(text.contains("Content-Type: text/html; charset=utf-8"))
  }
}
