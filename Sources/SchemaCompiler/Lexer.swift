/// One token of a `.proto` file.
struct Token: Sendable, Hashable {
  /// What kind of token it is.
  enum Kind: Sendable, Hashable {
    case identifier
    case integer
    case float
    case string
    case symbol
    case end
  }

  let kind: Kind
  /// The token's text; for strings, the value without quotes.
  let text: String
  let location: SourceLocation
  /// The comment lines directly above the token, markers stripped.
  let comments: [String]

  /// A description for error messages, such as `'}'` or `end of file`.
  var quoted: String {
    switch kind {
    case .end: "end of file"
    case .string: "string \"\(text)\""
    default: "'\(text)'"
    }
  }
}

/// Splits a `.proto` file into tokens, remembering the comments that sit
/// directly above each so they can become documentation.
struct Lexer {
  private let file: String
  private let characters: [Character]
  private var index = 0
  private var line = 1
  private var column = 1
  private var pendingComments: [String] = []
  private var pendingCommentsEndLine = -1
  private var lastTokenLine = 0

  init(file: String, text: String) {
    self.file = file
    self.characters = Array(text)
  }

  /// Every token, ending with one of kind `.end`.
  mutating func tokenize() throws(SchemaError) -> [Token] {
    var tokens: [Token] = []
    while true {
      let token = try next()
      tokens.append(token)
      if token.kind == .end { return tokens }
    }
  }

  private var location: SourceLocation {
    SourceLocation(file: file, line: line, column: column)
  }

  private func peek(_ offset: Int = 0) -> Character? {
    index + offset < characters.count ? characters[index + offset] : nil
  }

  private mutating func advance() {
    if characters[index] == "\n" {
      line += 1
      column = 1
    } else {
      column += 1
    }
    index += 1
  }

  private mutating func next() throws(SchemaError) -> Token {
    try skipTrivia()
    let start = location
    let isDirectlyAbove =
      pendingCommentsEndLine == start.line - 1 || pendingCommentsEndLine == start.line
    let comments = isDirectlyAbove ? pendingComments : []
    pendingComments = []
    pendingCommentsEndLine = -1
    lastTokenLine = start.line
    func make(_ kind: Token.Kind, _ text: String) -> Token {
      Token(kind: kind, text: text, location: start, comments: comments)
    }
    guard let character = peek() else { return make(.end, "") }
    if character.isLetter || character == "_" {
      var text = ""
      while let next = peek(), next.isLetter || next.isNumber || next == "_" {
        text.append(next)
        advance()
      }
      return make(.identifier, text)
    }
    if character.isNumber || (character == "." && (peek(1)?.isNumber ?? false)) {
      return try number(start: start, comments: comments)
    }
    if character == "\"" || character == "'" {
      return make(.string, try string(quote: character))
    }
    advance()
    return make(.symbol, String(character))
  }

  private mutating func number(
    start: SourceLocation, comments: [String]
  ) throws(SchemaError) -> Token {
    var text = ""
    while let next = peek(),
      next.isLetter || next.isNumber || next == "." || next == "_"
        || ((next == "-" || next == "+") && (text.last == "e" || text.last == "E")
          && !text.lowercased().hasPrefix("0x"))
    {
      text.append(next)
      advance()
    }
    let isHex = text.lowercased().hasPrefix("0x")
    let isFloat =
      !isHex && (text.contains(".") || text.contains("e") || text.contains("E"))
    if isFloat {
      guard Double(text) != nil else { throw SchemaError(start, "invalid number '\(text)'") }
      return Token(kind: .float, text: text, location: start, comments: comments)
    }
    guard Self.integerValue(text) != nil else {
      throw SchemaError(start, "invalid integer '\(text)'")
    }
    return Token(kind: .integer, text: text, location: start, comments: comments)
  }

  /// The value of a decimal, hex (`0x`) or octal (leading `0`) literal.
  static func integerValue(_ text: String) -> UInt64? {
    let lower = text.lowercased()
    if lower.hasPrefix("0x") { return UInt64(lower.dropFirst(2), radix: 16) }
    if lower.count > 1 && lower.hasPrefix("0") { return UInt64(lower.dropFirst(), radix: 8) }
    return UInt64(lower)
  }

  private mutating func string(quote: Character) throws(SchemaError) -> String {
    let start = location
    advance()
    var value = ""
    while true {
      guard let character = peek(), character != "\n" else {
        throw SchemaError(start, "unterminated string")
      }
      advance()
      if character == quote { return value }
      if character == "\\" {
        guard let escaped = peek() else { throw SchemaError(start, "unterminated string") }
        advance()
        switch escaped {
        case "n": value.append("\n")
        case "t": value.append("\t")
        case "\\", "\"", "'": value.append(escaped)
        default: throw SchemaError(start, "unsupported escape '\\\(escaped)' in a string")
        }
      } else {
        value.append(character)
      }
    }
  }

  /// Skips whitespace and comments, collecting the comment lines that may
  /// document the next token. A comment on the same line as the previous
  /// token trails it and is dropped; a blank line detaches a comment block.
  private mutating func skipTrivia() throws(SchemaError) {
    while let character = peek() {
      if character == "/" && peek(1) == "/" {
        let commentLine = line
        advance()
        advance()
        var text = ""
        while let next = peek(), next != "\n" {
          text.append(next)
          advance()
        }
        guard commentLine != lastTokenLine else { continue }
        if pendingCommentsEndLine != commentLine - 1 { pendingComments = [] }
        pendingComments.append(Self.stripLeadingSpace(text))
        pendingCommentsEndLine = commentLine
      } else if character == "/" && peek(1) == "*" {
        let start = location
        advance()
        advance()
        var text = ""
        while !(peek() == "*" && peek(1) == "/") {
          guard let next = peek() else { throw SchemaError(start, "unterminated comment") }
          text.append(next)
          advance()
        }
        advance()
        advance()
        guard start.line != lastTokenLine else { continue }
        pendingComments = text.split(separator: "\n").map { rawLine in
          var trimmed = rawLine.drop(while: { $0 == " " || $0 == "\t" })
          if trimmed.first == "*" { trimmed = trimmed.dropFirst() }
          return Self.stripLeadingSpace(String(trimmed))
        }
        pendingCommentsEndLine = line
      } else if character.isWhitespace {
        advance()
      } else {
        return
      }
    }
  }

  private static func stripLeadingSpace(_ text: String) -> String {
    var trimmed = Substring(text)
    if trimmed.first == " " { trimmed = trimmed.dropFirst() }
    while trimmed.last == " " || trimmed.last == "\r" { trimmed = trimmed.dropLast() }
    return String(trimmed)
  }
}
