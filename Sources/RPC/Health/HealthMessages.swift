import Foundation
import Wire

/// The serving status of the whole server or one service, as
/// `grpc.health.v1.HealthCheckResponse.ServingStatus` numbers it.
public enum ServingStatus: Int, Sendable, Hashable, CaseIterable {
  case unknown = 0
  case serving = 1
  case notServing = 2
  /// Only sent by `Watch`, for a service the server does not know.
  case serviceUnknown = 3

  /// The enum value's name in the schema.
  var protoName: String {
    switch self {
    case .unknown: "UNKNOWN"
    case .serving: "SERVING"
    case .notServing: "NOT_SERVING"
    case .serviceUnknown: "SERVICE_UNKNOWN"
    }
  }
}

/// Why a health message did not decode.
struct HealthMessageError: Error, CustomStringConvertible {
  var message: String
  var offset: Int

  var description: String { "\(message) at byte \(offset)" }
}

/// `grpc.health.v1.HealthCheckRequest { string service = 1; }`, encoded by
/// hand so the transport needs no generated code.
struct HealthCheckRequest: WireMessage {
  static let protoMessageName = "grpc.health.v1.HealthCheckRequest"

  /// The service asked about; empty means the whole server.
  var service = ""

  init() {}

  init(service: String) {
    self.service = service
  }

  init(serializedBytes bytes: [UInt8]) throws {
    var reader = ProtoReader(bytes: bytes)
    while let (field, wireType) = try reader.nextTag() {
      if field == 1 && wireType == 2 {
        service = String(decoding: try reader.lengthDelimited(), as: UTF8.self)
      } else {
        try reader.skip(wireType: wireType)
      }
    }
  }

  func serializedBytes() -> [UInt8] {
    guard !service.isEmpty else { return [] }
    var bytes: [UInt8] = [0x0A]
    ProtoReader.appendVarint(UInt64(service.utf8.count), to: &bytes)
    bytes.append(contentsOf: service.utf8)
    return bytes
  }

  init(jsonString: String) throws {
    let object = try JSONSerialization.jsonObject(with: Data(jsonString.utf8)) as? [String: Any]
    guard let object else { throw HealthMessageError(message: "expected a JSON object", offset: 0) }
    service = object["service"] as? String ?? ""
  }

  func jsonString() -> String {
    guard !service.isEmpty else { return "{}" }
    let data = try? JSONSerialization.data(withJSONObject: ["service": service])
    return data.map { String(decoding: $0, as: UTF8.self) } ?? "{}"
  }
}

/// `grpc.health.v1.HealthCheckResponse { ServingStatus status = 1; }`.
struct HealthCheckResponse: WireMessage {
  static let protoMessageName = "grpc.health.v1.HealthCheckResponse"

  /// The raw enum number, kept as received so unknown values round-trip.
  var statusNumber = 0

  init() {}

  init(status: ServingStatus) {
    statusNumber = status.rawValue
  }

  /// The status, or `.unknown` for a number this library does not name.
  var status: ServingStatus { ServingStatus(rawValue: statusNumber) ?? .unknown }

  init(serializedBytes bytes: [UInt8]) throws {
    var reader = ProtoReader(bytes: bytes)
    while let (field, wireType) = try reader.nextTag() {
      if field == 1 && wireType == 0 {
        statusNumber = Int(Int32(truncatingIfNeeded: try reader.varint()))
      } else {
        try reader.skip(wireType: wireType)
      }
    }
  }

  func serializedBytes() -> [UInt8] {
    guard statusNumber != 0 else { return [] }
    var bytes: [UInt8] = [0x08]
    ProtoReader.appendVarint(UInt64(bitPattern: Int64(statusNumber)), to: &bytes)
    return bytes
  }

  init(jsonString: String) throws {
    let object = try JSONSerialization.jsonObject(with: Data(jsonString.utf8)) as? [String: Any]
    guard let object else { throw HealthMessageError(message: "expected a JSON object", offset: 0) }
    if let name = object["status"] as? String {
      statusNumber = ServingStatus.allCases.first { $0.protoName == name }?.rawValue ?? 0
    } else if let number = object["status"] as? Int {
      statusNumber = number
    }
  }

  func jsonString() -> String {
    guard statusNumber != 0 else { return "{}" }
    let name = ServingStatus(rawValue: statusNumber)?.protoName
    return name.map { "{\"status\":\"\($0)\"}" } ?? "{\"status\":\(statusNumber)}"
  }
}

/// Just enough of the protobuf wire format for the two health messages:
/// tags, varints, length-delimited fields, and skipping anything else.
struct ProtoReader {
  private let bytes: [UInt8]
  private var offset = 0

  init(bytes: [UInt8]) {
    self.bytes = bytes
  }

  /// The next field number and wire type, or nil at the end.
  mutating func nextTag() throws -> (field: UInt64, wireType: UInt64)? {
    guard offset < bytes.count else { return nil }
    let tag = try varint()
    guard tag >> 3 != 0 else { throw HealthMessageError(message: "field number 0", offset: offset) }
    return (tag >> 3, tag & 7)
  }

  mutating func varint() throws -> UInt64 {
    var value: UInt64 = 0
    var shift: UInt64 = 0
    while offset < bytes.count && shift < 64 {
      let byte = bytes[offset]
      offset += 1
      value |= UInt64(byte & 0x7F) << shift
      if byte & 0x80 == 0 { return value }
      shift += 7
    }
    throw HealthMessageError(message: "truncated or overlong varint", offset: offset)
  }

  mutating func lengthDelimited() throws -> ArraySlice<UInt8> {
    let length = try varint()
    guard length <= UInt64(bytes.count - offset) else {
      throw HealthMessageError(message: "length past the end of the message", offset: offset)
    }
    let slice = bytes[offset..<offset + Int(length)]
    offset += Int(length)
    return slice
  }

  /// Skips a field of an unknown number.
  mutating func skip(wireType: UInt64) throws {
    switch wireType {
    case 0: _ = try varint()
    case 1: try advance(8)
    case 2: _ = try lengthDelimited()
    case 5: try advance(4)
    default:
      throw HealthMessageError(message: "unsupported wire type \(wireType)", offset: offset)
    }
  }

  private mutating func advance(_ count: Int) throws {
    guard count <= bytes.count - offset else {
      throw HealthMessageError(message: "fixed-width field past the end", offset: offset)
    }
    offset += count
  }

  static func appendVarint(_ value: UInt64, to bytes: inout [UInt8]) {
    var value = value
    while value >= 0x80 {
      bytes.append(UInt8(truncatingIfNeeded: value) | 0x80)
      value >>= 7
    }
    bytes.append(UInt8(value))
  }
}
