// Generated from schema/outreach/v1/audit.proto by schemac. Do not edit.

import RPC
import Wire

/// One policy decision.
public struct AuditEntry: WireMessage {
  public static let protoMessageName = "outreach.v1.AuditEntry"

  /// The entry's id; increases with time.
  public var id: Int64 = 0

  /// The authenticated user who asked.
  public var userId: Int64 = 0

  /// The intended recipient.
  public var leadEmail: String = ""

  /// The sending address.
  public var senderEmail: String = ""

  /// The subject line.
  public var subject: String = ""

  /// "approved" or "blocked".
  public var policyResult: String = ""

  /// Why, in words.
  public var reason: String = ""

  /// "consent" or "legitimate_interest".
  public var legalBasis: String = ""

  /// When the check occurred.
  public var timestamp: String = ""

  /// The recipient's region.
  public var region: String = ""

  /// "validate" for Policy.Validate, "send" for Outreach.Send.
  public var action: String = ""

  /// The attempt a send check created; 0 for validations and blocked sends.
  public var attemptId: Int64 = 0

  /// Fields received that this schema does not declare, written back on encode.
  public var unknownFields = UnknownFields()

  /// A message with every field at its default.
  public init() {}
}

/// Selects audit entries. Every filter left empty matches everything;
/// callers who are not admins only ever see their own entries.
public struct ListAuditRequest: WireMessage {
  public static let protoMessageName = "outreach.v1.ListAuditRequest"

  /// Only this user's entries (admins only; 0 means every user).
  public var userId: Int64 = 0

  /// Only entries for this recipient, in any case or spelling variant.
  public var recipientEmail: String = ""

  /// Only "approved" or only "blocked" entries.
  public var policyResult: String = ""

  /// Only entries at or after this time.
  public var since: String = ""

  /// Only entries before this time.
  public var until: String = ""

  /// The order of the stream.
  public var order: AuditOrder = .newestFirst

  /// At most this many entries; 0 means no limit.
  public var limit: Int32 = 0

  /// After the matching entries, keep the stream open and send new entries
  /// as they are written (oldest-first order only).
  public var follow: Bool = false

  /// Fields received that this schema does not declare, written back on encode.
  public var unknownFields = UnknownFields()

  /// A message with every field at its default.
  public init() {}
}

/// The order of a listing.
public enum AuditOrder: WireEnum {
  /// Newest entries first (the default).
  case newestFirst
  /// Oldest entries first.
  case oldestFirst
  /// A number this version of the schema does not name.
  case unrecognized(Int32)

  public static let protoEnumName = "outreach.v1.AuditOrder"

  /// The value numbered 0, `AUDIT_ORDER_NEWEST_FIRST`.
  public init() {
    self = .newestFirst
  }

  public init(rawValue: Int32) {
    switch rawValue {
    case 0: self = .newestFirst
    case 1: self = .oldestFirst
    default: self = .unrecognized(rawValue)
    }
  }

  public init?(protoName: String) {
    switch protoName {
    case "AUDIT_ORDER_NEWEST_FIRST": self = .newestFirst
    case "AUDIT_ORDER_OLDEST_FIRST": self = .oldestFirst
    default: return nil
    }
  }

  public var rawValue: Int32 {
    switch self {
    case .newestFirst: 0
    case .oldestFirst: 1
    case .unrecognized(let number): number
    }
  }

  public var protoName: String? {
    switch self {
    case .newestFirst: "AUDIT_ORDER_NEWEST_FIRST"
    case .oldestFirst: "AUDIT_ORDER_OLDEST_FIRST"
    case .unrecognized: nil
    }
  }
}

extension AuditEntry {
  public func encodedSize() -> Int {
    var size = unknownFields.encodedSize
    if self.id != 0 {
      size += 1 + WireSize.int64(self.id)
    }
    if self.userId != 0 {
      size += 1 + WireSize.int64(self.userId)
    }
    if !self.leadEmail.isEmpty {
      size += 1 + WireSize.string(self.leadEmail)
    }
    if !self.senderEmail.isEmpty {
      size += 1 + WireSize.string(self.senderEmail)
    }
    if !self.subject.isEmpty {
      size += 1 + WireSize.string(self.subject)
    }
    if !self.policyResult.isEmpty {
      size += 1 + WireSize.string(self.policyResult)
    }
    if !self.reason.isEmpty {
      size += 1 + WireSize.string(self.reason)
    }
    if !self.legalBasis.isEmpty {
      size += 1 + WireSize.string(self.legalBasis)
    }
    if !self.timestamp.isEmpty {
      size += 1 + WireSize.string(self.timestamp)
    }
    if !self.region.isEmpty {
      size += 1 + WireSize.string(self.region)
    }
    if !self.action.isEmpty {
      size += 1 + WireSize.string(self.action)
    }
    if self.attemptId != 0 {
      size += 1 + WireSize.int64(self.attemptId)
    }
    return size
  }

  public func encode(to writer: inout WireWriter) {
    if self.id != 0 {
      writer.writeInt64(self.id, tag: 8)
    }
    if self.userId != 0 {
      writer.writeInt64(self.userId, tag: 16)
    }
    if !self.leadEmail.isEmpty {
      writer.writeString(self.leadEmail, tag: 26)
    }
    if !self.senderEmail.isEmpty {
      writer.writeString(self.senderEmail, tag: 34)
    }
    if !self.subject.isEmpty {
      writer.writeString(self.subject, tag: 42)
    }
    if !self.policyResult.isEmpty {
      writer.writeString(self.policyResult, tag: 50)
    }
    if !self.reason.isEmpty {
      writer.writeString(self.reason, tag: 58)
    }
    if !self.legalBasis.isEmpty {
      writer.writeString(self.legalBasis, tag: 66)
    }
    if !self.timestamp.isEmpty {
      writer.writeString(self.timestamp, tag: 74)
    }
    if !self.region.isEmpty {
      writer.writeString(self.region, tag: 82)
    }
    if !self.action.isEmpty {
      writer.writeString(self.action, tag: 90)
    }
    if self.attemptId != 0 {
      writer.writeInt64(self.attemptId, tag: 96)
    }
    writer.writeUnknown(unknownFields)
  }

  public mutating func merge(from reader: inout WireReader) throws(WireError) {
    while let tag = try reader.nextTag() {
      switch tag.fieldNumber {
      case 1:
        self.id = try reader.readInt64(tag)
      case 2:
        self.userId = try reader.readInt64(tag)
      case 3:
        self.leadEmail = try reader.readString(tag)
      case 4:
        self.senderEmail = try reader.readString(tag)
      case 5:
        self.subject = try reader.readString(tag)
      case 6:
        self.policyResult = try reader.readString(tag)
      case 7:
        self.reason = try reader.readString(tag)
      case 8:
        self.legalBasis = try reader.readString(tag)
      case 9:
        self.timestamp = try reader.readString(tag)
      case 10:
        self.region = try reader.readString(tag)
      case 11:
        self.action = try reader.readString(tag)
      case 12:
        self.attemptId = try reader.readInt64(tag)
      default:
        try reader.skip(tag, into: &unknownFields)
      }
    }
  }

  public func writeJSON(to writer: inout JSONWriter) {
    writer.beginObject()
    if self.id != 0 {
      writer.writeField("id", self.id)
    }
    if self.userId != 0 {
      writer.writeField("userId", self.userId)
    }
    if !self.leadEmail.isEmpty {
      writer.writeField("leadEmail", self.leadEmail)
    }
    if !self.senderEmail.isEmpty {
      writer.writeField("senderEmail", self.senderEmail)
    }
    if !self.subject.isEmpty {
      writer.writeField("subject", self.subject)
    }
    if !self.policyResult.isEmpty {
      writer.writeField("policyResult", self.policyResult)
    }
    if !self.reason.isEmpty {
      writer.writeField("reason", self.reason)
    }
    if !self.legalBasis.isEmpty {
      writer.writeField("legalBasis", self.legalBasis)
    }
    if !self.timestamp.isEmpty {
      writer.writeField("timestamp", self.timestamp)
    }
    if !self.region.isEmpty {
      writer.writeField("region", self.region)
    }
    if !self.action.isEmpty {
      writer.writeField("action", self.action)
    }
    if self.attemptId != 0 {
      writer.writeField("attemptId", self.attemptId)
    }
    writer.endObject()
  }

  public mutating func mergeJSON(
    _ object: JSONObject, path: String
  ) throws(WireError) {
    for (name, value) in object.members where !value.isNull {
      switch name {
      case "id":
        self.id = try Int64(json: value, path: "\(path).id")
      case "userId", "user_id":
        self.userId = try Int64(json: value, path: "\(path).userId")
      case "leadEmail", "lead_email":
        self.leadEmail = try String(json: value, path: "\(path).leadEmail")
      case "senderEmail", "sender_email":
        self.senderEmail = try String(json: value, path: "\(path).senderEmail")
      case "subject":
        self.subject = try String(json: value, path: "\(path).subject")
      case "policyResult", "policy_result":
        self.policyResult = try String(json: value, path: "\(path).policyResult")
      case "reason":
        self.reason = try String(json: value, path: "\(path).reason")
      case "legalBasis", "legal_basis":
        self.legalBasis = try String(json: value, path: "\(path).legalBasis")
      case "timestamp":
        self.timestamp = try String(json: value, path: "\(path).timestamp")
      case "region":
        self.region = try String(json: value, path: "\(path).region")
      case "action":
        self.action = try String(json: value, path: "\(path).action")
      case "attemptId", "attempt_id":
        self.attemptId = try Int64(json: value, path: "\(path).attemptId")
      default:
        throw WireError(.unknownJSONField, "\(path): no field named \"\(name)\"")
      }
    }
  }
}

extension ListAuditRequest {
  public func encodedSize() -> Int {
    var size = unknownFields.encodedSize
    if self.userId != 0 {
      size += 1 + WireSize.int64(self.userId)
    }
    if !self.recipientEmail.isEmpty {
      size += 1 + WireSize.string(self.recipientEmail)
    }
    if !self.policyResult.isEmpty {
      size += 1 + WireSize.string(self.policyResult)
    }
    if !self.since.isEmpty {
      size += 1 + WireSize.string(self.since)
    }
    if !self.until.isEmpty {
      size += 1 + WireSize.string(self.until)
    }
    if self.order.rawValue != 0 {
      size += 1 + WireSize.enumValue(self.order)
    }
    if self.limit != 0 {
      size += 1 + WireSize.int32(self.limit)
    }
    if self.follow {
      size += 2
    }
    return size
  }

  public func encode(to writer: inout WireWriter) {
    if self.userId != 0 {
      writer.writeInt64(self.userId, tag: 8)
    }
    if !self.recipientEmail.isEmpty {
      writer.writeString(self.recipientEmail, tag: 18)
    }
    if !self.policyResult.isEmpty {
      writer.writeString(self.policyResult, tag: 26)
    }
    if !self.since.isEmpty {
      writer.writeString(self.since, tag: 34)
    }
    if !self.until.isEmpty {
      writer.writeString(self.until, tag: 42)
    }
    if self.order.rawValue != 0 {
      writer.writeEnum(self.order, tag: 48)
    }
    if self.limit != 0 {
      writer.writeInt32(self.limit, tag: 56)
    }
    if self.follow {
      writer.writeBool(self.follow, tag: 64)
    }
    writer.writeUnknown(unknownFields)
  }

  public mutating func merge(from reader: inout WireReader) throws(WireError) {
    while let tag = try reader.nextTag() {
      switch tag.fieldNumber {
      case 1:
        self.userId = try reader.readInt64(tag)
      case 2:
        self.recipientEmail = try reader.readString(tag)
      case 3:
        self.policyResult = try reader.readString(tag)
      case 4:
        self.since = try reader.readString(tag)
      case 5:
        self.until = try reader.readString(tag)
      case 6:
        self.order = try reader.readEnum(tag) as AuditOrder
      case 7:
        self.limit = try reader.readInt32(tag)
      case 8:
        self.follow = try reader.readBool(tag)
      default:
        try reader.skip(tag, into: &unknownFields)
      }
    }
  }

  public func writeJSON(to writer: inout JSONWriter) {
    writer.beginObject()
    if self.userId != 0 {
      writer.writeField("userId", self.userId)
    }
    if !self.recipientEmail.isEmpty {
      writer.writeField("recipientEmail", self.recipientEmail)
    }
    if !self.policyResult.isEmpty {
      writer.writeField("policyResult", self.policyResult)
    }
    if !self.since.isEmpty {
      writer.writeField("since", self.since)
    }
    if !self.until.isEmpty {
      writer.writeField("until", self.until)
    }
    if self.order.rawValue != 0 {
      writer.writeField("order", self.order)
    }
    if self.limit != 0 {
      writer.writeField("limit", self.limit)
    }
    if self.follow {
      writer.writeField("follow", self.follow)
    }
    writer.endObject()
  }

  public mutating func mergeJSON(
    _ object: JSONObject, path: String
  ) throws(WireError) {
    for (name, value) in object.members where !value.isNull {
      switch name {
      case "userId", "user_id":
        self.userId = try Int64(json: value, path: "\(path).userId")
      case "recipientEmail", "recipient_email":
        self.recipientEmail = try String(json: value, path: "\(path).recipientEmail")
      case "policyResult", "policy_result":
        self.policyResult = try String(json: value, path: "\(path).policyResult")
      case "since":
        self.since = try String(json: value, path: "\(path).since")
      case "until":
        self.until = try String(json: value, path: "\(path).until")
      case "order":
        self.order = try AuditOrder(json: value, path: "\(path).order")
      case "limit":
        self.limit = try Int32(json: value, path: "\(path).limit")
      case "follow":
        self.follow = try Bool(json: value, path: "\(path).follow")
      default:
        throw WireError(.unknownJSONField, "\(path): no field named \"\(name)\"")
      }
    }
  }
}

/// Reading the audit log.
///
/// The method descriptors, for routing and for clients.
public enum AuditMethods {
  /// Streams the matching entries.
  public static let list = MethodDescriptor(
    service: "outreach.v1.Audit", method: "List", kind: .serverStreaming)

  /// Every method of the service.
  public static let all: [MethodDescriptor] = [list]
}

/// Serves `outreach.v1.Audit`: implement the methods and register the service.
public protocol AuditService: RPCService {
  /// Streams the matching entries.
  func list(
    _ request: ListAuditRequest,
    responses: MessageWriter<AuditEntry>,
    context: ServerContext
  ) async throws
}

extension AuditService {
  /// Every method of the service, bound to this implementation.
  public var methodHandlers: [MethodHandler] {
    [
      .serverStreaming(AuditMethods.list) {
        try await self.list($0, responses: $1, context: $2)
      }
    ]
  }
}

/// Calls `outreach.v1.Audit` on a server.
public struct AuditClient: Sendable {
  /// The connection calls go through.
  public let client: any RPCClientProtocol

  /// A client whose calls go through `client`.
  public init(client: any RPCClientProtocol) {
    self.client = client
  }

  /// Streams the matching entries.
  public func list<R: Sendable>(
    _ request: ListAuditRequest,
    options: CallOptions = CallOptions(),
    responses: @escaping @Sendable (MessageStream<AuditEntry>) async throws -> R
  ) async throws -> R {
    try await client.serverStreaming(
      AuditMethods.list, request: request, options: options, responses: responses)
  }
}
