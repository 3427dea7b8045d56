/// Builds compact JSON text for the proto3 JSON mapping.
public struct JSONWriter {
  /// The text written so far.
  public private(set) var output = ""

  private var needsComma = false

  /// Creates an empty writer.
  public init() {}

  /// Opens an object.
  public mutating func beginObject() {
    separate()
    output.append("{")
    needsComma = false
  }

  /// Closes an object.
  public mutating func endObject() {
    output.append("}")
    needsComma = true
  }

  /// Opens an array.
  public mutating func beginArray() {
    separate()
    output.append("[")
    needsComma = false
  }

  /// Closes an array.
  public mutating func endArray() {
    output.append("]")
    needsComma = true
  }

  /// Writes a member name; the member's value comes next.
  public mutating func writeKey(_ name: String) {
    writeString(name)
    output.append(":")
    needsComma = false
  }

  /// Writes a string value, escaped.
  public mutating func writeString(_ value: String) {
    separate()
    output.append("\"")
    // Most strings need no escaping and are copied whole.
    let needsEscaping = value.utf8.contains { byte in
      byte < 0x20 || byte == 0x22 || byte == 0x5C || byte == 0x7F || byte == 0xE2
    }
    guard needsEscaping else {
      output.append(value)
      output.append("\"")
      needsComma = true
      return
    }
    for scalar in value.unicodeScalars {
      switch scalar {
      case "\"": output.append("\\\"")
      case "\\": output.append("\\\\")
      case "\n": output.append("\\n")
      case "\r": output.append("\\r")
      case "\t": output.append("\\t")
      case "\u{08}": output.append("\\b")
      case "\u{0C}": output.append("\\f")
      case "\u{00}"..."\u{1F}", "\u{7F}", "\u{2028}", "\u{2029}":
        let hex = String(scalar.value, radix: 16, uppercase: false)
        output.append("\\u" + String(repeating: "0", count: 4 - hex.count) + hex)
      default: output.unicodeScalars.append(scalar)
      }
    }
    output.append("\"")
    needsComma = true
  }

  /// Writes a number already formatted as JSON.
  public mutating func writeNumber(_ text: String) {
    separate()
    output.append(text)
    needsComma = true
  }

  /// Writes `true` or `false`.
  public mutating func writeBool(_ value: Bool) {
    writeNumber(value ? "true" : "false")
  }

  /// Writes base64 text for `bytes`.
  public mutating func writeBytes(_ value: [UInt8]) {
    writeString(Base64.encode(value))
  }

  private mutating func separate() {
    if needsComma { output.append(",") }
  }

  // MARK: Fields

  /// Writes a member holding one value.
  public mutating func writeField<T: JSONFieldValue>(_ name: String, _ value: T) {
    writeKey(name)
    value.writeJSON(to: &self)
  }

  /// Writes a member holding a repeated field.
  public mutating func writeField<T: JSONFieldValue>(_ name: String, _ values: [T]) {
    writeKey(name)
    beginArray()
    for value in values {
      value.writeJSON(to: &self)
    }
    endArray()
  }

  /// Writes a member holding a map field, keys in a stable order.
  public mutating func writeField<K: WireMapKey, V: JSONFieldValue>(
    _ name: String, _ map: [K: V]
  ) {
    writeKey(name)
    beginObject()
    for key in WireMapKeys.sorted(map) {
      writeKey(key.jsonKey)
      map[key]!.writeJSON(to: &self)
    }
    endObject()
  }

  /// Writes a member holding `bytes`.
  public mutating func writeBytesField(_ name: String, _ value: [UInt8]) {
    writeKey(name)
    writeBytes(value)
  }

  /// Writes a member holding repeated `bytes`.
  public mutating func writeBytesField(_ name: String, _ values: [[UInt8]]) {
    writeKey(name)
    beginArray()
    for value in values {
      writeBytes(value)
    }
    endArray()
  }

  /// Writes a member holding a map whose values are `bytes`.
  public mutating func writeBytesField<K: WireMapKey>(_ name: String, _ map: [K: [UInt8]]) {
    writeKey(name)
    beginObject()
    for key in WireMapKeys.sorted(map) {
      writeKey(key.jsonKey)
      writeBytes(map[key]!)
    }
    endObject()
  }
}
