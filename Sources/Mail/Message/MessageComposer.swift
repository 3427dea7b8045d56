import Foundation

/// Builds the text of a message (RFC 5322 with MIME, RFC 2045–2047) and its
/// SMTP `DATA` form.
///
/// Every line ends in CRLF and stays within 998 octets: bodies that are not
/// short-lined ASCII go out quoted-printable, non-ASCII subjects and display
/// names become encoded words.
enum MessageComposer {
  /// The complete message: headers, a blank line and the MIME body.
  /// - Parameters:
  ///   - message: a validated message.
  ///   - messageID: the `Message-ID` value, angle brackets included.
  ///   - date: the `Date` header's time.
  static func compose(_ message: OutgoingMessage, messageID: String, date: Date) -> [UInt8] {
    var headers = [
      "Date: \(rfc5322Date(date))",
      "From: \(mailbox(message.from, name: message.fromName, headerName: "From"))",
      "To: \(mailbox(message.to, name: message.toName, headerName: "To"))",
      "Subject: \(unstructured(message.subject, headerName: "Subject"))",
      "Message-ID: \(messageID)",
      "MIME-Version: 1.0",
    ]
    var body: [UInt8]
    if let html = message.htmlBody {
      let boundary = "=_alt_" + randomHex(byteCount: 12)
      headers.append("Content-Type: multipart/alternative; boundary=\"\(boundary)\"")
      body = Array("This is a multi-part message in MIME format.\r\n".utf8)
      for (subtype, text) in [("plain", message.textBody), ("html", html)] {
        let part = encodedText(text)
        body += Array("\r\n--\(boundary)\r\n".utf8)
        body += Array("Content-Type: text/\(subtype); charset=utf-8\r\n".utf8)
        body += Array("Content-Transfer-Encoding: \(part.encoding)\r\n\r\n".utf8)
        body += part.bytes
      }
      body += Array("\r\n--\(boundary)--\r\n".utf8)
    } else {
      let part = encodedText(message.textBody)
      headers.append("Content-Type: text/plain; charset=utf-8")
      headers.append("Content-Transfer-Encoding: \(part.encoding)")
      body = part.bytes
    }
    return Array((headers.joined(separator: "\r\n") + "\r\n\r\n").utf8) + body
  }

  /// The message as sent after `DATA`: every line-initial `.` doubled
  /// (RFC 5321 §4.5.2) and the `CRLF.CRLF` end marker appended.
  /// - Parameter message: CRLF-terminated lines, as ``compose(_:messageID:date:)`` returns.
  static func dataPayload(_ message: [UInt8]) -> [UInt8] {
    var output: [UInt8] = []
    output.reserveCapacity(message.count + message.count / 64 + 5)
    var atLineStart = true
    for byte in message {
      if atLineStart && byte == UInt8(ascii: ".") { output.append(byte) }
      output.append(byte)
      atLineStart = byte == UInt8(ascii: "\n")
    }
    if !atLineStart { output += [13, 10] }
    output += Array(".\r\n".utf8)
    return output
  }

  /// A new globally unique `Message-ID` on `domain`, angle brackets included.
  static func newMessageID(domain: String) -> String {
    "<\(randomHex(byteCount: 16))@\(domain)>"
  }

  // MARK: - Bodies

  /// `text` with every CRLF, bare CR and bare LF turned into CRLF, ending in CRLF.
  static func normalizedLines(_ text: String) -> [[UInt8]] {
    var lines: [[UInt8]] = []
    var current: [UInt8] = []
    var previousWasCR = false
    for byte in text.utf8 {
      if byte == 10 && previousWasCR {
        previousWasCR = false
        continue
      }
      previousWasCR = byte == 13
      if byte == 10 || byte == 13 {
        lines.append(current)
        current = []
      } else {
        current.append(byte)
      }
    }
    if !current.isEmpty || lines.isEmpty { lines.append(current) }
    return lines
  }

  /// The body bytes and their `Content-Transfer-Encoding`: `7bit` when every
  /// line is printable ASCII within 997 octets (998 once a leading dot is
  /// doubled), else `quoted-printable`.
  static func encodedText(_ text: String) -> (encoding: String, bytes: [UInt8]) {
    let lines = normalizedLines(text)
    let isPlain = lines.allSatisfy { line in
      line.count <= 997 && line.allSatisfy { ($0 >= 0x20 && $0 < 0x7F) || $0 == 9 }
    }
    if isPlain {
      return ("7bit", lines.flatMap { $0 + [13, 10] })
    }
    return ("quoted-printable", lines.flatMap(quotedPrintable))
  }

  /// One line in quoted-printable (RFC 2045 §6.7), soft-broken so that no
  /// encoded line exceeds 76 characters, ending in CRLF.
  static func quotedPrintable(_ line: [UInt8]) -> [UInt8] {
    var output: [UInt8] = []
    var lineLength = 0
    for (index, byte) in line.enumerated() {
      let isLast = index == line.count - 1
      let isLiteral =
        (byte >= 33 && byte <= 126 && byte != UInt8(ascii: "="))
        || ((byte == 32 || byte == 9) && !isLast)
      let token: [UInt8] = isLiteral ? [byte] : [UInt8(ascii: "=")] + hexDigits(byte)
      // Leave room for the "=" of a soft break unless this is the last token.
      let limit = isLast ? 76 : 75
      if lineLength + token.count > limit {
        output += Array("=\r\n".utf8)
        lineLength = 0
      }
      output += token
      lineLength += token.count
    }
    output += [13, 10]
    return output
  }

  private static func hexDigits(_ byte: UInt8) -> [UInt8] {
    let digits = Array("0123456789ABCDEF".utf8)
    return [digits[Int(byte >> 4)], digits[Int(byte & 0x0F)]]
  }

  // MARK: - Headers

  /// An unstructured header value (`Subject`): printable ASCII folded at
  /// spaces, anything else as encoded words.
  static func unstructured(_ value: String, headerName: String) -> String {
    let isPlainASCII =
      value.unicodeScalars.allSatisfy { $0.value >= 0x20 && $0.value < 0x7F }
      && !value.contains("=?")
    let longestWord = value.split(separator: " ").map(\.utf8.count).max() ?? 0
    if isPlainASCII && longestWord + headerName.utf8.count + 2 <= 998 {
      return folded(value, firstLineUsed: headerName.utf8.count + 2)
    }
    return encodedWords(value).joined(separator: "\r\n ")
  }

  /// A mailbox: `addr`, `phrase <addr>`, or `=?UTF-8?B?…?= <addr>`.
  static func mailbox(_ address: MailAddress, name: String?, headerName: String) -> String {
    guard let name, !name.isEmpty else { return address.wireForm }
    let isAtomText = name.unicodeScalars.allSatisfy { scalar in
      switch scalar {
      case "a"..."z", "A"..."Z", "0"..."9", " ": return true
      default: return "!#$%&'*+-/=?^_`{|}~".unicodeScalars.contains(scalar)
      }
    }
    let isPrintableASCII =
      name.unicodeScalars.allSatisfy { $0.value >= 0x20 && $0.value < 0x7F } && name.count < 200
    let phrase: String
    if isAtomText && !name.contains("=?") && name.count < 200 {
      phrase = name
    } else if isPrintableASCII && !name.contains("=?") {
      let escaped = name.replacingOccurrences(of: "\\", with: "\\\\")
        .replacingOccurrences(of: "\"", with: "\\\"")
      phrase = "\"\(escaped)\""
    } else {
      phrase = encodedWords(name).joined(separator: "\r\n ")
    }
    let lineLength = headerName.utf8.count + phrase.utf8.count + address.wireForm.utf8.count + 5
    return phrase + (lineLength > 78 ? "\r\n " : " ") + "<\(address.wireForm)>"
  }

  /// Folds `text` at spaces so that lines stay within 78 characters where a
  /// space allows it.
  static func folded(_ text: String, firstLineUsed: Int) -> String {
    var output = ""
    var lineLength = firstLineUsed
    for (index, word) in text.split(separator: " ", omittingEmptySubsequences: false).enumerated() {
      if index > 0 {
        if lineLength + 1 + word.utf8.count > 78 && lineLength > 1 {
          output += "\r\n"
          lineLength = 0
        }
        output += " "
        lineLength += 1
      }
      output += word
      lineLength += word.utf8.count
    }
    return output
  }

  /// `text` as RFC 2047 `B` encoded words of at most 75 characters, each
  /// holding whole characters.
  static func encodedWords(_ text: String) -> [String] {
    // "=?UTF-8?B?" + "?=" take 12 of the 75; 60 base64 characters carry 45 octets.
    let maximumOctets = 45
    var words: [String] = []
    var chunk: [UInt8] = []
    func flush() {
      if !chunk.isEmpty {
        words.append("=?UTF-8?B?\(Data(chunk).base64EncodedString())?=")
        chunk = []
      }
    }
    for character in text {
      var pieces = [Array(String(character).utf8)]
      if pieces[0].count > maximumOctets {
        // A grapheme too long for one word is split between its scalars.
        pieces = character.unicodeScalars.map { Array(String($0).utf8) }
      }
      for piece in pieces {
        if chunk.count + piece.count > maximumOctets { flush() }
        chunk += piece
      }
    }
    flush()
    return words.isEmpty ? ["=?UTF-8?B??="] : words
  }

  /// `date` as RFC 5322 §3.3 in UTC: `Fri, 04 Dec 2026 15:54:41 +0000`.
  static func rfc5322Date(_ date: Date) -> String {
    var seconds = time_t(date.timeIntervalSince1970)
    var parts = tm()
    gmtime_r(&seconds, &parts)
    let days = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"]
    let months = [
      "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
    ]
    func twoDigits(_ value: Int32) -> String { value < 10 ? "0\(value)" : "\(value)" }
    return "\(days[Int(parts.tm_wday)]), \(twoDigits(parts.tm_mday)) \(months[Int(parts.tm_mon)])"
      + " \(parts.tm_year + 1900) \(twoDigits(parts.tm_hour)):\(twoDigits(parts.tm_min))"
      + ":\(twoDigits(parts.tm_sec)) +0000"
  }

  /// `byteCount` random bytes as lowercase hex.
  static func randomHex(byteCount: Int) -> String {
    var generator = SystemRandomNumberGenerator()
    return (0..<byteCount).map { _ in
      let byte = UInt8.random(in: 0...255, using: &generator)
      return String(byte, radix: 16).count == 1
        ? "0" + String(byte, radix: 16) : String(byte, radix: 16)
    }.joined()
  }
}
