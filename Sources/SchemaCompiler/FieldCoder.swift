/// Emits the code that sizes, encodes, decodes and maps to JSON one field.
struct FieldCoder {
  let field: FieldModel
  let message: MessageModel

  private var oneof: OneofModel? { field.oneofIndex.map { message.oneofs[$0] } }

  private var property: String { "self.\(field.swiftName)" }

  private var scalar: ScalarCoding? {
    switch field.type {
    case .scalar(let scalar): ScalarCoding.of(scalar)
    case .enumeration(_, let swiftName, let defaultCase):
      ScalarCoding.enumeration(swiftName, defaultCase: defaultCase)
    case .message, .map: nil
    }
  }

  private var isPacked: Bool {
    field.label == .repeated && scalar?.packedElement != nil
  }

  private var isBytes: Bool { field.type == .scalar(.bytes) }

  /// The tag as written for one value; packed and length-delimited fields use wire type 2.
  private var tag: Int {
    let wireType = isPacked ? 2 : (scalar?.wireTypeNumber ?? 2)
    return field.number << 3 | wireType
  }

  private static func tagSize(_ tag: Int) -> Int {
    var size = 1
    var rest = tag >> 7
    while rest > 0 {
      size += 1
      rest >>= 7
    }
    return size
  }

  /// `tagSize + size`, folded into one number when the size is constant.
  private func plusTag(_ size: String, tag: Int? = nil) -> String {
    let tagSize = Self.tagSize(tag ?? self.tag)
    if let constant = Int(size) { return String(tagSize + constant) }
    return "\(tagSize) + \(size)"
  }

  private func valueSize(_ type: FieldType, _ value: String) -> String {
    switch type {
    case .scalar(let scalar): ScalarCoding.of(scalar).size(value)
    case .enumeration(_, let swiftName, let defaultCase):
      ScalarCoding.enumeration(swiftName, defaultCase: defaultCase).size(value)
    case .message: "WireSize.message(\(value))"
    case .map: "0"
    }
  }

  private func writeCall(_ type: FieldType, _ value: String, tag: Int) -> String {
    switch type {
    case .scalar(let scalar):
      "writer.write\(ScalarCoding.of(scalar).method)(\(value), tag: \(Names.literal(tag)))"
    case .enumeration: "writer.writeEnum(\(value), tag: \(Names.literal(tag)))"
    case .message: "writer.writeMessage(\(value), tag: \(Names.literal(tag)))"
    case .map: ""
    }
  }

  private func valueTag(_ type: FieldType, number: Int) -> Int {
    switch type {
    case .scalar(let scalar): number << 3 | ScalarCoding.of(scalar).wireTypeNumber
    case .enumeration: number << 3
    case .message, .map: number << 3 | 2
    }
  }

  private var packedPayload: String {
    guard let scalar else { return "0" }
    if let width = scalar.fixedWidth { return "\(property).count * \(width)" }
    if scalar.method == "Bool" { return "\(property).count" }
    let sizeFunction = scalar.method == "Enum" ? "enumValue" : scalar.method.lowercased()
    return "WireSize.packed(\(property), WireSize.\(sizeFunction))"
  }

  // MARK: Size

  /// Adds the field's encoded size to `size`. A fixed-width value's size
  /// does not depend on the value, so it is not bound where it is not read.
  func size(_ out: inout CodeWriter) {
    if let oneof {
      let addition = plusTag(valueSize(field.type, "value"))
      let pattern = Self.reads(addition, "value") ? "(let value)?" : "?"
      out.block("if case .\(field.swiftName)\(pattern) = self.\(oneof.swiftName) {") { out in
        out.line("size += \(addition)")
      }
      return
    }
    if case .map(let key, let value) = field.type {
      let entry = entrySize(key: key, value: value)
      let keyName = Self.reads(entry, "key") ? "key" : "_"
      let valueName = Self.reads(entry, "value") ? "value" : "_"
      let binding = keyName == "_" && valueName == "_" ? "_" : "(\(keyName), \(valueName))"
      out.block("for \(binding) in \(property) {") { out in
        out.line("let entrySize = \(entry)")
        out.line("size += \(plusTag("WireSize.lengthDelimited(entrySize)"))")
      }
      return
    }
    if isPacked {
      out.block("if !\(property).isEmpty {") { out in
        out.line("size += \(plusTag("WireSize.lengthDelimited(\(packedPayload))"))")
      }
      return
    }
    let addition = plusTag(valueSize(field.type, "value"))
    switch field.label {
    case .repeated:
      out.block("for \(Self.reads(addition, "value") ? "value" : "_") in \(property) {") { out in
        out.line("size += \(addition)")
      }
    case .optional:
      let condition =
        Self.reads(addition, "value") ? "let value = \(property)" : "\(property) != nil"
      out.block("if \(condition) {") { out in
        out.line("size += \(addition)")
      }
    case .singular:
      if let scalar {
        out.block("if \(scalar.isSet(property)) {") { out in
          out.line("size += \(plusTag(scalar.size(property)))")
        }
      } else {
        out.block("if let value = \(property) {") { out in
          out.line("size += \(plusTag(valueSize(field.type, "value")))")
        }
      }
    }
  }

  /// Whether the Swift expression `code` names the identifier `name`.
  private static func reads(_ code: String, _ name: String) -> Bool {
    code.split { !($0.isLetter || $0.isNumber || $0 == "_") }.contains { $0 == name }
  }

  private func entrySize(key: ScalarType, value: FieldType) -> String {
    let keySize = plusTag(ScalarCoding.of(key).size("key"), tag: 8)
    let valueSize = plusTag(valueSize(value, "value"), tag: valueTag(value, number: 2))
    return "\(keySize) + \(valueSize)"
  }

  // MARK: Encode

  /// Writes the field when it is set.
  func encode(_ out: inout CodeWriter) {
    if let oneof {
      out.block("if case .\(field.swiftName)(let value)? = self.\(oneof.swiftName) {") { out in
        out.line(writeCall(field.type, "value", tag: tag))
      }
      return
    }
    if case .map(let key, let value) = field.type {
      out.block("for key in WireMapKeys.sorted(\(property)) {") { out in
        out.line("let value = \(property)[key]!")
        out.line("writer.writeTag(\(Names.literal(tag)))")
        out.line("writer.writeVarint(UInt64(\(entrySize(key: key, value: value))))")
        out.line(writeCall(.scalar(key), "key", tag: 8 | ScalarCoding.of(key).wireTypeNumber))
        out.line(writeCall(value, "value", tag: valueTag(value, number: 2)))
      }
      return
    }
    if isPacked, let element = scalar?.packedElement {
      out.block("if !\(property).isEmpty {") { out in
        out.line("writer.writePacked(")
        out.line("  \(property), tag: \(Names.literal(tag)), payloadSize: \(packedPayload),")
        out.line("  write: WireWriter.\(element))")
      }
      return
    }
    switch field.label {
    case .repeated:
      out.block("for value in \(property) {") { out in
        out.line(writeCall(field.type, "value", tag: tag))
      }
    case .optional:
      out.block("if let value = \(property) {") { out in
        out.line(writeCall(field.type, "value", tag: tag))
      }
    case .singular:
      if let scalar {
        out.block("if \(scalar.isSet(property)) {") { out in
          out.line(writeCall(field.type, property, tag: tag))
        }
      } else {
        out.block("if let value = \(property) {") { out in
          out.line(writeCall(field.type, "value", tag: tag))
        }
      }
    }
  }

  // MARK: Decode

  private func readCall(_ type: FieldType, reader: String = "reader", tag: String = "tag") -> String
  {
    switch type {
    case .scalar(let scalar): "try \(reader).read\(ScalarCoding.of(scalar).method)(\(tag))"
    case .enumeration(_, let swiftName, _): "try \(reader).readEnum(\(tag)) as \(swiftName)"
    case .message(_, let swiftName): "try \(reader).readMessage(\(tag), as: \(swiftName).self)"
    case .map: ""
    }
  }

  /// Emits the `case` that reads the field.
  func decode(_ out: inout CodeWriter) {
    out.line("case \(Names.literal(field.number)):")
    var body = CodeWriter()
    decodeBody(&body)
    for line in body.text.split(separator: "\n", omittingEmptySubsequences: false).dropLast() {
      out.line(line.isEmpty ? "" : "  " + line)
    }
  }

  private func decodeBody(_ out: inout CodeWriter) {
    if let oneof {
      if case .message(_, let swiftName) = field.type {
        out.line("var value = \(swiftName)()")
        out.block("if case .\(field.swiftName)(let existing)? = self.\(oneof.swiftName) {") {
          out in
          out.line("value = existing")
        }
        out.line("try reader.readMessage(tag, into: &value)")
        out.line("self.\(oneof.swiftName) = .\(field.swiftName)(value)")
      } else {
        out.line("self.\(oneof.swiftName) = .\(field.swiftName)(\(readCall(field.type)))")
      }
      return
    }
    if case .map(let key, let value) = field.type {
      decodeMapEntry(key: key, value: value, &out)
      return
    }
    if isPacked, let scalar, let element = scalar.packedElement {
      out.line("try reader.readRepeated(")
      out.line("  tag, elementWireType: .\(scalar.wireType), into: &\(property),")
      out.line("  read: WireReader.\(element))")
      return
    }
    switch (field.label, field.type) {
    case (.repeated, _):
      out.line("\(property).append(\(readCall(field.type)))")
    case (_, .message):
      out.line("try reader.readMessage(tag, into: &\(property))")
    default:
      out.line("\(property) = \(readCall(field.type))")
    }
  }

  private func decodeMapEntry(key: ScalarType, value: FieldType, _ out: inout CodeWriter) {
    let keyCoding = ScalarCoding.of(key)
    out.line("var key: \(keyCoding.swiftType) = \(keyCoding.defaultValue)")
    switch value {
    case .message(_, let swiftName):
      out.line("var value = \(swiftName)()")
    default:
      let coding = scalarCoding(value)
      out.line("var value: \(coding.swiftType) = \(coding.defaultValue)")
    }
    out.block("try reader.readMapEntry(tag) { (entry, entryTag) throws(WireError) in") { out in
      out.line("switch entryTag.fieldNumber {")
      out.line("case 1:")
      out.line("  key = \(readCall(.scalar(key), reader: "entry", tag: "entryTag"))")
      out.line("case 2:")
      if case .message = value {
        out.line("  try entry.readMessage(entryTag, into: &value)")
      } else {
        out.line("  value = \(readCall(value, reader: "entry", tag: "entryTag"))")
      }
      out.line("default:")
      out.line("  try entry.skip(entryTag)")
      out.line("}")
    }
    out.line("\(property)[key] = value")
  }

  private func scalarCoding(_ type: FieldType) -> ScalarCoding {
    switch type {
    case .scalar(let scalar): ScalarCoding.of(scalar)
    case .enumeration(_, let swiftName, let defaultCase):
      ScalarCoding.enumeration(swiftName, defaultCase: defaultCase)
    case .message, .map: ScalarCoding.of(.bytes)
    }
  }

  // MARK: JSON

  private var mapHoldsBytes: Bool {
    if case .map(_, .scalar(.bytes)) = field.type { return true }
    return false
  }

  /// Writes the field as a JSON member when it is set.
  func writeJSON(_ out: inout CodeWriter) {
    let name = "\"\(field.jsonName)\""
    let write = isBytes || mapHoldsBytes ? "writer.writeBytesField" : "writer.writeField"
    if let oneof {
      out.block("if case .\(field.swiftName)(let value)? = self.\(oneof.swiftName) {") { out in
        out.line("\(write)(\(name), value)")
      }
      return
    }
    if case .map = field.type {
      out.block("if !\(property).isEmpty {") { out in
        out.line("\(write)(\(name), \(property))")
      }
      return
    }
    switch field.label {
    case .repeated:
      out.block("if !\(property).isEmpty {") { out in
        out.line("\(write)(\(name), \(property))")
      }
    case .optional:
      out.block("if let value = \(property) {") { out in
        out.line("\(write)(\(name), value)")
      }
    case .singular:
      if let scalar {
        out.block("if \(scalar.isSet(property)) {") { out in
          out.line("\(write)(\(name), \(property))")
        }
      } else {
        out.block("if let value = \(property) {") { out in
          out.line("\(write)(\(name), value)")
        }
      }
    }
  }

  private func jsonRead(_ type: FieldType, path: String) -> String {
    switch type {
    case .scalar(.bytes): "try value.decodeBytes(path: \(path))"
    case .scalar(let scalar): "try \(ScalarCoding.of(scalar).swiftType)(json: value, path: \(path))"
    case .enumeration(_, let swiftName, _), .message(_, let swiftName):
      "try \(swiftName)(json: value, path: \(path))"
    case .map(let key, .scalar(.bytes)):
      "try value.decodeBytesMap(\(ScalarCoding.of(key).swiftType).self, path: \(path))"
    case .map(let key, let valueType):
      "try value.decodeMap(\(ScalarCoding.of(key).swiftType).self, "
        + "\(scalarOrMessageName(valueType)).self, path: \(path))"
    }
  }

  private func scalarOrMessageName(_ type: FieldType) -> String {
    switch type {
    case .message(_, let swiftName): swiftName
    default: scalarCoding(type).swiftType
    }
  }

  /// Emits the `case` that reads the field from a JSON member, by either name.
  func readJSON(_ out: inout CodeWriter) {
    let names =
      field.jsonName == field.name
      ? "\"\(field.jsonName)\"" : "\"\(field.jsonName)\", \"\(field.name)\""
    out.line("case \(names):")
    let path = "\"\\(path).\(field.jsonName)\""
    let read: String
    if field.label == .repeated {
      read =
        isBytes
        ? "try value.decodeBytesArray(path: \(path))"
        : "try value.decodeArray(\(scalarOrMessageName(field.type)).self, path: \(path))"
    } else {
      read = jsonRead(field.type, path: path)
    }
    if let oneof {
      out.line("  self.\(oneof.swiftName) = .\(field.swiftName)(\(read))")
    } else {
      out.line("  \(property) = \(read)")
    }
  }
}
