/// A protobuf enum. Proto3 enums are open: a number the schema does not
/// name decodes to an `unrecognized` case and encodes back unchanged.
public protocol WireEnum: Sendable, Hashable, JSONFieldValue {
  /// The full protobuf name, such as `outreach.v1.LeadStatus`.
  static var protoEnumName: String { get }

  /// The first value, number 0.
  init()

  /// The case for `rawValue`; never fails, since unknown numbers are kept.
  init(rawValue: Int32)

  /// The case named `protoName` in the schema, such as `LEAD_STATUS_NEW`.
  init?(protoName: String)

  /// The number on the wire.
  var rawValue: Int32 { get }

  /// The name in the schema, or `nil` for a number the schema does not name.
  var protoName: String? { get }
}

extension WireEnum {
  /// Writes the name, or the number when the schema does not name it.
  public func writeJSON(to writer: inout JSONWriter) {
    if let protoName {
      writer.writeString(protoName)
    } else {
      writer.writeNumber(String(rawValue))
    }
  }

  /// Reads a name, or a number (named or not).
  public init(json: JSONValue, path: String) throws(WireError) {
    switch json {
    case .string(let name):
      guard let value = Self(protoName: name) else {
        throw WireError(
          .invalidJSONValue, "\(path): \"\(name)\" is not a value of \(Self.protoEnumName)")
      }
      self = value
    case .number:
      self.init(rawValue: try Int32(json: json, path: path))
    default:
      throw JSONValue.mismatch(json, expected: "an enum name or number", path: path)
    }
  }
}
