// Generated from schema/outreach/v1/events.proto by schemac. Do not edit.

import RPC
import Wire

/// Reports a bounce received for an address.
public struct ReportBounceRequest: WireMessage {
  public static let protoMessageName = "outreach.v1.ReportBounceRequest"

  /// The address that bounced.
  public var email: String = ""

  /// Hard or soft.
  public var kind: BounceKind = .unspecified

  /// The bounce's diagnostic, such as "550 5.1.1 user unknown"; optional.
  public var diagnostic: String = ""

  /// Fields received that this schema does not declare, written back on encode.
  public var unknownFields = UnknownFields()

  /// A message with every field at its default.
  public init() {}
}

/// What a bounce report did.
public struct ReportBounceResponse: WireMessage {
  public static let protoMessageName = "outreach.v1.ReportBounceResponse"

  /// True when the address is now suppressed.
  public var suppressed: Bool = false

  /// The suppression entry, when suppressed.
  public var suppression: Suppression?

  /// Fields received that this schema does not declare, written back on encode.
  public var unknownFields = UnknownFields()

  /// A message with every field at its default.
  public init() {}
}

/// Reports a reply received from an address.
public struct ReportReplyRequest: WireMessage {
  public static let protoMessageName = "outreach.v1.ReportReplyRequest"

  /// The address that replied.
  public var email: String = ""

  /// The reply's text; quoted lines (starting with ">") are ignored.
  public var text: String = ""

  /// Fields received that this schema does not declare, written back on encode.
  public var unknownFields = UnknownFields()

  /// A message with every field at its default.
  public init() {}
}

/// What a reply report did.
public struct ReportReplyResponse: WireMessage {
  public static let protoMessageName = "outreach.v1.ReportReplyResponse"

  /// How the reply was read.
  public var classification: ReplyClassification = .unspecified

  /// True when the address is now suppressed.
  public var suppressed: Bool = false

  /// The suppression entry, when suppressed.
  public var suppression: Suppression?

  /// Fields received that this schema does not declare, written back on encode.
  public var unknownFields = UnknownFields()

  /// A message with every field at its default.
  public init() {}
}

/// How a message bounced.
public enum BounceKind: WireEnum {
  /// Not set; rejected as INVALID_ARGUMENT.
  case unspecified
  /// Permanent: the address does not exist or never accepts mail.
  case hard
  /// Temporary: a full mailbox, a server down. Recorded, not suppressed.
  case soft
  /// A number this version of the schema does not name.
  case unrecognized(Int32)

  public static let protoEnumName = "outreach.v1.BounceKind"

  /// The value numbered 0, `BOUNCE_KIND_UNSPECIFIED`.
  public init() {
    self = .unspecified
  }

  public init(rawValue: Int32) {
    switch rawValue {
    case 0: self = .unspecified
    case 1: self = .hard
    case 2: self = .soft
    default: self = .unrecognized(rawValue)
    }
  }

  public init?(protoName: String) {
    switch protoName {
    case "BOUNCE_KIND_UNSPECIFIED": self = .unspecified
    case "BOUNCE_KIND_HARD": self = .hard
    case "BOUNCE_KIND_SOFT": self = .soft
    default: return nil
    }
  }

  public var rawValue: Int32 {
    switch self {
    case .unspecified: 0
    case .hard: 1
    case .soft: 2
    case .unrecognized(let number): number
    }
  }

  public var protoName: String? {
    switch self {
    case .unspecified: "BOUNCE_KIND_UNSPECIFIED"
    case .hard: "BOUNCE_KIND_HARD"
    case .soft: "BOUNCE_KIND_SOFT"
    case .unrecognized: nil
    }
  }
}

/// What a reply says, as the server reads it.
public enum ReplyClassification: WireEnum {
  /// Not set.
  case unspecified
  /// An ordinary reply; nothing happens.
  case ordinary
  /// An automatic out-of-office reply; nothing happens.
  case outOfOffice
  /// The recipient asks to be removed; the address is suppressed.
  case removalRequest
  /// The recipient is not interested; the address is suppressed.
  case notInterested
  /// A number this version of the schema does not name.
  case unrecognized(Int32)

  public static let protoEnumName = "outreach.v1.ReplyClassification"

  /// The value numbered 0, `REPLY_CLASSIFICATION_UNSPECIFIED`.
  public init() {
    self = .unspecified
  }

  public init(rawValue: Int32) {
    switch rawValue {
    case 0: self = .unspecified
    case 1: self = .ordinary
    case 2: self = .outOfOffice
    case 3: self = .removalRequest
    case 4: self = .notInterested
    default: self = .unrecognized(rawValue)
    }
  }

  public init?(protoName: String) {
    switch protoName {
    case "REPLY_CLASSIFICATION_UNSPECIFIED": self = .unspecified
    case "REPLY_CLASSIFICATION_ORDINARY": self = .ordinary
    case "REPLY_CLASSIFICATION_OUT_OF_OFFICE": self = .outOfOffice
    case "REPLY_CLASSIFICATION_REMOVAL_REQUEST": self = .removalRequest
    case "REPLY_CLASSIFICATION_NOT_INTERESTED": self = .notInterested
    default: return nil
    }
  }

  public var rawValue: Int32 {
    switch self {
    case .unspecified: 0
    case .ordinary: 1
    case .outOfOffice: 2
    case .removalRequest: 3
    case .notInterested: 4
    case .unrecognized(let number): number
    }
  }

  public var protoName: String? {
    switch self {
    case .unspecified: "REPLY_CLASSIFICATION_UNSPECIFIED"
    case .ordinary: "REPLY_CLASSIFICATION_ORDINARY"
    case .outOfOffice: "REPLY_CLASSIFICATION_OUT_OF_OFFICE"
    case .removalRequest: "REPLY_CLASSIFICATION_REMOVAL_REQUEST"
    case .notInterested: "REPLY_CLASSIFICATION_NOT_INTERESTED"
    case .unrecognized: nil
    }
  }
}

extension ReportBounceRequest {
  public func encodedSize() -> Int {
    var size = unknownFields.encodedSize
    if !self.email.isEmpty {
      size += 1 + WireSize.string(self.email)
    }
    if self.kind.rawValue != 0 {
      size += 1 + WireSize.enumValue(self.kind)
    }
    if !self.diagnostic.isEmpty {
      size += 1 + WireSize.string(self.diagnostic)
    }
    return size
  }

  public func encode(to writer: inout WireWriter) {
    if !self.email.isEmpty {
      writer.writeString(self.email, tag: 10)
    }
    if self.kind.rawValue != 0 {
      writer.writeEnum(self.kind, tag: 16)
    }
    if !self.diagnostic.isEmpty {
      writer.writeString(self.diagnostic, tag: 26)
    }
    writer.writeUnknown(unknownFields)
  }

  public mutating func merge(from reader: inout WireReader) throws(WireError) {
    while let tag = try reader.nextTag() {
      switch tag.fieldNumber {
      case 1:
        self.email = try reader.readString(tag)
      case 2:
        self.kind = try reader.readEnum(tag) as BounceKind
      case 3:
        self.diagnostic = try reader.readString(tag)
      default:
        try reader.skip(tag, into: &unknownFields)
      }
    }
  }

  public func writeJSON(to writer: inout JSONWriter) {
    writer.beginObject()
    if !self.email.isEmpty {
      writer.writeField("email", self.email)
    }
    if self.kind.rawValue != 0 {
      writer.writeField("kind", self.kind)
    }
    if !self.diagnostic.isEmpty {
      writer.writeField("diagnostic", self.diagnostic)
    }
    writer.endObject()
  }

  public mutating func mergeJSON(
    _ object: JSONObject, path: String
  ) throws(WireError) {
    for (name, value) in object.members where !value.isNull {
      switch name {
      case "email":
        self.email = try String(json: value, path: "\(path).email")
      case "kind":
        self.kind = try BounceKind(json: value, path: "\(path).kind")
      case "diagnostic":
        self.diagnostic = try String(json: value, path: "\(path).diagnostic")
      default:
        throw WireError(.unknownJSONField, "\(path): no field named \"\(name)\"")
      }
    }
  }
}

extension ReportBounceResponse {
  public func encodedSize() -> Int {
    var size = unknownFields.encodedSize
    if self.suppressed {
      size += 2
    }
    if let value = self.suppression {
      size += 1 + WireSize.message(value)
    }
    return size
  }

  public func encode(to writer: inout WireWriter) {
    if self.suppressed {
      writer.writeBool(self.suppressed, tag: 8)
    }
    if let value = self.suppression {
      writer.writeMessage(value, tag: 18)
    }
    writer.writeUnknown(unknownFields)
  }

  public mutating func merge(from reader: inout WireReader) throws(WireError) {
    while let tag = try reader.nextTag() {
      switch tag.fieldNumber {
      case 1:
        self.suppressed = try reader.readBool(tag)
      case 2:
        try reader.readMessage(tag, into: &self.suppression)
      default:
        try reader.skip(tag, into: &unknownFields)
      }
    }
  }

  public func writeJSON(to writer: inout JSONWriter) {
    writer.beginObject()
    if self.suppressed {
      writer.writeField("suppressed", self.suppressed)
    }
    if let value = self.suppression {
      writer.writeField("suppression", value)
    }
    writer.endObject()
  }

  public mutating func mergeJSON(
    _ object: JSONObject, path: String
  ) throws(WireError) {
    for (name, value) in object.members where !value.isNull {
      switch name {
      case "suppressed":
        self.suppressed = try Bool(json: value, path: "\(path).suppressed")
      case "suppression":
        self.suppression = try Suppression(json: value, path: "\(path).suppression")
      default:
        throw WireError(.unknownJSONField, "\(path): no field named \"\(name)\"")
      }
    }
  }
}

extension ReportReplyRequest {
  public func encodedSize() -> Int {
    var size = unknownFields.encodedSize
    if !self.email.isEmpty {
      size += 1 + WireSize.string(self.email)
    }
    if !self.text.isEmpty {
      size += 1 + WireSize.string(self.text)
    }
    return size
  }

  public func encode(to writer: inout WireWriter) {
    if !self.email.isEmpty {
      writer.writeString(self.email, tag: 10)
    }
    if !self.text.isEmpty {
      writer.writeString(self.text, tag: 18)
    }
    writer.writeUnknown(unknownFields)
  }

  public mutating func merge(from reader: inout WireReader) throws(WireError) {
    while let tag = try reader.nextTag() {
      switch tag.fieldNumber {
      case 1:
        self.email = try reader.readString(tag)
      case 2:
        self.text = try reader.readString(tag)
      default:
        try reader.skip(tag, into: &unknownFields)
      }
    }
  }

  public func writeJSON(to writer: inout JSONWriter) {
    writer.beginObject()
    if !self.email.isEmpty {
      writer.writeField("email", self.email)
    }
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
      case "email":
        self.email = try String(json: value, path: "\(path).email")
      case "text":
        self.text = try String(json: value, path: "\(path).text")
      default:
        throw WireError(.unknownJSONField, "\(path): no field named \"\(name)\"")
      }
    }
  }
}

extension ReportReplyResponse {
  public func encodedSize() -> Int {
    var size = unknownFields.encodedSize
    if self.classification.rawValue != 0 {
      size += 1 + WireSize.enumValue(self.classification)
    }
    if self.suppressed {
      size += 2
    }
    if let value = self.suppression {
      size += 1 + WireSize.message(value)
    }
    return size
  }

  public func encode(to writer: inout WireWriter) {
    if self.classification.rawValue != 0 {
      writer.writeEnum(self.classification, tag: 8)
    }
    if self.suppressed {
      writer.writeBool(self.suppressed, tag: 16)
    }
    if let value = self.suppression {
      writer.writeMessage(value, tag: 26)
    }
    writer.writeUnknown(unknownFields)
  }

  public mutating func merge(from reader: inout WireReader) throws(WireError) {
    while let tag = try reader.nextTag() {
      switch tag.fieldNumber {
      case 1:
        self.classification = try reader.readEnum(tag) as ReplyClassification
      case 2:
        self.suppressed = try reader.readBool(tag)
      case 3:
        try reader.readMessage(tag, into: &self.suppression)
      default:
        try reader.skip(tag, into: &unknownFields)
      }
    }
  }

  public func writeJSON(to writer: inout JSONWriter) {
    writer.beginObject()
    if self.classification.rawValue != 0 {
      writer.writeField("classification", self.classification)
    }
    if self.suppressed {
      writer.writeField("suppressed", self.suppressed)
    }
    if let value = self.suppression {
      writer.writeField("suppression", value)
    }
    writer.endObject()
  }

  public mutating func mergeJSON(
    _ object: JSONObject, path: String
  ) throws(WireError) {
    for (name, value) in object.members where !value.isNull {
      switch name {
      case "classification":
        self.classification = try ReplyClassification(json: value, path: "\(path).classification")
      case "suppressed":
        self.suppressed = try Bool(json: value, path: "\(path).suppressed")
      case "suppression":
        self.suppression = try Suppression(json: value, path: "\(path).suppression")
      default:
        throw WireError(.unknownJSONField, "\(path): no field named \"\(name)\"")
      }
    }
  }
}

/// Bounces and replies; hard bounces, removal requests and "not interested"
/// replies suppress the address for good.
///
/// The method descriptors, for routing and for clients.
public enum EventsMethods {
  /// Records a bounce; a hard bounce suppresses the address.
  public static let reportBounce = MethodDescriptor(
    service: "outreach.v1.Events", method: "ReportBounce", kind: .unary)

  /// Classifies a reply; removal requests and "not interested" replies
  /// suppress the address. English, German, French and Spanish are understood.
  public static let reportReply = MethodDescriptor(
    service: "outreach.v1.Events", method: "ReportReply", kind: .unary)

  /// Every method of the service.
  public static let all: [MethodDescriptor] = [reportBounce, reportReply]
}

/// Serves `outreach.v1.Events`: implement the methods and register the service.
public protocol EventsService: RPCService {
  /// Records a bounce; a hard bounce suppresses the address.
  func reportBounce(
    _ request: ReportBounceRequest,
    context: ServerContext
  ) async throws -> ReportBounceResponse

  /// Classifies a reply; removal requests and "not interested" replies
  /// suppress the address. English, German, French and Spanish are understood.
  func reportReply(
    _ request: ReportReplyRequest,
    context: ServerContext
  ) async throws -> ReportReplyResponse
}

extension EventsService {
  /// Every method of the service, bound to this implementation.
  public var methodHandlers: [MethodHandler] {
    [
      .unary(EventsMethods.reportBounce) { try await self.reportBounce($0, context: $1) },
      .unary(EventsMethods.reportReply) { try await self.reportReply($0, context: $1) },
    ]
  }
}

/// Calls `outreach.v1.Events` on a server.
public struct EventsClient: Sendable {
  /// The connection calls go through.
  public let client: any RPCClientProtocol

  /// A client whose calls go through `client`.
  public init(client: any RPCClientProtocol) {
    self.client = client
  }

  /// Records a bounce; a hard bounce suppresses the address.
  public func reportBounce(
    _ request: ReportBounceRequest,
    options: CallOptions = CallOptions()
  ) async throws -> ReportBounceResponse {
    try await client.unary(EventsMethods.reportBounce, request: request, options: options)
  }

  /// Classifies a reply; removal requests and "not interested" replies
  /// suppress the address. English, German, French and Spanish are understood.
  public func reportReply(
    _ request: ReportReplyRequest,
    options: CallOptions = CallOptions()
  ) async throws -> ReportReplyResponse {
    try await client.unary(EventsMethods.reportReply, request: request, options: options)
  }
}
