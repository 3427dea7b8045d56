/// Emits the Swift source for one checked schema file: message structs
/// with their binary and JSON codecs, enums, and per service the method
/// descriptors, a server protocol and a client stub.
struct SwiftGenerator {
  /// The widest line the generated code may have, as the house format allows.
  static let lineLength = 100

  let file: FileModel
  let options: GenerationOptions

  /// The generated source.
  func generate() -> String {
    var out = CodeWriter()
    let includesServices = options.includesServices && !file.services.isEmpty
    out.line(options.header(for: file.path))
    out.line()
    for line in options.imports(includesServices ? ["RPC", "Wire"] : ["Wire"]) {
      out.line(line)
    }
    for message in file.messages {
      out.line()
      declare(message, &out)
    }
    for enumeration in file.enums {
      out.line()
      declare(enumeration, &out)
    }
    forEachMessage { message in
      out.line()
      codec(message, &out)
    }
    for service in file.services where options.includesServices {
      out.line()
      ServiceGenerator(service: service).generate(&out)
    }
    return out.text
  }

  private func forEachMessage(_ body: (MessageModel) -> Void) {
    func visit(_ message: MessageModel) {
      body(message)
      message.messages.forEach(visit)
    }
    file.messages.forEach(visit)
  }

  // MARK: Declarations

  private func declare(_ message: MessageModel, _ out: inout CodeWriter) {
    out.doc(message.comments, fallback: "The `\(message.fullName)` message.")
    out.block("public struct \(message.name): WireMessage {") { out in
      out.line("public static let protoMessageName = \"\(message.fullName)\"")
      for field in message.fields where field.oneofIndex == nil {
        out.line()
        out.doc(field.comments)
        out.line("public var \(field.swiftName): \(propertyType(field))\(initialValue(field))")
      }
      for (index, oneof) in message.oneofs.enumerated() {
        out.line()
        out.doc(oneof.comments)
        out.line("public var \(oneof.swiftName): \(oneof.swiftTypeName)?")
        out.line()
        out.doc(["Which field of `\(oneof.name)` is set, with its value."])
        out.block("public enum \(oneof.swiftTypeName): Sendable, Hashable {") { out in
          for field in message.fields where field.oneofIndex == index {
            out.doc(field.comments)
            out.line("case \(field.swiftName)(\(valueType(field.type)))")
          }
        }
      }
      out.line()
      out.doc(["Fields received that this schema does not declare, written back on encode."])
      out.line("public var unknownFields = UnknownFields()")
      out.line()
      out.doc(["A message with every field at its default."])
      out.line("public init() {}")
      for nested in message.messages {
        out.line()
        declare(nested, &out)
      }
      for nested in message.enums {
        out.line()
        declare(nested, &out)
      }
    }
  }

  private func declare(_ enumeration: EnumModel, _ out: inout CodeWriter) {
    out.doc(enumeration.comments, fallback: "The `\(enumeration.fullName)` enum.")
    out.block("public enum \(enumeration.name): WireEnum {") { out in
      for value in enumeration.values {
        out.doc(value.comments, fallback: "`\(value.name)`.")
        out.line("case \(value.swiftName)")
      }
      out.doc(["A number this version of the schema does not name."])
      out.line("case unrecognized(Int32)")
      out.line()
      out.line("public static let protoEnumName = \"\(enumeration.fullName)\"")
      out.line()
      let first = enumeration.values[0]
      out.doc(["The value numbered 0, `\(first.name)`."])
      out.block("public init() {") { out in
        out.line("self = .\(first.swiftName)")
      }
      out.line()
      out.block("public init(rawValue: Int32) {") { out in
        out.line("switch rawValue {")
        var seen: Set<Int32> = []
        for value in enumeration.values where seen.insert(value.number).inserted {
          out.line("case \(Names.literal(value.number)): self = .\(value.swiftName)")
        }
        out.line("default: self = .unrecognized(rawValue)")
        out.line("}")
      }
      out.line()
      out.block("public init?(protoName: String) {") { out in
        out.line("switch protoName {")
        for value in enumeration.values {
          out.line("case \"\(value.name)\": self = .\(value.swiftName)")
        }
        out.line("default: return nil")
        out.line("}")
      }
      out.line()
      out.block("public var rawValue: Int32 {") { out in
        out.line("switch self {")
        for value in enumeration.values {
          out.line("case .\(value.swiftName): \(Names.literal(value.number))")
        }
        out.line("case .unrecognized(let number): number")
        out.line("}")
      }
      out.line()
      out.block("public var protoName: String? {") { out in
        out.line("switch self {")
        for value in enumeration.values {
          out.line("case .\(value.swiftName): \"\(value.name)\"")
        }
        out.line("case .unrecognized: nil")
        out.line("}")
      }
    }
  }

  // MARK: Types

  private func valueType(_ type: FieldType) -> String {
    switch type {
    case .scalar(let scalar): ScalarCoding.of(scalar).swiftType
    case .enumeration(_, let swiftName, _): swiftName
    case .message(_, let swiftName): swiftName
    case .map(let key, let value): "[\(ScalarCoding.of(key).swiftType): \(valueType(value))]"
    }
  }

  private func propertyType(_ field: FieldModel) -> String {
    if case .map = field.type { return valueType(field.type) }
    switch field.label {
    case .repeated: return "[\(valueType(field.type))]"
    case .optional: return valueType(field.type) + "?"
    case .singular:
      if case .message = field.type { return valueType(field.type) + "?" }
      return valueType(field.type)
    }
  }

  private func initialValue(_ field: FieldModel) -> String {
    if case .map = field.type { return " = [:]" }
    if field.label == .repeated { return " = []" }
    if field.label == .optional { return "" }
    guard let coding = coding(field.type) else { return "" }
    return " = \(coding.defaultValue)"
  }

  private func coding(_ type: FieldType) -> ScalarCoding? {
    switch type {
    case .scalar(let scalar): ScalarCoding.of(scalar)
    case .enumeration(_, let swiftName, let defaultCase):
      ScalarCoding.enumeration(swiftName, defaultCase: defaultCase)
    case .message, .map: nil
    }
  }

  // MARK: Codec

  private func codec(_ message: MessageModel, _ out: inout CodeWriter) {
    let fields = message.fields.sorted { $0.number < $1.number }
    out.block("extension \(message.swiftName) {") { out in
      out.block("public func encodedSize() -> Int {") { out in
        out.line("var size = unknownFields.encodedSize")
        for field in fields {
          FieldCoder(field: field, message: message).size(&out)
        }
        out.line("return size")
      }
      out.line()
      out.block("public func encode(to writer: inout WireWriter) {") { out in
        for field in fields {
          FieldCoder(field: field, message: message).encode(&out)
        }
        out.line("writer.writeUnknown(unknownFields)")
      }
      out.line()
      out.block("public mutating func merge(from reader: inout WireReader) throws(WireError) {") {
        out in
        out.block("while let tag = try reader.nextTag() {") { out in
          out.line("switch tag.fieldNumber {")
          for field in fields {
            FieldCoder(field: field, message: message).decode(&out)
          }
          out.line("default:")
          out.line("  try reader.skip(tag, into: &unknownFields)")
          out.line("}")
        }
      }
      out.line()
      out.block("public func writeJSON(to writer: inout JSONWriter) {") { out in
        out.line("writer.beginObject()")
        for field in fields {
          FieldCoder(field: field, message: message).writeJSON(&out)
        }
        out.line("writer.endObject()")
      }
      out.line()
      out.line("public mutating func mergeJSON(")
      out.line("  _ object: JSONObject, path: String")
      out.block(") throws(WireError) {") { out in
        out.block("for (name, value) in object.members where !value.isNull {") { out in
          out.line("switch name {")
          for field in message.fields {
            FieldCoder(field: field, message: message).readJSON(&out)
          }
          out.line("default:")
          out.line(
            "  throw WireError(.unknownJSONField, \"\\(path): no field named \\\"\\(name)\\\"\")")
          out.line("}")
        }
      }
    }
  }
}
