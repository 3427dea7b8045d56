/// How each scalar type maps onto Swift and onto the `Wire` helpers the
/// generated code calls.
struct ScalarCoding {
  /// The Swift type, such as `Int32`.
  let swiftType: String
  /// The Swift default value.
  let defaultValue: String
  /// The wire type of one value, as a `WireType` case.
  let wireType: String
  /// The `WireWriter`/`WireReader` method suffix: `writeInt32`, `readInt32`.
  let method: String
  /// The packed element helpers: `WireWriter.int32Value`.
  let packedElement: String?
  /// The fixed width, for `fixed32`-like and `fixed64`-like types.
  let fixedWidth: Int?

  /// The numeric wire type, for computing tags.
  var wireTypeNumber: Int {
    switch wireType {
    case "varint": 0
    case "fixed64": 1
    case "fixed32": 5
    default: 2
    }
  }

  /// An expression for the encoded size of `value` without its tag.
  func size(_ value: String) -> String {
    if let fixedWidth { return String(fixedWidth) }
    switch method {
    case "Bool": return "1"
    case "Enum": return "WireSize.enumValue(\(value))"
    case "String": return "WireSize.string(\(value))"
    case "Bytes": return "WireSize.bytes(\(value))"
    default: return "WireSize.\(method.lowercased())(\(value))"
    }
  }

  /// A condition that holds when `value` differs from the default, so the
  /// field is written; floats compare bits so `-0.0` is still written.
  func isSet(_ value: String) -> String {
    switch method {
    case "Bool": value
    case "String", "Bytes": "!\(value).isEmpty"
    case "Float", "Double": "\(value).bitPattern != 0"
    case "Enum": "\(value).rawValue != 0"
    default: "\(value) != 0"
    }
  }

  /// The coding of `scalar`.
  static func of(_ scalar: ScalarType) -> ScalarCoding {
    switch scalar {
    case .int32: integer("Int32", "Int32", "int32")
    case .int64: integer("Int64", "Int64", "int64")
    case .uint32: integer("UInt32", "UInt32", "uint32")
    case .uint64: integer("UInt64", "UInt64", "uint64")
    case .sint32: integer("Int32", "SInt32", "sint32")
    case .sint64: integer("Int64", "SInt64", "sint64")
    case .fixed32: fixed("UInt32", "Fixed32", "fixed32", 4)
    case .sfixed32: fixed("Int32", "SFixed32", "sfixed32", 4)
    case .float: fixed("Float", "Float", "float", 4)
    case .fixed64: fixed("UInt64", "Fixed64", "fixed64", 8)
    case .sfixed64: fixed("Int64", "SFixed64", "sfixed64", 8)
    case .double: fixed("Double", "Double", "double", 8)
    case .bool:
      ScalarCoding(
        swiftType: "Bool", defaultValue: "false", wireType: "varint", method: "Bool",
        packedElement: "boolValue", fixedWidth: nil)
    case .string:
      ScalarCoding(
        swiftType: "String", defaultValue: "\"\"", wireType: "lengthDelimited", method: "String",
        packedElement: nil, fixedWidth: nil)
    case .bytes:
      ScalarCoding(
        swiftType: "[UInt8]", defaultValue: "[]", wireType: "lengthDelimited", method: "Bytes",
        packedElement: nil, fixedWidth: nil)
    }
  }

  private static func integer(_ swift: String, _ method: String, _ element: String) -> Self {
    ScalarCoding(
      swiftType: swift, defaultValue: "0", wireType: "varint", method: method,
      packedElement: element + "Value", fixedWidth: nil)
  }

  private static func fixed(
    _ swift: String, _ method: String, _ element: String, _ width: Int
  ) -> Self {
    ScalarCoding(
      swiftType: swift, defaultValue: "0", wireType: width == 4 ? "fixed32" : "fixed64",
      method: method, packedElement: element + "Value", fixedWidth: width)
  }
}

/// The coding of an enum, which travels as an `int32`.
extension ScalarCoding {
  static func enumeration(_ swiftName: String, defaultCase: String) -> ScalarCoding {
    ScalarCoding(
      swiftType: swiftName, defaultValue: "." + defaultCase, wireType: "varint", method: "Enum",
      packedElement: "enumValue", fixedWidth: nil)
  }
}
