/// A parsed JSON document, with numbers kept as their text so 64-bit
/// integers lose no precision before a field's type decides how to read them.
public enum JSONValue: Sendable {
  case null
  case bool(Bool)
  /// A number exactly as written, such as `-12`, `1.5e3`.
  case number(String)
  case string(String)
  case array([JSONValue])
  case object(JSONObject)

  /// Whether the value is `null`, which proto3 JSON reads as "field unset".
  public var isNull: Bool {
    if case .null = self { return true }
    return false
  }

  /// Parses JSON text.
  /// - Throws: ``WireError`` with code `invalidJSON` and the byte offset.
  public init(parsing text: String) throws(WireError) {
    var parser = JSONParser(Array(text.utf8))
    self = try parser.parseDocument()
  }

  /// What kind of value this is, for error messages.
  var kindName: String {
    switch self {
    case .null: "null"
    case .bool: "a boolean"
    case .number: "a number"
    case .string: "a string"
    case .array: "an array"
    case .object: "an object"
    }
  }

  /// The error for a value of the wrong kind.
  static func mismatch(_ value: JSONValue, expected: String, path: String) -> WireError {
    WireError(.invalidJSONValue, "\(path): expected \(expected), found \(value.kindName)")
  }

  // MARK: Reading fields

  /// Reads a repeated field: an array of values.
  public func decodeArray<T: JSONFieldValue>(
    _ type: T.Type, path: String
  ) throws(WireError) -> [T] {
    guard case .array(let elements) = self else {
      throw Self.mismatch(self, expected: "an array", path: path)
    }
    var values: [T] = []
    values.reserveCapacity(elements.count)
    for (index, element) in elements.enumerated() {
      values.append(try T(json: element, path: "\(path)[\(index)]"))
    }
    return values
  }

  /// Reads a map field: an object whose keys spell the map's keys.
  public func decodeMap<K: WireMapKey, V: JSONFieldValue>(
    _ keyType: K.Type, _ valueType: V.Type, path: String
  ) throws(WireError) -> [K: V] {
    try decodeMap(keyType, path: path) { (value, path) throws(WireError) in
      try V(json: value, path: path)
    }
  }

  /// Reads a `bytes` field: standard or URL-safe base64.
  public func decodeBytes(path: String) throws(WireError) -> [UInt8] {
    guard case .string(let text) = self else {
      throw Self.mismatch(self, expected: "a base64 string", path: path)
    }
    guard let bytes = Base64.decode(text) else {
      throw WireError(.invalidJSONValue, "\(path): \"\(text)\" is not valid base64")
    }
    return bytes
  }

  /// Reads a repeated `bytes` field.
  public func decodeBytesArray(path: String) throws(WireError) -> [[UInt8]] {
    guard case .array(let elements) = self else {
      throw Self.mismatch(self, expected: "an array", path: path)
    }
    var values: [[UInt8]] = []
    for (index, element) in elements.enumerated() {
      values.append(try element.decodeBytes(path: "\(path)[\(index)]"))
    }
    return values
  }

  /// Reads a map field whose values are `bytes`.
  public func decodeBytesMap<K: WireMapKey>(
    _ keyType: K.Type, path: String
  ) throws(WireError) -> [K: [UInt8]] {
    try decodeMap(keyType, path: path) { (value, path) throws(WireError) in
      try value.decodeBytes(path: path)
    }
  }

  private func decodeMap<K: WireMapKey, V>(
    _ keyType: K.Type,
    path: String,
    value decodeValue: (JSONValue, String) throws(WireError) -> V
  ) throws(WireError) -> [K: V] {
    guard case .object(let object) = self else {
      throw Self.mismatch(self, expected: "an object", path: path)
    }
    var map: [K: V] = [:]
    for (name, value) in object.members {
      guard let key = K(jsonKey: name) else {
        throw WireError(.invalidJSONValue, "\(path): \"\(name)\" is not a valid map key")
      }
      map[key] = try decodeValue(value, "\(path)[\"\(name)\"]")
    }
    return map
  }
}

/// A JSON object's members in document order.
public struct JSONObject: Sendable {
  /// The members; a name may repeat, and the last one wins when read.
  public var members: [(name: String, value: JSONValue)]

  /// Creates an object.
  public init(members: [(name: String, value: JSONValue)] = []) {
    self.members = members
  }
}
