import OutreachAPI
import Wire

/// JSON for scripts: the proto3 JSON mapping, optionally with every field
/// present, so a script reads `"suppressed": false` instead of a missing key.
enum JSONOutput {
  /// The message as one line of JSON.
  /// - Parameter emitDefaults: also write fields left at their default
  ///   (sub-messages that are not set stay absent).
  static func line(_ message: some WireMessage, emitDefaults: Bool = true) -> String {
    let compact = message.jsonString()
    guard emitDefaults, let parsed = try? JSONValue(parsing: compact) else { return compact }
    var writer = JSONWriter()
    write(filled(parsed, message: type(of: message).protoMessageName), to: &writer)
    return writer.output
  }

  /// `value` with the fields its message shape declares and it lacks.
  static func filled(_ value: JSONValue, message name: String) -> JSONValue {
    guard case .object(var object) = value, let shape = SchemaRegistry.messageShapes[name] else {
      return value
    }
    var members: [(name: String, value: JSONValue)] = []
    for field in shape.fields {
      let key = jsonName(field.name)
      if let present = object.members.first(where: { $0.name == key || $0.name == field.name }) {
        members.append((key, filledField(present.value, field: field)))
      } else if let fallback = defaultValue(field) {
        members.append((key, fallback))
      }
    }
    object.members = members
    return .object(object)
  }

  /// The lowerCamelCase name proto3 JSON uses for a field.
  static func jsonName(_ field: String) -> String {
    var result = ""
    var upperNext = false
    for character in field {
      if character == "_" {
        upperNext = true
      } else {
        result.append(upperNext ? Character(character.uppercased()) : character)
        upperNext = false
      }
    }
    return result
  }

  private static func filledField(_ value: JSONValue, field: FieldShape) -> JSONValue {
    guard SchemaRegistry.messageShapes[field.type] != nil else { return value }
    if field.label == .repeated, case .array(let items) = value {
      return .array(items.map { filled($0, message: field.type) })
    }
    return filled(value, message: field.type)
  }

  private static func defaultValue(_ field: FieldShape) -> JSONValue? {
    if field.label == .repeated { return .array([]) }
    if field.type.hasPrefix("map<") { return .object(JSONObject()) }
    if field.label == .optional || field.oneof != nil { return nil }
    switch field.type {
    case "string": return .string("")
    case "bytes": return .string("")
    case "bool": return .bool(false)
    case "int64", "uint64", "sint64", "fixed64", "sfixed64": return .string("0")
    case "int32", "uint32", "sint32", "fixed32", "sfixed32", "float", "double":
      return .number("0")
    default:
      if let enumShape = SchemaRegistry.enumShapes[field.type],
        let zero = enumShape.values.first(where: { $0.number == 0 })
      {
        return .string(zero.name)
      }
      return nil
    }
  }

  /// Writes a parsed JSON value back as compact text.
  static func write(_ value: JSONValue, to writer: inout JSONWriter) {
    switch value {
    case .null: writer.writeNumber("null")
    case .bool(let flag): writer.writeBool(flag)
    case .number(let text): writer.writeNumber(text)
    case .string(let text): writer.writeString(text)
    case .array(let items):
      writer.beginArray()
      for item in items { write(item, to: &writer) }
      writer.endArray()
    case .object(let object):
      writer.beginObject()
      for member in object.members {
        writer.writeKey(member.name)
        write(member.value, to: &writer)
      }
      writer.endObject()
    }
  }
}
