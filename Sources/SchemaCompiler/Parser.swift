/// Parses the tokens of one `.proto` file into ``FileSyntax``, rejecting
/// anything outside the supported proto3 subset with its location.
struct Parser {
  /// The highest field number protobuf allows.
  static let maximumFieldNumber = (1 << 29) - 1

  private var tokens: [Token]
  private var index = 0
  private var file: FileSyntax

  /// Prepares to parse a file.
  /// - Parameters:
  ///   - path: The path relative to the schema directory, as imports name it.
  ///   - displayPath: The path errors report, such as `schema/outreach/v1/leads.proto`.
  ///   - text: The file's contents.
  init(path: String, displayPath: String, text: String) throws(SchemaError) {
    var lexer = Lexer(file: displayPath, text: text)
    self.tokens = try lexer.tokenize()
    self.file = FileSyntax(path: path)
  }

  // MARK: Token helpers

  private var current: Token { tokens[index] }

  private mutating func advance() -> Token {
    let token = tokens[index]
    if index < tokens.count - 1 { index += 1 }
    return token
  }

  private func isSymbol(_ symbol: String) -> Bool {
    current.kind == .symbol && current.text == symbol
  }

  private func isKeyword(_ word: String) -> Bool {
    current.kind == .identifier && current.text == word
  }

  private mutating func expectSymbol(_ symbol: String) throws(SchemaError) {
    guard isSymbol(symbol) else {
      throw SchemaError(current.location, "expected '\(symbol)', found \(current.quoted)")
    }
    _ = advance()
  }

  private mutating func expectIdentifier(_ what: String) throws(SchemaError) -> Token {
    guard current.kind == .identifier else {
      throw SchemaError(current.location, "expected \(what), found \(current.quoted)")
    }
    return advance()
  }

  /// A possibly dotted, possibly absolute name: `.a.b.C`, `b.C`, `C`.
  private mutating func typeName() throws(SchemaError) -> String {
    var name = ""
    if isSymbol(".") {
      _ = advance()
      name = "."
    }
    name += try expectIdentifier("a type name").text
    while isSymbol(".") {
      _ = advance()
      name += "." + (try expectIdentifier("a name after '.'").text)
    }
    return name
  }

  private mutating func integer(_ what: String) throws(SchemaError) -> (Int, SourceLocation) {
    let location = current.location
    var negative = false
    if isSymbol("-") {
      _ = advance()
      negative = true
    }
    guard current.kind == .integer, let value = Lexer.integerValue(current.text),
      value <= UInt64(Int32.max) + 1
    else {
      throw SchemaError(location, "expected \(what), found \(current.quoted)")
    }
    _ = advance()
    return (negative ? -Int(value) : Int(value), location)
  }

  private func unsupported(_ token: Token, _ what: String) -> SchemaError {
    SchemaError(token.location, "\(what) is not supported by schemac")
  }

  // MARK: File

  /// Parses the whole file.
  mutating func parseFile() throws(SchemaError) -> FileSyntax {
    guard isKeyword("syntax") else {
      throw SchemaError(
        current.location, "expected 'syntax = \"proto3\";' first; schemac compiles proto3 only")
    }
    file.comments = current.comments
    _ = advance()
    try expectSymbol("=")
    let syntax = current
    guard syntax.kind == .string else {
      throw SchemaError(syntax.location, "expected a string, found \(syntax.quoted)")
    }
    guard syntax.text == "proto3" else {
      throw SchemaError(syntax.location, "syntax \"\(syntax.text)\" is not supported; use proto3")
    }
    _ = advance()
    try expectSymbol(";")

    while current.kind != .end {
      let token = current
      switch (token.kind, token.text) {
      case (.symbol, ";"):
        _ = advance()
      case (.identifier, "package"):
        _ = advance()
        guard file.package.isEmpty else {
          throw SchemaError(token.location, "a file may declare only one package")
        }
        file.package = try typeName()
        guard !file.package.hasPrefix(".") else {
          throw SchemaError(token.location, "a package name cannot start with '.'")
        }
        try expectSymbol(";")
      case (.identifier, "import"):
        _ = advance()
        if isKeyword("public") || isKeyword("weak") {
          throw unsupported(current, "'import \(current.text)'")
        }
        guard current.kind == .string else {
          throw SchemaError(current.location, "expected a file name, found \(current.quoted)")
        }
        file.imports.append((advance().text, token.location))
        try expectSymbol(";")
      case (.identifier, "message"):
        file.messages.append(try message())
      case (.identifier, "enum"):
        file.enums.append(try enumeration())
      case (.identifier, "service"):
        file.services.append(try service())
      default:
        throw topLevelError(token)
      }
    }
    return file
  }

  private func topLevelError(_ token: Token) -> SchemaError {
    switch token.text {
    case "option": unsupported(token, "'option'")
    case "extend": unsupported(token, "'extend'")
    case "syntax": SchemaError(token.location, "'syntax' must come first, once")
    case "edition": unsupported(token, "'edition'")
    default:
      SchemaError(
        token.location,
        "expected 'message', 'enum', 'service', 'import' or 'package', found \(token.quoted)")
    }
  }

  // MARK: Messages

  private mutating func message() throws(SchemaError) -> MessageSyntax {
    let keyword = advance()
    let name = try expectIdentifier("a message name")
    var message = MessageSyntax(
      name: name.text, location: name.location, comments: keyword.comments)
    try expectSymbol("{")
    while !isSymbol("}") {
      let token = current
      switch (token.kind, token.text) {
      case (.end, _):
        throw SchemaError(token.location, "expected '}' to close message \(name.text)")
      case (.symbol, ";"):
        _ = advance()
      case (.identifier, "message"):
        message.messages.append(try self.message())
      case (.identifier, "enum"):
        message.enums.append(try enumeration())
      case (.identifier, "oneof"):
        try oneof(into: &message)
      case (.identifier, "reserved"):
        try reserved(ranges: &message.reservedRanges, names: &message.reservedNames)
      case (.identifier, "option"):
        throw unsupported(token, "'option'")
      case (.identifier, "extend"):
        throw unsupported(token, "'extend'")
      case (.identifier, "extensions"):
        throw unsupported(token, "'extensions'")
      case (.identifier, "required"):
        throw SchemaError(token.location, "'required' is proto2; proto3 fields are optional")
      case (.identifier, "group"):
        throw unsupported(token, "'group'")
      case (.identifier, _):
        message.fields.append(try field(oneofIndex: nil))
      default:
        throw SchemaError(token.location, "expected a field or '}', found \(token.quoted)")
      }
    }
    _ = advance()
    return message
  }

  private mutating func field(oneofIndex: Int?) throws(SchemaError) -> FieldSyntax {
    let start = current
    var label = FieldLabel.singular
    if oneofIndex == nil && (isKeyword("repeated") || isKeyword("optional")) {
      label = FieldLabel(rawValue: advance().text)!
    } else if isKeyword("repeated") || isKeyword("optional") || isKeyword("required") {
      throw SchemaError(current.location, "fields in a oneof cannot have a label")
    }
    if isKeyword("group") { throw unsupported(current, "'group'") }

    let typeLocation = current.location
    var mapKey: ScalarType?
    let type: TypeSyntax
    if isKeyword("map") && tokens[index + 1].text == "<" {
      guard label == .singular, oneofIndex == nil else {
        throw SchemaError(start.location, "map fields cannot be repeated, optional or in a oneof")
      }
      _ = advance()
      try expectSymbol("<")
      let keyToken = current
      let keyName = try typeName()
      guard let key = ScalarType(rawValue: keyName) else {
        throw SchemaError(keyToken.location, "map key type must be a scalar, not \(keyName)")
      }
      mapKey = key
      try expectSymbol(",")
      type = try fieldType()
      try expectSymbol(">")
    } else {
      type = try fieldType()
    }
    let name = try expectIdentifier("a field name")
    try expectSymbol("=")
    let (number, numberLocation) = try integer("a field number")
    if isSymbol("[") { throw unsupported(current, "field options '[...]'") }
    try expectSymbol(";")
    return FieldSyntax(
      name: name.text, number: number, label: label, type: type, mapKey: mapKey,
      oneofIndex: oneofIndex, location: name.location, typeLocation: typeLocation,
      numberLocation: numberLocation, comments: start.comments)
  }

  private mutating func fieldType() throws(SchemaError) -> TypeSyntax {
    let name = try typeName()
    if let scalar = ScalarType(rawValue: name) { return .scalar(scalar) }
    return .named(name)
  }

  private mutating func oneof(into message: inout MessageSyntax) throws(SchemaError) {
    let keyword = advance()
    let name = try expectIdentifier("a oneof name")
    message.oneofs.append(
      OneofSyntax(name: name.text, location: name.location, comments: keyword.comments))
    let oneofIndex = message.oneofs.count - 1
    try expectSymbol("{")
    var count = 0
    while !isSymbol("}") {
      switch (current.kind, current.text) {
      case (.end, _):
        throw SchemaError(current.location, "expected '}' to close oneof \(name.text)")
      case (.symbol, ";"):
        _ = advance()
      case (.identifier, "option"):
        throw unsupported(current, "'option'")
      default:
        message.fields.append(try field(oneofIndex: oneofIndex))
        count += 1
      }
    }
    _ = advance()
    guard count > 0 else { throw SchemaError(name.location, "oneof \(name.text) has no fields") }
  }

  private mutating func reserved(
    ranges: inout [ReservedRange], names: inout [String]
  ) throws(SchemaError) {
    _ = advance()
    if current.kind == .string {
      repeat {
        if isSymbol(",") { _ = advance() }
        guard current.kind == .string else {
          throw SchemaError(current.location, "expected a field name, found \(current.quoted)")
        }
        names.append(advance().text)
      } while isSymbol(",")
    } else {
      repeat {
        if isSymbol(",") { _ = advance() }
        let (low, location) = try integer("a number")
        var high = low
        if isKeyword("to") {
          _ = advance()
          if isKeyword("max") {
            _ = advance()
            high = Parser.maximumFieldNumber
          } else {
            high = try integer("a number").0
          }
        }
        guard low <= high else {
          throw SchemaError(location, "reserved range \(low) to \(high) is empty")
        }
        ranges.append(ReservedRange(range: low...high, location: location))
      } while isSymbol(",")
    }
    try expectSymbol(";")
  }

  // MARK: Enums

  private mutating func enumeration() throws(SchemaError) -> EnumSyntax {
    let keyword = advance()
    let name = try expectIdentifier("an enum name")
    var result = EnumSyntax(name: name.text, location: name.location, comments: keyword.comments)
    try expectSymbol("{")
    while !isSymbol("}") {
      let token = current
      switch (token.kind, token.text) {
      case (.end, _):
        throw SchemaError(token.location, "expected '}' to close enum \(name.text)")
      case (.symbol, ";"):
        _ = advance()
      case (.identifier, "option"):
        throw unsupported(token, "'option'")
      case (.identifier, "reserved"):
        try reserved(ranges: &result.reservedRanges, names: &result.reservedNames)
      case (.identifier, _):
        _ = advance()
        try expectSymbol("=")
        let (number, location) = try integer("an enum value number")
        guard let value = Int32(exactly: number) else {
          throw SchemaError(location, "enum value \(number) does not fit in int32")
        }
        if isSymbol("[") { throw unsupported(current, "enum value options '[...]'") }
        try expectSymbol(";")
        result.values.append(
          EnumValueSyntax(
            name: token.text, number: value, location: token.location, comments: token.comments))
      default:
        throw SchemaError(token.location, "expected an enum value or '}', found \(token.quoted)")
      }
    }
    _ = advance()
    return result
  }

  // MARK: Services

  private mutating func service() throws(SchemaError) -> ServiceSyntax {
    let keyword = advance()
    let name = try expectIdentifier("a service name")
    var result = ServiceSyntax(
      name: name.text, location: name.location, comments: keyword.comments)
    try expectSymbol("{")
    while !isSymbol("}") {
      let token = current
      switch (token.kind, token.text) {
      case (.end, _):
        throw SchemaError(token.location, "expected '}' to close service \(name.text)")
      case (.symbol, ";"):
        _ = advance()
      case (.identifier, "option"):
        throw unsupported(token, "'option'")
      case (.identifier, "rpc"):
        result.methods.append(try method())
      default:
        throw SchemaError(token.location, "expected 'rpc' or '}', found \(token.quoted)")
      }
    }
    _ = advance()
    return result
  }

  private mutating func method() throws(SchemaError) -> MethodSyntax {
    let keyword = advance()
    let name = try expectIdentifier("a method name")
    try expectSymbol("(")
    let clientStreaming = streamKeyword()
    let inputLocation = current.location
    let input = try typeName()
    try expectSymbol(")")
    guard isKeyword("returns") else {
      throw SchemaError(current.location, "expected 'returns', found \(current.quoted)")
    }
    _ = advance()
    try expectSymbol("(")
    let serverStreaming = streamKeyword()
    let outputLocation = current.location
    let output = try typeName()
    try expectSymbol(")")
    if isSymbol("{") {
      _ = advance()
      if isKeyword("option") { throw unsupported(current, "'option'") }
      try expectSymbol("}")
    } else {
      try expectSymbol(";")
    }
    return MethodSyntax(
      name: name.text, inputType: input, inputLocation: inputLocation,
      isClientStreaming: clientStreaming, outputType: output, outputLocation: outputLocation,
      isServerStreaming: serverStreaming, location: name.location, comments: keyword.comments)
  }

  /// Consumes `stream` when it is a keyword rather than a type named `stream`.
  private mutating func streamKeyword() -> Bool {
    guard isKeyword("stream"),
      tokens[index + 1].kind == .identifier
        || tokens[index + 1].text == "."
    else { return false }
    _ = advance()
    return true
  }
}
