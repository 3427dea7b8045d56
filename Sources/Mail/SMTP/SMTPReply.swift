/// One SMTP reply (RFC 5321 §4.2): a three-digit code and the text of its
/// lines, with the enhanced status code (RFC 3463) when the server gave one.
struct SMTPReply: Sendable, Equatable, CustomStringConvertible {
  /// The reply code, such as 250.
  let code: Int
  /// The text of each line after the code and separator; may be empty.
  let lines: [String]

  /// `2.1.5`-style code from the start of the first line, when its class
  /// matches the reply code's first digit.
  var enhancedCode: EnhancedStatusCode? {
    guard let first = lines.first, let status = EnhancedStatusCode(prefixOf: first),
      status.class == code / 100
    else { return nil }
    return status
  }

  /// 2xx.
  var isPositive: Bool { (200..<300).contains(code) }
  /// 3xx.
  var isIntermediate: Bool { (300..<400).contains(code) }
  /// 4xx.
  var isTransientFailure: Bool { (400..<500).contains(code) }
  /// 5xx.
  var isPermanentFailure: Bool { (500..<600).contains(code) }

  /// The code and the text joined on one line, trimmed for operator logs.
  var description: String {
    let text = lines.filter { !$0.isEmpty }.joined(separator: " ")
    let printable = String(
      String.UnicodeScalarView(
        text.unicodeScalars.map { $0.value < 0x20 || $0.value == 0x7F ? " " : $0 }))
    let trimmed = printable.count > 300 ? String(printable.prefix(300)) + "…" : printable
    return trimmed.isEmpty ? "\(code)" : "\(code) \(trimmed)"
  }
}

/// An enhanced mail system status code, `class.subject.detail` (RFC 3463).
struct EnhancedStatusCode: Sendable, Equatable, CustomStringConvertible {
  /// 2 success, 4 persistent transient failure, 5 permanent failure.
  let `class`: Int
  /// 1 addressing, 2 mailbox, 3 mail system, 4 network, 5 protocol,
  /// 6 content, 7 security or policy.
  let subject: Int
  /// The detail within the subject.
  let detail: Int

  /// Parses a code at the start of `text`, followed by a space or the end.
  init?(prefixOf text: String) {
    let token = text.split(separator: " ", maxSplits: 1).first.map(String.init) ?? ""
    let parts = token.split(separator: ".", omittingEmptySubsequences: false)
    guard parts.count == 3, parts.allSatisfy({ (1...3).contains($0.count) }),
      let first = Int(parts[0]), [2, 4, 5].contains(first), parts[0].count == 1,
      let second = Int(parts[1]), let third = Int(parts[2]),
      parts.allSatisfy({ $0.allSatisfy(\.isASCII) && $0.allSatisfy(\.isNumber) })
    else { return nil }
    self.class = first
    self.subject = second
    self.detail = third
  }

  var description: String { "\(self.class).\(subject).\(detail)" }
}

/// Splits the bytes a server sends into replies.
///
/// Lines end in CRLF (a bare LF is tolerated); a reply is every `xyz-` line up
/// to the first `xyz ` or bare `xyz` line with the same code.
struct SMTPReplyParser {
  /// What went wrong while parsing.
  enum ParseError: Error, Equatable {
    /// A line that does not start with a three-digit code and a separator,
    /// or whose code differs from the reply's first line.
    case malformedLine
    /// More bytes than any reasonable reply without a line end, or more
    /// lines than any reasonable reply.
    case lineTooLong
  }

  /// The longest line accepted, generous beyond RFC 5321's 512 octets.
  static let maximumLineLength = 4096
  /// The most lines one reply may have.
  static let maximumLineCount = 512

  private var buffer: [UInt8] = []
  private var pendingCode: Int?
  private var pendingLines: [String] = []

  /// Appends received bytes.
  mutating func append(_ bytes: some Sequence<UInt8>) {
    buffer.append(contentsOf: bytes)
  }

  /// Forgets everything buffered, as RFC 3207 §4.2 requires after `220` to
  /// STARTTLS: bytes pushed before the handshake must never become replies.
  mutating func discardBufferedInput() {
    buffer.removeAll()
    pendingCode = nil
    pendingLines.removeAll()
  }

  /// Whether unparsed bytes are waiting.
  var hasBufferedInput: Bool { !buffer.isEmpty || pendingCode != nil }

  /// The next complete reply, or `nil` when more bytes are needed.
  mutating func nextReply() throws(ParseError) -> SMTPReply? {
    while let newline = buffer.firstIndex(of: 10) {
      var line = buffer[..<newline]
      if line.last == 13 { line = line.dropLast() }
      let bytes = Array(line)
      buffer.removeSubrange(...newline)

      guard bytes.count >= 3, bytes[0...2].allSatisfy({ (48...57).contains($0) }) else {
        throw .malformedLine
      }
      let code = Int(String(decoding: bytes[0...2], as: UTF8.self))!
      let separator: UInt8? = bytes.count > 3 ? bytes[3] : nil
      guard separator == nil || separator == 32 || separator == 45 else { throw .malformedLine }
      if let pendingCode, pendingCode != code { throw .malformedLine }
      let text = bytes.count > 4 ? String(decoding: bytes[4...], as: UTF8.self) : ""
      pendingLines.append(text)

      if separator == 45 {
        guard pendingLines.count < SMTPReplyParser.maximumLineCount else { throw .lineTooLong }
        pendingCode = code
        continue
      }
      let reply = SMTPReply(code: code, lines: pendingLines)
      pendingCode = nil
      pendingLines = []
      return reply
    }
    if buffer.count > SMTPReplyParser.maximumLineLength { throw .lineTooLong }
    return nil
  }
}
