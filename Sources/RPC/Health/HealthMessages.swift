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

/// `grpc.health.v1.HealthCheckRequest { string service = 1; }`, written by
/// hand on the Wire primitives so the transport needs no generated module.
struct HealthCheckRequest: WireMessage {
  static let protoMessageName = "grpc.health.v1.HealthCheckRequest"

  /// The service asked about; empty means the whole server.
  var service = ""
  var unknownFields = UnknownFields()

  init() {}

  init(service: String) {
    self.service = service
  }

  func encodedSize() -> Int {
    unknownFields.encodedSize + (service.isEmpty ? 0 : 1 + WireSize.string(service))
  }

  func encode(to writer: inout WireWriter) {
    if !service.isEmpty { writer.writeString(service, tag: 10) }
    writer.writeUnknown(unknownFields)
  }

  mutating func merge(from reader: inout WireReader) throws(WireError) {
    while let tag = try reader.nextTag() {
      if tag.fieldNumber == 1 {
        service = try reader.readString(tag)
      } else {
        try reader.skip(tag, into: &unknownFields)
      }
    }
  }

  func writeJSON(to writer: inout JSONWriter) {
    writer.beginObject()
    if !service.isEmpty { writer.writeField("service", service) }
    writer.endObject()
  }

  mutating func mergeJSON(_ object: JSONObject, path: String) throws(WireError) {
    for (name, value) in object.members where !value.isNull {
      guard name == "service" else {
        throw WireError(.unknownJSONField, "\(path): no field named \"\(name)\"")
      }
      service = try String(json: value, path: "\(path).service")
    }
  }
}

/// `grpc.health.v1.HealthCheckResponse { ServingStatus status = 1; }`.
struct HealthCheckResponse: WireMessage {
  static let protoMessageName = "grpc.health.v1.HealthCheckResponse"

  /// The raw enum number, kept as received so unknown values round-trip.
  var statusNumber: Int32 = 0
  var unknownFields = UnknownFields()

  init() {}

  init(status: ServingStatus) {
    statusNumber = Int32(status.rawValue)
  }

  /// The status, or `.unknown` for a number this library does not name.
  var status: ServingStatus { ServingStatus(rawValue: Int(statusNumber)) ?? .unknown }

  func encodedSize() -> Int {
    unknownFields.encodedSize + (statusNumber == 0 ? 0 : 1 + WireSize.int32(statusNumber))
  }

  func encode(to writer: inout WireWriter) {
    if statusNumber != 0 { writer.writeInt32(statusNumber, tag: 8) }
    writer.writeUnknown(unknownFields)
  }

  mutating func merge(from reader: inout WireReader) throws(WireError) {
    while let tag = try reader.nextTag() {
      if tag.fieldNumber == 1 {
        statusNumber = try reader.readInt32(tag)
      } else {
        try reader.skip(tag, into: &unknownFields)
      }
    }
  }

  func writeJSON(to writer: inout JSONWriter) {
    writer.beginObject()
    if statusNumber != 0 {
      if let name = ServingStatus(rawValue: Int(statusNumber))?.protoName {
        writer.writeField("status", name)
      } else {
        writer.writeField("status", statusNumber)
      }
    }
    writer.endObject()
  }

  mutating func mergeJSON(_ object: JSONObject, path: String) throws(WireError) {
    for (name, value) in object.members where !value.isNull {
      guard name == "status" else {
        throw WireError(.unknownJSONField, "\(path): no field named \"\(name)\"")
      }
      if case .string(let text) = value,
        let status = ServingStatus.allCases.first(where: { $0.protoName == text })
      {
        statusNumber = Int32(status.rawValue)
      } else {
        statusNumber = try Int32(json: value, path: "\(path).status")
      }
    }
  }
}
