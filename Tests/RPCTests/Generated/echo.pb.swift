// Generated from Tests/RPCTests/Fixtures/echo.proto by schemac. Do not edit.

import Wire

/// The `rpctest.v1.EchoMessage` message.
public struct EchoMessage: WireMessage {
  public static let protoMessageName = "rpctest.v1.EchoMessage"

  public var text: String = ""

  /// Fields received that this schema does not declare, written back on encode.
  public var unknownFields = UnknownFields()

  /// A message with every field at its default.
  public init() {}
}

extension EchoMessage {
  public func encodedSize() -> Int {
    var size = unknownFields.encodedSize
    if !self.text.isEmpty {
      size += 1 + WireSize.string(self.text)
    }
    return size
  }

  public func encode(to writer: inout WireWriter) {
    if !self.text.isEmpty {
      writer.writeString(self.text, tag: 10)
    }
    writer.writeUnknown(unknownFields)
  }

  public mutating func merge(from reader: inout WireReader) throws(WireError) {
    while let tag = try reader.nextTag() {
      switch tag.fieldNumber {
      case 1:
        self.text = try reader.readString(tag)
      default:
        try reader.skip(tag, into: &unknownFields)
      }
    }
  }

  public func writeJSON(to writer: inout JSONWriter) {
    writer.beginObject()
    if !self.text.isEmpty {
      writer.writeField("text", self.text)
    }
    writer.endObject()
  }

  public mutating func mergeJSON(
    _ object: JSONObject, path: String
  ) throws(WireError) {
    for (name, value) in object.members where !value.isNull {
      switch name {
      case "text":
        self.text = try String(json: value, path: "\(path).text")
      default:
        throw WireError(.unknownJSONField, "\(path): no field named \"\(name)\"")
      }
    }
  }
}
