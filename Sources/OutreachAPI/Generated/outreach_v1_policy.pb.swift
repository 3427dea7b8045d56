// Generated from schema/outreach/v1/policy.proto by schemac. Do not edit.

import RPC
import Wire

/// What a send would be checked against, without sending anything.
public struct ValidateRequest: WireMessage {
  public static let protoMessageName = "outreach.v1.ValidateRequest"

  /// The intended recipient, such as "editor@example.com".
  public var recipientEmail: String = ""

  /// The sending address; empty means the server's configured SMTP_FROM_EMAIL.
  public var senderEmail: String = ""

  /// The subject line; part of the duplicate check.
  public var subject: String = ""

  /// Fields received that this schema does not declare, written back on encode.
  public var unknownFields = UnknownFields()

  /// A message with every field at its default.
  public init() {}
}

/// A policy decision. The same shape is returned by Validate and, for a
/// blocked send, carried in the `outreach-decision-bin` trailer of the
/// PERMISSION_DENIED status.
public struct ValidateResponse: WireMessage {
  public static let protoMessageName = "outreach.v1.ValidateResponse"

  /// True when every check passed.
  public var allowed: Bool = false

  /// Why: "All checks passed", or the check that blocked and its figures.
  public var reason: String = ""

  /// "consent" for EU, UK, CA and AU/NZ recipients, else "legitimate_interest".
  public var legalBasis: String = ""

  /// Sends the caller has made today (UTC), before this one.
  public var dailyUserCount: Int32 = 0

  /// The caller's daily cap.
  public var dailyUserLimit: Int32 = 0

  /// Sends to the recipient's domain today (UTC) by all callers, before this one.
  public var dailyDomainCount: Int32 = 0

  /// The per-domain daily cap.
  public var dailyDomainLimit: Int32 = 0

  /// The region inferred from the recipient's domain: "EU", "UK", "CA", "AU/NZ" or "US".
  public var region: String = ""

  /// Fields received that this schema does not declare, written back on encode.
  public var unknownFields = UnknownFields()

  /// A message with every field at its default.
  public init() {}
}

extension ValidateRequest {
  public func encodedSize() -> Int {
    var size = unknownFields.encodedSize
    if !self.recipientEmail.isEmpty {
      size += 1 + WireSize.string(self.recipientEmail)
    }
    if !self.senderEmail.isEmpty {
      size += 1 + WireSize.string(self.senderEmail)
    }
    if !self.subject.isEmpty {
      size += 1 + WireSize.string(self.subject)
    }
    return size
  }

  public func encode(to writer: inout WireWriter) {
    if !self.recipientEmail.isEmpty {
      writer.writeString(self.recipientEmail, tag: 10)
    }
    if !self.senderEmail.isEmpty {
      writer.writeString(self.senderEmail, tag: 18)
    }
    if !self.subject.isEmpty {
      writer.writeString(self.subject, tag: 26)
    }
    writer.writeUnknown(unknownFields)
  }

  public mutating func merge(from reader: inout WireReader) throws(WireError) {
    while let tag = try reader.nextTag() {
      switch tag.fieldNumber {
      case 1:
        self.recipientEmail = try reader.readString(tag)
      case 2:
        self.senderEmail = try reader.readString(tag)
      case 3:
        self.subject = try reader.readString(tag)
      default:
        try reader.skip(tag, into: &unknownFields)
      }
    }
  }

  public func writeJSON(to writer: inout JSONWriter) {
    writer.beginObject()
    if !self.recipientEmail.isEmpty {
      writer.writeField("recipientEmail", self.recipientEmail)
    }
    if !self.senderEmail.isEmpty {
      writer.writeField("senderEmail", self.senderEmail)
    }
    if !self.subject.isEmpty {
      writer.writeField("subject", self.subject)
    }
    writer.endObject()
  }

  public mutating func mergeJSON(
    _ object: JSONObject, path: String
  ) throws(WireError) {
    for (name, value) in object.members where !value.isNull {
      switch name {
      case "recipientEmail", "recipient_email":
        self.recipientEmail = try String(json: value, path: "\(path).recipientEmail")
      case "senderEmail", "sender_email":
        self.senderEmail = try String(json: value, path: "\(path).senderEmail")
      case "subject":
        self.subject = try String(json: value, path: "\(path).subject")
      default:
        throw WireError(.unknownJSONField, "\(path): no field named \"\(name)\"")
      }
    }
  }
}

extension ValidateResponse {
  public func encodedSize() -> Int {
    var size = unknownFields.encodedSize
    if self.allowed {
      size += 2
    }
    if !self.reason.isEmpty {
      size += 1 + WireSize.string(self.reason)
    }
    if !self.legalBasis.isEmpty {
      size += 1 + WireSize.string(self.legalBasis)
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
    if !self.region.isEmpty {
      size += 1 + WireSize.string(self.region)
    }
    return size
  }

  public func encode(to writer: inout WireWriter) {
    if self.allowed {
      writer.writeBool(self.allowed, tag: 8)
    }
    if !self.reason.isEmpty {
      writer.writeString(self.reason, tag: 18)
    }
    if !self.legalBasis.isEmpty {
      writer.writeString(self.legalBasis, tag: 26)
    }
    if self.dailyUserCount != 0 {
      writer.writeInt32(self.dailyUserCount, tag: 32)
    }
    if self.dailyUserLimit != 0 {
      writer.writeInt32(self.dailyUserLimit, tag: 40)
    }
    if self.dailyDomainCount != 0 {
      writer.writeInt32(self.dailyDomainCount, tag: 48)
    }
    if self.dailyDomainLimit != 0 {
      writer.writeInt32(self.dailyDomainLimit, tag: 56)
    }
    if !self.region.isEmpty {
      writer.writeString(self.region, tag: 66)
    }
    writer.writeUnknown(unknownFields)
  }

  public mutating func merge(from reader: inout WireReader) throws(WireError) {
    while let tag = try reader.nextTag() {
      switch tag.fieldNumber {
      case 1:
        self.allowed = try reader.readBool(tag)
      case 2:
        self.reason = try reader.readString(tag)
      case 3:
        self.legalBasis = try reader.readString(tag)
      case 4:
        self.dailyUserCount = try reader.readInt32(tag)
      case 5:
        self.dailyUserLimit = try reader.readInt32(tag)
      case 6:
        self.dailyDomainCount = try reader.readInt32(tag)
      case 7:
        self.dailyDomainLimit = try reader.readInt32(tag)
      case 8:
        self.region = try reader.readString(tag)
      default:
        try reader.skip(tag, into: &unknownFields)
      }
    }
  }

  public func writeJSON(to writer: inout JSONWriter) {
    writer.beginObject()
    if self.allowed {
      writer.writeField("allowed", self.allowed)
    }
    if !self.reason.isEmpty {
      writer.writeField("reason", self.reason)
    }
    if !self.legalBasis.isEmpty {
      writer.writeField("legalBasis", self.legalBasis)
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
    if !self.region.isEmpty {
      writer.writeField("region", self.region)
    }
    writer.endObject()
  }

  public mutating func mergeJSON(
    _ object: JSONObject, path: String
  ) throws(WireError) {
    for (name, value) in object.members where !value.isNull {
      switch name {
      case "allowed":
        self.allowed = try Bool(json: value, path: "\(path).allowed")
      case "reason":
        self.reason = try String(json: value, path: "\(path).reason")
      case "legalBasis", "legal_basis":
        self.legalBasis = try String(json: value, path: "\(path).legalBasis")
      case "dailyUserCount", "daily_user_count":
        self.dailyUserCount = try Int32(json: value, path: "\(path).dailyUserCount")
      case "dailyUserLimit", "daily_user_limit":
        self.dailyUserLimit = try Int32(json: value, path: "\(path).dailyUserLimit")
      case "dailyDomainCount", "daily_domain_count":
        self.dailyDomainCount = try Int32(json: value, path: "\(path).dailyDomainCount")
      case "dailyDomainLimit", "daily_domain_limit":
        self.dailyDomainLimit = try Int32(json: value, path: "\(path).dailyDomainLimit")
      case "region":
        self.region = try String(json: value, path: "\(path).region")
      default:
        throw WireError(.unknownJSONField, "\(path): no field named \"\(name)\"")
      }
    }
  }
}

/// The policy checks: daily caps, suppression, duplicates and legal basis.
///
/// The method descriptors, for routing and for clients.
public enum PolicyMethods {
  /// Runs every check for one prospective send and records the decision in
  /// the audit log. Consumes no cap and holds no key. INVALID_ARGUMENT for a
  /// malformed address.
  public static let validate = MethodDescriptor(
    service: "outreach.v1.Policy", method: "Validate", kind: .unary)

  /// Every method of the service.
  public static let all: [MethodDescriptor] = [validate]
}

/// Serves `outreach.v1.Policy`: implement the methods and register the service.
public protocol PolicyService: RPCService {
  /// Runs every check for one prospective send and records the decision in
  /// the audit log. Consumes no cap and holds no key. INVALID_ARGUMENT for a
  /// malformed address.
  func validate(
    _ request: ValidateRequest,
    context: ServerContext
  ) async throws -> ValidateResponse
}

extension PolicyService {
  /// Every method of the service, bound to this implementation.
  public var methodHandlers: [MethodHandler] {
    [
      .unary(PolicyMethods.validate) { try await self.validate($0, context: $1) }
    ]
  }
}

/// Calls `outreach.v1.Policy` on a server.
public struct PolicyClient: Sendable {
  /// The connection calls go through.
  public let client: any RPCClientProtocol

  /// A client whose calls go through `client`.
  public init(client: any RPCClientProtocol) {
    self.client = client
  }

  /// Runs every check for one prospective send and records the decision in
  /// the audit log. Consumes no cap and holds no key. INVALID_ARGUMENT for a
  /// malformed address.
  public func validate(
    _ request: ValidateRequest,
    options: CallOptions = CallOptions()
  ) async throws -> ValidateResponse {
    try await client.unary(PolicyMethods.validate, request: request, options: options)
  }
}
