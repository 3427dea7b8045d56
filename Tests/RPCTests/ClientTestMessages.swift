import RPC
import Wire

/// `clienttest.EchoRequest` from `Fixtures/client_echo.proto`, encoded by hand.
struct EchoRequest: WireMessage {
  static let protoMessageName = "clienttest.EchoRequest"

  var text = ""
  var count: Int32 = 0
  var sleepMilliseconds: Int32 = 0
  var failCode: Int32 = 0
  var payload: [UInt8] = []
  var responseSize: Int32 = 0

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

  init(serializedBytes: [UInt8]) throws {
    var reader = ProtoReader(serializedBytes)
    while let (field, value) = try reader.next() {
      switch (field, value) {
      case (1, .bytes(let bytes)): text = String(decoding: bytes, as: UTF8.self)
      case (2, .varint(let number)): count = Int32(truncatingIfNeeded: number)
      case (3, .varint(let number)): sleepMilliseconds = Int32(truncatingIfNeeded: number)
      case (4, .varint(let number)): failCode = Int32(truncatingIfNeeded: number)
      case (5, .bytes(let bytes)): payload = bytes
      case (6, .varint(let number)): responseSize = Int32(truncatingIfNeeded: number)
      default: break
      }
    }
  }

  func serializedBytes() -> [UInt8] {
    var writer = ProtoWriter()
    writer.bytes(1, Array(text.utf8))
    writer.varint(2, count)
    writer.varint(3, sleepMilliseconds)
    writer.varint(4, failCode)
    writer.bytes(5, payload)
    writer.varint(6, responseSize)
    return writer.output
  }

  init(jsonString: String) throws { throw ProtoTestError.jsonUnsupported }
  func jsonString() -> String { "{}" }
}

/// `clienttest.EchoResponse`, encoded by hand.
struct EchoResponse: WireMessage {
  static let protoMessageName = "clienttest.EchoResponse"

  var text = ""
  var index: Int32 = 0
  var payload: [UInt8] = []
  var peer = ""

  init() {}

  init(serializedBytes: [UInt8]) throws {
    var reader = ProtoReader(serializedBytes)
    while let (field, value) = try reader.next() {
      switch (field, value) {
      case (1, .bytes(let bytes)): text = String(decoding: bytes, as: UTF8.self)
      case (2, .varint(let number)): index = Int32(truncatingIfNeeded: number)
      case (3, .bytes(let bytes)): payload = bytes
      case (4, .bytes(let bytes)): peer = String(decoding: bytes, as: UTF8.self)
      default: break
      }
    }
  }

  func serializedBytes() -> [UInt8] {
    var writer = ProtoWriter()
    writer.bytes(1, Array(text.utf8))
    writer.varint(2, index)
    writer.bytes(3, payload)
    writer.bytes(4, Array(peer.utf8))
    return writer.output
  }

  init(jsonString: String) throws { throw ProtoTestError.jsonUnsupported }
  func jsonString() -> String { "{}" }
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

/// A malformed test message.
enum ProtoTestError: Error {
  case truncated
  case unsupportedWireType(UInt64)
  case jsonUnsupported
}

/// Appends proto3 fields, skipping default values.
private struct ProtoWriter {
  var output: [UInt8] = []

  mutating func varint(_ field: Int, _ value: Int32) {
    guard value != 0 else { return }
    appendVarint(UInt64(field << 3))
    appendVarint(UInt64(bitPattern: Int64(value)))
  }

  mutating func bytes(_ field: Int, _ value: [UInt8]) {
    guard !value.isEmpty else { return }
    appendVarint(UInt64(field << 3 | 2))
    appendVarint(UInt64(value.count))
    output.append(contentsOf: value)
  }

  private mutating func appendVarint(_ value: UInt64) {
    var value = value
    while value >= 0x80 {
      output.append(UInt8(value & 0x7F) | 0x80)
      value >>= 7
    }
    output.append(UInt8(value))
  }
}

/// Reads varint and length-delimited fields.
private struct ProtoReader {
  enum Value {
    case varint(UInt64)
    case bytes([UInt8])
  }

  private let input: [UInt8]
  private var offset = 0

  init(_ input: [UInt8]) {
    self.input = input
  }

  mutating func next() throws -> (Int, Value)? {
    guard offset < input.count else { return nil }
    let key = try readVarint()
    switch key & 7 {
    case 0:
      return (Int(key >> 3), .varint(try readVarint()))
    case 2:
      let length = Int(try readVarint())
      guard length <= input.count - offset else { throw ProtoTestError.truncated }
      defer { offset += length }
      return (Int(key >> 3), .bytes(Array(input[offset..<offset + length])))
    default:
      throw ProtoTestError.unsupportedWireType(key & 7)
    }
  }

  private mutating func readVarint() throws -> UInt64 {
    var value: UInt64 = 0
    var shift: UInt64 = 0
    while offset < input.count, shift < 64 {
      let byte = input[offset]
      offset += 1
      value |= UInt64(byte & 0x7F) << shift
      if byte < 0x80 { return value }
      shift += 7
    }
    throw ProtoTestError.truncated
  }
}
