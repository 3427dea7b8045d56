// Generated from schema/outreach/v1/outreach.proto by schemac. Do not edit.

import RPC
import Wire

/// Sends one email to a lead.
public struct SendRequest: WireMessage {
  public static let protoMessageName = "outreach.v1.SendRequest"

  /// The lead to write to; its address comes from the database.
  public var leadId: Int64 = 0

  /// The subject line; non-ASCII text is allowed.
  public var subject: String = ""

  /// The plain-text body; required.
  public var bodyText: String = ""

  /// An optional HTML alternative of the body.
  public var bodyHtml: String = ""

  /// The sending address; empty means the server's configured SMTP_FROM_EMAIL.
  public var senderEmail: String = ""

  /// Fields received that this schema does not declare, written back on encode.
  public var unknownFields = UnknownFields()

  /// A message with every field at its default.
  public init() {}
}

/// One recorded send attempt.
public struct Attempt: WireMessage {
  public static let protoMessageName = "outreach.v1.Attempt"

  /// The attempt's id.
  public var id: Int64 = 0

  /// Where the attempt stands.
  public var status: AttemptStatus = .unspecified

  /// The lead written to.
  public var leadId: Int64 = 0

  /// The address the message went to.
  public var recipientEmail: String = ""

  /// The address the message came from.
  public var senderEmail: String = ""

  /// The subject line.
  public var subject: String = ""

  /// "consent" or "legitimate_interest".
  public var legalBasis: String = ""

  /// The recipient's region, as in ValidateResponse.
  public var region: String = ""

  /// The Message-ID header of the delivered message, without angle brackets.
  public var messageId: String = ""

  /// When the attempt was recorded.
  public var createdAt: String = ""

  /// When the mail server accepted the message; empty unless sent.
  public var sentAt: String = ""

  /// Fields received that this schema does not declare, written back on encode.
  public var unknownFields = UnknownFields()

  /// A message with every field at its default.
  public init() {}
}

/// The outcome of a successful send.
public struct SendResponse: WireMessage {
  public static let protoMessageName = "outreach.v1.SendResponse"

  /// The delivered attempt.
  public var attempt: Attempt?

  /// Sends the caller has made today (UTC), this one included.
  public var dailyUserCount: Int32 = 0

  /// The caller's daily cap.
  public var dailyUserLimit: Int32 = 0

  /// Sends to the recipient's domain today (UTC), this one included.
  public var dailyDomainCount: Int32 = 0

  /// The per-domain daily cap.
  public var dailyDomainLimit: Int32 = 0

  /// Fields received that this schema does not declare, written back on encode.
  public var unknownFields = UnknownFields()

  /// A message with every field at its default.
  public init() {}
}

/// Where an attempt stands.
public enum AttemptStatus: WireEnum {
  /// Not set.
  case unspecified
  /// Approved and being delivered.
  case pending
  /// Accepted by the mail server.
  case sent
  /// Not delivered; nothing was counted.
  case failed
  /// The connection ended after the message was handed over, so it may or
  /// may not have been accepted. The duplicate key stays held; it is not retried.
  case unknown
  /// A number this version of the schema does not name.
  case unrecognized(Int32)

  public static let protoEnumName = "outreach.v1.AttemptStatus"

  /// The value numbered 0, `ATTEMPT_STATUS_UNSPECIFIED`.
  public init() {
    self = .unspecified
  }

  public init(rawValue: Int32) {
    switch rawValue {
    case 0: self = .unspecified
    case 1: self = .pending
    case 2: self = .sent
    case 3: self = .failed
    case 4: self = .unknown
    default: self = .unrecognized(rawValue)
    }
  }

  public init?(protoName: String) {
    switch protoName {
    case "ATTEMPT_STATUS_UNSPECIFIED": self = .unspecified
    case "ATTEMPT_STATUS_PENDING": self = .pending
    case "ATTEMPT_STATUS_SENT": self = .sent
    case "ATTEMPT_STATUS_FAILED": self = .failed
    case "ATTEMPT_STATUS_UNKNOWN": self = .unknown
    default: return nil
    }
  }

  public var rawValue: Int32 {
    switch self {
    case .unspecified: 0
    case .pending: 1
    case .sent: 2
    case .failed: 3
    case .unknown: 4
    case .unrecognized(let number): number
    }
  }

  public var protoName: String? {
    switch self {
    case .unspecified: "ATTEMPT_STATUS_UNSPECIFIED"
    case .pending: "ATTEMPT_STATUS_PENDING"
    case .sent: "ATTEMPT_STATUS_SENT"
    case .failed: "ATTEMPT_STATUS_FAILED"
    case .unknown: "ATTEMPT_STATUS_UNKNOWN"
    case .unrecognized: nil
    }
  }
}

extension SendRequest {
  public func encodedSize() -> Int {
    var size = unknownFields.encodedSize
    if self.leadId != 0 {
      size += 1 + WireSize.int64(self.leadId)
    }
    if !self.subject.isEmpty {
      size += 1 + WireSize.string(self.subject)
    }
    if !self.bodyText.isEmpty {
      size += 1 + WireSize.string(self.bodyText)
    }
    if !self.bodyHtml.isEmpty {
      size += 1 + WireSize.string(self.bodyHtml)
    }
    if !self.senderEmail.isEmpty {
      size += 1 + WireSize.string(self.senderEmail)
    }
    return size
  }

  public func encode(to writer: inout WireWriter) {
    if self.leadId != 0 {
      writer.writeInt64(self.leadId, tag: 8)
    }
    if !self.subject.isEmpty {
      writer.writeString(self.subject, tag: 18)
    }
    if !self.bodyText.isEmpty {
      writer.writeString(self.bodyText, tag: 26)
    }
    if !self.bodyHtml.isEmpty {
      writer.writeString(self.bodyHtml, tag: 34)
    }
    if !self.senderEmail.isEmpty {
      writer.writeString(self.senderEmail, tag: 42)
    }
    writer.writeUnknown(unknownFields)
  }

  public mutating func merge(from reader: inout WireReader) throws(WireError) {
    while let tag = try reader.nextTag() {
      switch tag.fieldNumber {
      case 1:
        self.leadId = try reader.readInt64(tag)
      case 2:
        self.subject = try reader.readString(tag)
      case 3:
        self.bodyText = try reader.readString(tag)
      case 4:
        self.bodyHtml = try reader.readString(tag)
      case 5:
        self.senderEmail = try reader.readString(tag)
      default:
        try reader.skip(tag, into: &unknownFields)
      }
    }
  }

  public func writeJSON(to writer: inout JSONWriter) {
    writer.beginObject()
    if self.leadId != 0 {
      writer.writeField("leadId", self.leadId)
    }
    if !self.subject.isEmpty {
      writer.writeField("subject", self.subject)
    }
    if !self.bodyText.isEmpty {
      writer.writeField("bodyText", self.bodyText)
    }
    if !self.bodyHtml.isEmpty {
      writer.writeField("bodyHtml", self.bodyHtml)
    }
    if !self.senderEmail.isEmpty {
      writer.writeField("senderEmail", self.senderEmail)
    }
    writer.endObject()
  }

  public mutating func mergeJSON(
    _ object: JSONObject, path: String
  ) throws(WireError) {
    for (name, value) in object.members where !value.isNull {
      switch name {
      case "leadId", "lead_id":
        self.leadId = try Int64(json: value, path: "\(path).leadId")
      case "subject":
        self.subject = try String(json: value, path: "\(path).subject")
      case "bodyText", "body_text":
        self.bodyText = try String(json: value, path: "\(path).bodyText")
      case "bodyHtml", "body_html":
        self.bodyHtml = try String(json: value, path: "\(path).bodyHtml")
      case "senderEmail", "sender_email":
        self.senderEmail = try String(json: value, path: "\(path).senderEmail")
      default:
        throw WireError(.unknownJSONField, "\(path): no field named \"\(name)\"")
      }
    }
  }
}

extension Attempt {
  public func encodedSize() -> Int {
    var size = unknownFields.encodedSize
    if self.id != 0 {
      size += 1 + WireSize.int64(self.id)
    }
    if self.status.rawValue != 0 {
      size += 1 + WireSize.enumValue(self.status)
    }
    if self.leadId != 0 {
      size += 1 + WireSize.int64(self.leadId)
    }
    if !self.recipientEmail.isEmpty {
      size += 1 + WireSize.string(self.recipientEmail)
    }
    if !self.senderEmail.isEmpty {
      size += 1 + WireSize.string(self.senderEmail)
    }
    if !self.subject.isEmpty {
      size += 1 + WireSize.string(self.subject)
    }
    if !self.legalBasis.isEmpty {
      size += 1 + WireSize.string(self.legalBasis)
    }
    if !self.region.isEmpty {
      size += 1 + WireSize.string(self.region)
    }
    if !self.messageId.isEmpty {
      size += 1 + WireSize.string(self.messageId)
    }
    if !self.createdAt.isEmpty {
      size += 1 + WireSize.string(self.createdAt)
    }
    if !self.sentAt.isEmpty {
      size += 1 + WireSize.string(self.sentAt)
    }
    return size
  }

  public func encode(to writer: inout WireWriter) {
    if self.id != 0 {
      writer.writeInt64(self.id, tag: 8)
    }
    if self.status.rawValue != 0 {
      writer.writeEnum(self.status, tag: 16)
    }
    if self.leadId != 0 {
      writer.writeInt64(self.leadId, tag: 24)
    }
    if !self.recipientEmail.isEmpty {
      writer.writeString(self.recipientEmail, tag: 34)
    }
    if !self.senderEmail.isEmpty {
      writer.writeString(self.senderEmail, tag: 42)
    }
    if !self.subject.isEmpty {
      writer.writeString(self.subject, tag: 50)
    }
    if !self.legalBasis.isEmpty {
      writer.writeString(self.legalBasis, tag: 58)
    }
    if !self.region.isEmpty {
      writer.writeString(self.region, tag: 66)
    }
    if !self.messageId.isEmpty {
      writer.writeString(self.messageId, tag: 74)
    }
    if !self.createdAt.isEmpty {
      writer.writeString(self.createdAt, tag: 82)
    }
    if !self.sentAt.isEmpty {
      writer.writeString(self.sentAt, tag: 90)
    }
    writer.writeUnknown(unknownFields)
  }

  public mutating func merge(from reader: inout WireReader) throws(WireError) {
    while let tag = try reader.nextTag() {
      switch tag.fieldNumber {
      case 1:
        self.id = try reader.readInt64(tag)
      case 2:
        self.status = try reader.readEnum(tag) as AttemptStatus
      case 3:
        self.leadId = try reader.readInt64(tag)
      case 4:
        self.recipientEmail = try reader.readString(tag)
      case 5:
        self.senderEmail = try reader.readString(tag)
      case 6:
        self.subject = try reader.readString(tag)
      case 7:
        self.legalBasis = try reader.readString(tag)
      case 8:
        self.region = try reader.readString(tag)
      case 9:
        self.messageId = try reader.readString(tag)
      case 10:
        self.createdAt = try reader.readString(tag)
      case 11:
        self.sentAt = try reader.readString(tag)
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
    if self.status.rawValue != 0 {
      writer.writeField("status", self.status)
    }
    if self.leadId != 0 {
      writer.writeField("leadId", self.leadId)
    }
    if !self.recipientEmail.isEmpty {
      writer.writeField("recipientEmail", self.recipientEmail)
    }
    if !self.senderEmail.isEmpty {
      writer.writeField("senderEmail", self.senderEmail)
    }
    if !self.subject.isEmpty {
      writer.writeField("subject", self.subject)
    }
    if !self.legalBasis.isEmpty {
      writer.writeField("legalBasis", self.legalBasis)
    }
    if !self.region.isEmpty {
      writer.writeField("region", self.region)
    }
    if !self.messageId.isEmpty {
      writer.writeField("messageId", self.messageId)
    }
    if !self.createdAt.isEmpty {
      writer.writeField("createdAt", self.createdAt)
    }
    if !self.sentAt.isEmpty {
      writer.writeField("sentAt", self.sentAt)
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
      case "status":
        self.status = try AttemptStatus(json: value, path: "\(path).status")
      case "leadId", "lead_id":
        self.leadId = try Int64(json: value, path: "\(path).leadId")
      case "recipientEmail", "recipient_email":
        self.recipientEmail = try String(json: value, path: "\(path).recipientEmail")
      case "senderEmail", "sender_email":
        self.senderEmail = try String(json: value, path: "\(path).senderEmail")
      case "subject":
        self.subject = try String(json: value, path: "\(path).subject")
      case "legalBasis", "legal_basis":
        self.legalBasis = try String(json: value, path: "\(path).legalBasis")
      case "region":
        self.region = try String(json: value, path: "\(path).region")
      case "messageId", "message_id":
        self.messageId = try String(json: value, path: "\(path).messageId")
      case "createdAt", "created_at":
        self.createdAt = try String(json: value, path: "\(path).createdAt")
      case "sentAt", "sent_at":
        self.sentAt = try String(json: value, path: "\(path).sentAt")
      default:
        throw WireError(.unknownJSONField, "\(path): no field named \"\(name)\"")
      }
    }
  }
}

extension SendResponse {
  public func encodedSize() -> Int {
    var size = unknownFields.encodedSize
    if let value = self.attempt {
      size += 1 + WireSize.message(value)
    }
    if self.dailyUserCount != 0 {
      size += 1 + WireSize.int32(self.dailyUserCount)
    }
    if self.dailyUserLimit != 0 {
      size += 1 + WireSize.int32(self.dailyUserLimit)
    }
    if self.dailyDomainCount != 0 {
      size += 1 + WireSize.int32(self.dailyDomainCount)
    }
    if self.dailyDomainLimit != 0 {
      size += 1 + WireSize.int32(self.dailyDomainLimit)
    }
    return size
  }

  public func encode(to writer: inout WireWriter) {
    if let value = self.attempt {
      writer.writeMessage(value, tag: 10)
    }
    if self.dailyUserCount != 0 {
      writer.writeInt32(self.dailyUserCount, tag: 16)
    }
    if self.dailyUserLimit != 0 {
      writer.writeInt32(self.dailyUserLimit, tag: 24)
    }
    if self.dailyDomainCount != 0 {
      writer.writeInt32(self.dailyDomainCount, tag: 32)
    }
    if self.dailyDomainLimit != 0 {
      writer.writeInt32(self.dailyDomainLimit, tag: 40)
    }
    writer.writeUnknown(unknownFields)
  }

  public mutating func merge(from reader: inout WireReader) throws(WireError) {
    while let tag = try reader.nextTag() {
      switch tag.fieldNumber {
      case 1:
        try reader.readMessage(tag, into: &self.attempt)
      case 2:
        self.dailyUserCount = try reader.readInt32(tag)
      case 3:
        self.dailyUserLimit = try reader.readInt32(tag)
      case 4:
        self.dailyDomainCount = try reader.readInt32(tag)
      case 5:
        self.dailyDomainLimit = try reader.readInt32(tag)
      default:
        try reader.skip(tag, into: &unknownFields)
      }
    }
  }

  public func writeJSON(to writer: inout JSONWriter) {
    writer.beginObject()
    if let value = self.attempt {
      writer.writeField("attempt", value)
    }
    if self.dailyUserCount != 0 {
      writer.writeField("dailyUserCount", self.dailyUserCount)
    }
    if self.dailyUserLimit != 0 {
      writer.writeField("dailyUserLimit", self.dailyUserLimit)
    }
    if self.dailyDomainCount != 0 {
      writer.writeField("dailyDomainCount", self.dailyDomainCount)
    }
    if self.dailyDomainLimit != 0 {
      writer.writeField("dailyDomainLimit", self.dailyDomainLimit)
    }
    writer.endObject()
  }

  public mutating func mergeJSON(
    _ object: JSONObject, path: String
  ) throws(WireError) {
    for (name, value) in object.members where !value.isNull {
      switch name {
      case "attempt":
        self.attempt = try Attempt(json: value, path: "\(path).attempt")
      case "dailyUserCount", "daily_user_count":
        self.dailyUserCount = try Int32(json: value, path: "\(path).dailyUserCount")
      case "dailyUserLimit", "daily_user_limit":
        self.dailyUserLimit = try Int32(json: value, path: "\(path).dailyUserLimit")
      case "dailyDomainCount", "daily_domain_count":
        self.dailyDomainCount = try Int32(json: value, path: "\(path).dailyDomainCount")
      case "dailyDomainLimit", "daily_domain_limit":
        self.dailyDomainLimit = try Int32(json: value, path: "\(path).dailyDomainLimit")
      default:
        throw WireError(.unknownJSONField, "\(path): no field named \"\(name)\"")
      }
    }
  }
}

/// The send pipeline.
///
/// The method descriptors, for routing and for clients.
public enum OutreachMethods {
  /// Resolves the lead, checks policy, records an attempt, delivers over SMTP
  /// with mandatory TLS and, only after delivery, counts it, marks the
  /// duplicate key and sets the lead to CONTACTED.
  ///
  /// NOT_FOUND for an unknown lead or one owned by another user;
  /// PERMISSION_DENIED with the reason when policy blocks the send (the full
  /// decision is in the `outreach-decision-bin` trailer, an encoded
  /// ValidateResponse); INTERNAL with a generic message when delivery fails
  /// (operators find the detail on the attempt record).
  public static let send = MethodDescriptor(
    service: "outreach.v1.Outreach", method: "Send", kind: .unary)

  /// Every method of the service.
  public static let all: [MethodDescriptor] = [send]
}

/// Serves `outreach.v1.Outreach`: implement the methods and register the service.
public protocol OutreachService: RPCService {
  /// Resolves the lead, checks policy, records an attempt, delivers over SMTP
  /// with mandatory TLS and, only after delivery, counts it, marks the
  /// duplicate key and sets the lead to CONTACTED.
  ///
  /// NOT_FOUND for an unknown lead or one owned by another user;
  /// PERMISSION_DENIED with the reason when policy blocks the send (the full
  /// decision is in the `outreach-decision-bin` trailer, an encoded
  /// ValidateResponse); INTERNAL with a generic message when delivery fails
  /// (operators find the detail on the attempt record).
  func send(_ request: SendRequest, context: ServerContext) async throws -> SendResponse
}

extension OutreachService {
  /// Every method of the service, bound to this implementation.
  public var methodHandlers: [MethodHandler] {
    [
      .unary(OutreachMethods.send) { try await self.send($0, context: $1) }
    ]
  }
}

/// Calls `outreach.v1.Outreach` on a server.
public struct OutreachClient: Sendable {
  /// The connection calls go through.
  public let client: any RPCClientProtocol

  /// A client whose calls go through `client`.
  public init(client: any RPCClientProtocol) {
    self.client = client
  }

  /// Resolves the lead, checks policy, records an attempt, delivers over SMTP
  /// with mandatory TLS and, only after delivery, counts it, marks the
  /// duplicate key and sets the lead to CONTACTED.
  ///
  /// NOT_FOUND for an unknown lead or one owned by another user;
  /// PERMISSION_DENIED with the reason when policy blocks the send (the full
  /// decision is in the `outreach-decision-bin` trailer, an encoded
  /// ValidateResponse); INTERNAL with a generic message when delivery fails
  /// (operators find the detail on the attempt record).
  public func send(
    _ request: SendRequest,
    options: CallOptions = CallOptions()
  ) async throws -> SendResponse {
    try await client.unary(OutreachMethods.send, request: request, options: options)
  }
}
