// Generated from schema/grpc/health/v1/health.proto by schemac. Do not edit.

import Wire

/// Asks for the serving status of one service.
public struct HealthCheckRequest: WireMessage {
  public static let protoMessageName = "grpc.health.v1.HealthCheckRequest"

  /// The fully qualified service name; empty means the whole server.
  public var service: String = ""

  /// Fields received that this schema does not declare, written back on encode.
  public var unknownFields = UnknownFields()

  /// A message with every field at its default.
  public init() {}
}

/// The serving status of the service asked about.
public struct HealthCheckResponse: WireMessage {
  public static let protoMessageName = "grpc.health.v1.HealthCheckResponse"

  /// The current status.
  public var status: HealthCheckResponse.ServingStatus = .unknown

  /// Fields received that this schema does not declare, written back on encode.
  public var unknownFields = UnknownFields()

  /// A message with every field at its default.
  public init() {}

  /// Whether the service can take calls.
  public enum ServingStatus: WireEnum {
    /// The status is not known.
    case unknown
    /// The service takes calls.
    case serving
    /// The service does not take calls, for example while the server drains.
    case notServing
    /// Used only by Watch: the service name is not known to the server.
    case serviceUnknown
    /// A number this version of the schema does not name.
    case unrecognized(Int32)

    public static let protoEnumName = "grpc.health.v1.HealthCheckResponse.ServingStatus"

    /// The value numbered 0, `UNKNOWN`.
    public init() {
      self = .unknown
    }

    public init(rawValue: Int32) {
      switch rawValue {
      case 0: self = .unknown
      case 1: self = .serving
      case 2: self = .notServing
      case 3: self = .serviceUnknown
      default: self = .unrecognized(rawValue)
      }
    }

    public init?(protoName: String) {
      switch protoName {
      case "UNKNOWN": self = .unknown
      case "SERVING": self = .serving
      case "NOT_SERVING": self = .notServing
      case "SERVICE_UNKNOWN": self = .serviceUnknown
      default: return nil
      }
    }

    public var rawValue: Int32 {
      switch self {
      case .unknown: 0
      case .serving: 1
      case .notServing: 2
      case .serviceUnknown: 3
      case .unrecognized(let number): number
      }
    }

    public var protoName: String? {
      switch self {
      case .unknown: "UNKNOWN"
      case .serving: "SERVING"
      case .notServing: "NOT_SERVING"
      case .serviceUnknown: "SERVICE_UNKNOWN"
      case .unrecognized: nil
      }
    }
  }
}

extension HealthCheckRequest {
  public func encodedSize() -> Int {
    var size = unknownFields.encodedSize
    if !self.service.isEmpty {
      size += 1 + WireSize.string(self.service)
    }
    return size
  }

  public func encode(to writer: inout WireWriter) {
    if !self.service.isEmpty {
      writer.writeString(self.service, tag: 10)
    }
    writer.writeUnknown(unknownFields)
  }

  public mutating func merge(from reader: inout WireReader) throws(WireError) {
    while let tag = try reader.nextTag() {
      switch tag.fieldNumber {
      case 1:
        self.service = try reader.readString(tag)
      default:
        try reader.skip(tag, into: &unknownFields)
      }
    }
  }

  public func writeJSON(to writer: inout JSONWriter) {
    writer.beginObject()
    if !self.service.isEmpty {
      writer.writeField("service", self.service)
    }
    writer.endObject()
  }

  public mutating func mergeJSON(
    _ object: JSONObject, path: String
  ) throws(WireError) {
    for (name, value) in object.members where !value.isNull {
      switch name {
      case "service":
        self.service = try String(json: value, path: "\(path).service")
      default:
        throw WireError(.unknownJSONField, "\(path): no field named \"\(name)\"")
      }
    }
  }
}

extension HealthCheckResponse {
  public func encodedSize() -> Int {
    var size = unknownFields.encodedSize
    if self.status.rawValue != 0 {
      size += 1 + WireSize.enumValue(self.status)
    }
    return size
  }

  public func encode(to writer: inout WireWriter) {
    if self.status.rawValue != 0 {
      writer.writeEnum(self.status, tag: 8)
    }
    writer.writeUnknown(unknownFields)
  }

  public mutating func merge(from reader: inout WireReader) throws(WireError) {
    while let tag = try reader.nextTag() {
      switch tag.fieldNumber {
      case 1:
        self.status = try reader.readEnum(tag) as HealthCheckResponse.ServingStatus
      default:
        try reader.skip(tag, into: &unknownFields)
      }
    }
  }

  public func writeJSON(to writer: inout JSONWriter) {
    writer.beginObject()
    if self.status.rawValue != 0 {
      writer.writeField("status", self.status)
    }
    writer.endObject()
  }

  public mutating func mergeJSON(
    _ object: JSONObject, path: String
  ) throws(WireError) {
    for (name, value) in object.members where !value.isNull {
      switch name {
      case "status":
        self.status = try HealthCheckResponse.ServingStatus(json: value, path: "\(path).status")
      default:
        throw WireError(.unknownJSONField, "\(path): no field named \"\(name)\"")
      }
    }
  }
}

/// Health checking, as load balancers and orchestrators expect it.
///
/// The method descriptors, for routing and for clients.
public enum HealthMethods {
  /// Returns the current status; NOT_FOUND for an unknown service name.
  public static let check = MethodDescriptor(
    service: "grpc.health.v1.Health", method: "Check", kind: .unary)

  /// Streams the current status, then every change until the caller leaves.
  public static let watch = MethodDescriptor(
    service: "grpc.health.v1.Health", method: "Watch", kind: .serverStreaming)

  /// Every method of the service.
  public static let all: [MethodDescriptor] = [check, watch]
}

/// Serves `grpc.health.v1.Health`: implement the methods and register the service.
public protocol HealthService: RPCService {
  /// Returns the current status; NOT_FOUND for an unknown service name.
  func check(
    _ request: HealthCheckRequest,
    context: ServerContext
  ) async throws -> HealthCheckResponse

  /// Streams the current status, then every change until the caller leaves.
  func watch(
    _ request: HealthCheckRequest,
    responses: MessageWriter<HealthCheckResponse>,
    context: ServerContext
  ) async throws
}

extension HealthService {
  /// Every method of the service, bound to this implementation.
  public var methodHandlers: [MethodHandler] {
    [
      .unary(HealthMethods.check) { try await self.check($0, context: $1) },
      .serverStreaming(HealthMethods.watch) {
        try await self.watch($0, responses: $1, context: $2)
      },
    ]
  }
}

/// Calls `grpc.health.v1.Health` on a server.
public struct HealthClient: Sendable {
  /// The connection calls go through.
  public let client: any RPCClientProtocol

  /// A client whose calls go through `client`.
  public init(client: any RPCClientProtocol) {
    self.client = client
  }

  /// Returns the current status; NOT_FOUND for an unknown service name.
  public func check(
    _ request: HealthCheckRequest,
    options: CallOptions = CallOptions()
  ) async throws -> HealthCheckResponse {
    try await client.unary(HealthMethods.check, request: request, options: options)
  }

  /// Streams the current status, then every change until the caller leaves.
  public func watch<R: Sendable>(
    _ request: HealthCheckRequest,
    options: CallOptions = CallOptions(),
    responses: @escaping @Sendable (MessageStream<HealthCheckResponse>) async throws -> R
  ) async throws -> R {
    try await client.serverStreaming(
      HealthMethods.watch, request: request, options: options, responses: responses)
  }
}
