import Wire

/// A message kept as its encoded bytes: requests are encoded once from
/// JSON, and responses are counted, not decoded, so the harness spends its
/// time on calls rather than on protobuf.
struct RawMessage: WireMessage {
  static let protoMessageName = "outreach.load.RawMessage"

  /// The encoded message, held as unknown fields so it is written back as is.
  var unknownFields = UnknownFields()

  init() {}

  init(bytes: [UInt8]) {
    unknownFields = UnknownFields(bytes: bytes)
  }

  init(serializedBytes: [UInt8]) throws {
    self.init(bytes: serializedBytes)
  }

  func serializedBytes() -> [UInt8] {
    unknownFields.bytes
  }

  func encodedSize() -> Int {
    unknownFields.encodedSize
  }

  func encode(to writer: inout WireWriter) {
    unknownFields.bytes.withUnsafeBytes { writer.writeRaw($0) }
  }

  mutating func merge(from reader: inout WireReader) throws(WireError) {
    while let tag = try reader.nextTag() {
      try reader.skip(tag, into: &unknownFields)
    }
  }

  func writeJSON(to writer: inout JSONWriter) {
    writer.beginObject()
    writer.endObject()
  }

  mutating func mergeJSON(_ object: JSONObject, path: String) throws(WireError) {
    guard object.members.isEmpty else {
      throw WireError(.unknownJSONField, "\(path): a raw message has no JSON fields")
    }
  }
}
