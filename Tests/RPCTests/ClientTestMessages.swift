import RPC
import Wire

/// `clienttest.EchoRequest` from `Fixtures/client_echo.proto`, written by
/// hand on the Wire primitives.
struct EchoRequest: WireMessage {
  static let protoMessageName = "clienttest.EchoRequest"

  var text = ""
  var count: Int32 = 0
  var sleepMilliseconds: Int32 = 0
  var failCode: Int32 = 0
  var payload: [UInt8] = []
  var responseSize: Int32 = 0
  var unknownFields = UnknownFields()

  init() {}

  init(
    text: String, count: Int32 = 0, sleepMilliseconds: Int32 = 0, failCode: Int32 = 0,
    payload: [UInt8] = [], responseSize: Int32 = 0
  ) {
    self.text = text
    self.count = count
    self.sleepMilliseconds = sleepMilliseconds
    self.failCode = failCode
    self.payload = payload
    self.responseSize = responseSize
  }

  func encodedSize() -> Int {
    var size = unknownFields.encodedSize
    if !text.isEmpty { size += 1 + WireSize.string(text) }
    for number in [count, sleepMilliseconds, failCode, responseSize] where number != 0 {
      size += 1 + WireSize.int32(number)
    }
    if !payload.isEmpty { size += 1 + WireSize.bytes(payload) }
    return size
  }

  func encode(to writer: inout WireWriter) {
    if !text.isEmpty { writer.writeString(text, tag: 1 << 3 | 2) }
    if count != 0 { writer.writeInt32(count, tag: 2 << 3) }
    if sleepMilliseconds != 0 { writer.writeInt32(sleepMilliseconds, tag: 3 << 3) }
    if failCode != 0 { writer.writeInt32(failCode, tag: 4 << 3) }
    if !payload.isEmpty { writer.writeBytes(payload, tag: 5 << 3 | 2) }
    if responseSize != 0 { writer.writeInt32(responseSize, tag: 6 << 3) }
    writer.writeUnknown(unknownFields)
  }

  mutating func merge(from reader: inout WireReader) throws(WireError) {
    while let tag = try reader.nextTag() {
      switch tag.fieldNumber {
      case 1: text = try reader.readString(tag)
      case 2: count = try reader.readInt32(tag)
      case 3: sleepMilliseconds = try reader.readInt32(tag)
      case 4: failCode = try reader.readInt32(tag)
      case 5: payload = try reader.readBytes(tag)
      case 6: responseSize = try reader.readInt32(tag)
      default: try reader.skip(tag, into: &unknownFields)
      }
    }
  }

  func writeJSON(to writer: inout JSONWriter) {
    writer.beginObject()
    if !text.isEmpty { writer.writeField("text", text) }
    writer.endObject()
  }

  mutating func mergeJSON(_ object: JSONObject, path: String) throws(WireError) {
    try mergeTextOnlyJSON(object, path: path, into: &text)
  }
}

/// `clienttest.EchoResponse`, written by hand on the Wire primitives.
struct EchoResponse: WireMessage {
  static let protoMessageName = "clienttest.EchoResponse"

  var text = ""
  var index: Int32 = 0
  var payload: [UInt8] = []
  var peer = ""
  var unknownFields = UnknownFields()

  init() {}

  func encodedSize() -> Int {
    var size = unknownFields.encodedSize
    if !text.isEmpty { size += 1 + WireSize.string(text) }
    if index != 0 { size += 1 + WireSize.int32(index) }
    if !payload.isEmpty { size += 1 + WireSize.bytes(payload) }
    if !peer.isEmpty { size += 1 + WireSize.string(peer) }
    return size
  }

  func encode(to writer: inout WireWriter) {
    if !text.isEmpty { writer.writeString(text, tag: 1 << 3 | 2) }
    if index != 0 { writer.writeInt32(index, tag: 2 << 3) }
    if !payload.isEmpty { writer.writeBytes(payload, tag: 3 << 3 | 2) }
    if !peer.isEmpty { writer.writeString(peer, tag: 4 << 3 | 2) }
    writer.writeUnknown(unknownFields)
  }

  mutating func merge(from reader: inout WireReader) throws(WireError) {
    while let tag = try reader.nextTag() {
      switch tag.fieldNumber {
      case 1: text = try reader.readString(tag)
      case 2: index = try reader.readInt32(tag)
      case 3: payload = try reader.readBytes(tag)
      case 4: peer = try reader.readString(tag)
      default: try reader.skip(tag, into: &unknownFields)
      }
    }
  }

  func writeJSON(to writer: inout JSONWriter) {
    writer.beginObject()
    if !text.isEmpty { writer.writeField("text", text) }
    writer.endObject()
  }

  mutating func mergeJSON(_ object: JSONObject, path: String) throws(WireError) {
    try mergeTextOnlyJSON(object, path: path, into: &text)
  }
}

/// Reads the `text` member of a JSON object; the tests need no other.
func mergeTextOnlyJSON(
  _ object: JSONObject, path: String, into text: inout String
) throws(WireError) {
  for (name, value) in object.members where !value.isNull {
    guard name == "text" else {
      throw WireError(.unknownJSONField, "\(path): no field named \"\(name)\"")
    }
    text = try String(json: value, path: "\(path).text")
  }
}

/// The methods of `clienttest.Echo`.
enum EchoMethods {
  static let unary = MethodDescriptor(service: "clienttest.Echo", method: "Unary", kind: .unary)
  static let serverStream = MethodDescriptor(
    service: "clienttest.Echo", method: "ServerStream", kind: .serverStreaming)
  static let clientStream = MethodDescriptor(
    service: "clienttest.Echo", method: "ClientStream", kind: .clientStreaming)
  static let bidi = MethodDescriptor(
    service: "clienttest.Echo", method: "Bidi", kind: .bidirectionalStreaming)
}
