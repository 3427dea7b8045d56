// Generated from Tests/RPCTests/Fixtures/client_echo.proto by schemac. Do not edit.

import Wire

/// The `clienttest.EchoRequest` message.
public struct EchoRequest: WireMessage {
  public static let protoMessageName = "clienttest.EchoRequest"

  /// Echoed back in the response.
  public var text: String = ""

  /// Server streaming: how many responses to send.
  public var count: Int32 = 0

  /// How long the handler sleeps (unary) or pauses between responses.
  public var sleepMs: Int32 = 0

  /// When not zero, the call fails with this status code.
  public var failCode: Int32 = 0

  /// Echoed back in the response.
  public var payload: [UInt8] = []

  /// When not zero, the response payload is this many bytes instead.
  public var responseSize: Int32 = 0

  /// Fields received that this schema does not declare, written back on encode.
  public var unknownFields = UnknownFields()

  /// A message with every field at its default.
  public init() {}
}

/// The `clienttest.EchoResponse` message.
public struct EchoResponse: WireMessage {
  public static let protoMessageName = "clienttest.EchoResponse"

  public var text: String = ""

  public var index: Int32 = 0

  public var payload: [UInt8] = []

  /// The client's address as the server saw it.
  public var peer: String = ""

  /// Fields received that this schema does not declare, written back on encode.
  public var unknownFields = UnknownFields()

  /// A message with every field at its default.
  public init() {}
}

extension EchoRequest {
  public func encodedSize() -> Int {
    var size = unknownFields.encodedSize
    if !self.text.isEmpty {
      size += 1 + WireSize.string(self.text)
    }
    if self.count != 0 {
      size += 1 + WireSize.int32(self.count)
    }
    if self.sleepMs != 0 {
      size += 1 + WireSize.int32(self.sleepMs)
    }
    if self.failCode != 0 {
      size += 1 + WireSize.int32(self.failCode)
    }
    if !self.payload.isEmpty {
      size += 1 + WireSize.bytes(self.payload)
    }
    if self.responseSize != 0 {
      size += 1 + WireSize.int32(self.responseSize)
    }
    return size
  }

  public func encode(to writer: inout WireWriter) {
    if !self.text.isEmpty {
      writer.writeString(self.text, tag: 10)
    }
    if self.count != 0 {
      writer.writeInt32(self.count, tag: 16)
    }
    if self.sleepMs != 0 {
      writer.writeInt32(self.sleepMs, tag: 24)
    }
    if self.failCode != 0 {
      writer.writeInt32(self.failCode, tag: 32)
    }
    if !self.payload.isEmpty {
      writer.writeBytes(self.payload, tag: 42)
    }
    if self.responseSize != 0 {
      writer.writeInt32(self.responseSize, tag: 48)
    }
    writer.writeUnknown(unknownFields)
  }

  public mutating func merge(from reader: inout WireReader) throws(WireError) {
    while let tag = try reader.nextTag() {
      switch tag.fieldNumber {
      case 1:
        self.text = try reader.readString(tag)
      case 2:
        self.count = try reader.readInt32(tag)
      case 3:
        self.sleepMs = try reader.readInt32(tag)
      case 4:
        self.failCode = try reader.readInt32(tag)
      case 5:
        self.payload = try reader.readBytes(tag)
      case 6:
        self.responseSize = try reader.readInt32(tag)
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
    if self.count != 0 {
      writer.writeField("count", self.count)
    }
    if self.sleepMs != 0 {
      writer.writeField("sleepMs", self.sleepMs)
    }
    if self.failCode != 0 {
      writer.writeField("failCode", self.failCode)
    }
    if !self.payload.isEmpty {
      writer.writeBytesField("payload", self.payload)
    }
    if self.responseSize != 0 {
      writer.writeField("responseSize", self.responseSize)
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
      case "count":
        self.count = try Int32(json: value, path: "\(path).count")
      case "sleepMs", "sleep_ms":
        self.sleepMs = try Int32(json: value, path: "\(path).sleepMs")
      case "failCode", "fail_code":
        self.failCode = try Int32(json: value, path: "\(path).failCode")
      case "payload":
        self.payload = try value.decodeBytes(path: "\(path).payload")
      case "responseSize", "response_size":
        self.responseSize = try Int32(json: value, path: "\(path).responseSize")
      default:
        throw WireError(.unknownJSONField, "\(path): no field named \"\(name)\"")
      }
    }
  }
}

extension EchoResponse {
  public func encodedSize() -> Int {
    var size = unknownFields.encodedSize
    if !self.text.isEmpty {
      size += 1 + WireSize.string(self.text)
    }
    if self.index != 0 {
      size += 1 + WireSize.int32(self.index)
    }
    if !self.payload.isEmpty {
      size += 1 + WireSize.bytes(self.payload)
    }
    if !self.peer.isEmpty {
      size += 1 + WireSize.string(self.peer)
    }
    return size
  }

  public func encode(to writer: inout WireWriter) {
    if !self.text.isEmpty {
      writer.writeString(self.text, tag: 10)
    }
    if self.index != 0 {
      writer.writeInt32(self.index, tag: 16)
    }
    if !self.payload.isEmpty {
      writer.writeBytes(self.payload, tag: 26)
    }
    if !self.peer.isEmpty {
      writer.writeString(self.peer, tag: 34)
    }
    writer.writeUnknown(unknownFields)
  }

  public mutating func merge(from reader: inout WireReader) throws(WireError) {
    while let tag = try reader.nextTag() {
      switch tag.fieldNumber {
      case 1:
        self.text = try reader.readString(tag)
      case 2:
        self.index = try reader.readInt32(tag)
      case 3:
        self.payload = try reader.readBytes(tag)
      case 4:
        self.peer = try reader.readString(tag)
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
    if self.index != 0 {
      writer.writeField("index", self.index)
    }
    if !self.payload.isEmpty {
      writer.writeBytesField("payload", self.payload)
    }
    if !self.peer.isEmpty {
      writer.writeField("peer", self.peer)
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
      case "index":
        self.index = try Int32(json: value, path: "\(path).index")
      case "payload":
        self.payload = try value.decodeBytes(path: "\(path).payload")
      case "peer":
        self.peer = try String(json: value, path: "\(path).peer")
      default:
        throw WireError(.unknownJSONField, "\(path): no field named \"\(name)\"")
      }
    }
  }
}
