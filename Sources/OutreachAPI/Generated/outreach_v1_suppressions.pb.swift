// Generated from schema/outreach/v1/suppressions.proto by schemac. Do not edit.

import RPC
import Wire

/// One suppressed recipient.
public struct Suppression: WireMessage {
  public static let protoMessageName = "outreach.v1.Suppression"

  /// The address as first suppressed; variants in case or spelling match it.
  public var email: String = ""

  /// A human-readable reason.
  public var reason: String = ""

  /// What caused the suppression.
  public var source: SuppressionSource = .unspecified

  /// When it was added.
  public var createdAt: String = ""

  /// The user who added it; 0 when the system did.
  public var createdByUserId: Int64 = 0

  /// Fields received that this schema does not declare, written back on encode.
  public var unknownFields = UnknownFields()

  /// A message with every field at its default.
  public init() {}
}

/// Suppresses an address.
public struct AddSuppressionRequest: WireMessage {
  public static let protoMessageName = "outreach.v1.AddSuppressionRequest"

  /// The address to suppress.
  public var email: String = ""

  /// Why, such as "User requested unsubscribe".
  public var reason: String = ""

  /// Fields received that this schema does not declare, written back on encode.
  public var unknownFields = UnknownFields()

  /// A message with every field at its default.
  public init() {}
}

/// Lists the suppression list in a stable order: oldest first, then by address.
public struct ListSuppressionsRequest: WireMessage {
  public static let protoMessageName = "outreach.v1.ListSuppressionsRequest"

  /// At most this many entries per page; 0 means 100, more than 1000 means 1000.
  public var pageSize: Int32 = 0

  /// The next_page_token of the previous page; empty for the first page.
  public var pageToken: String = ""

  /// Fields received that this schema does not declare, written back on encode.
  public var unknownFields = UnknownFields()

  /// A message with every field at its default.
  public init() {}
}

/// One page of the suppression list.
public struct ListSuppressionsResponse: WireMessage {
  public static let protoMessageName = "outreach.v1.ListSuppressionsResponse"

  /// The entries of this page.
  public var suppressions: [Suppression] = []

  /// Pass it as page_token to get the next page; empty on the last page.
  public var nextPageToken: String = ""

  /// Fields received that this schema does not declare, written back on encode.
  public var unknownFields = UnknownFields()

  /// A message with every field at its default.
  public init() {}
}

/// Lifts a suppression. Admins only.
public struct RemoveSuppressionRequest: WireMessage {
  public static let protoMessageName = "outreach.v1.RemoveSuppressionRequest"

  /// The suppressed address, in any case or spelling variant.
  public var email: String = ""

  /// Fields received that this schema does not declare, written back on encode.
  public var unknownFields = UnknownFields()

  /// A message with every field at its default.
  public init() {}
}

/// What Remove did.
public struct RemoveSuppressionResponse: WireMessage {
  public static let protoMessageName = "outreach.v1.RemoveSuppressionResponse"

  /// False when the address was not suppressed.
  public var removed: Bool = false

  /// Fields received that this schema does not declare, written back on encode.
  public var unknownFields = UnknownFields()

  /// A message with every field at its default.
  public init() {}
}

/// Asks whether an address is suppressed.
public struct CheckSuppressionRequest: WireMessage {
  public static let protoMessageName = "outreach.v1.CheckSuppressionRequest"

  /// The address to look up.
  public var email: String = ""

  /// Fields received that this schema does not declare, written back on encode.
  public var unknownFields = UnknownFields()

  /// A message with every field at its default.
  public init() {}
}

/// Whether an address is suppressed.
public struct CheckSuppressionResponse: WireMessage {
  public static let protoMessageName = "outreach.v1.CheckSuppressionResponse"

  /// True when sends to the address are blocked.
  public var suppressed: Bool = false

  /// The entry that blocks it, when suppressed.
  public var suppression: Suppression?

  /// Fields received that this schema does not declare, written back on encode.
  public var unknownFields = UnknownFields()

  /// A message with every field at its default.
  public init() {}
}

/// Why an address was suppressed.
public enum SuppressionSource: WireEnum {
  /// Not set.
  case unspecified
  /// Added by a caller with Suppressions.Add.
  case manual
  /// A message to the address hard-bounced.
  case hardBounce
  /// The recipient asked to be removed.
  case unsubscribe
  /// The recipient replied that they are not interested.
  case notInterested
  /// A number this version of the schema does not name.
  case unrecognized(Int32)

  public static let protoEnumName = "outreach.v1.SuppressionSource"

  /// The value numbered 0, `SUPPRESSION_SOURCE_UNSPECIFIED`.
  public init() {
    self = .unspecified
  }

  public init(rawValue: Int32) {
    switch rawValue {
    case 0: self = .unspecified
    case 1: self = .manual
    case 2: self = .hardBounce
    case 3: self = .unsubscribe
    case 4: self = .notInterested
    default: self = .unrecognized(rawValue)
    }
  }

  public init?(protoName: String) {
    switch protoName {
    case "SUPPRESSION_SOURCE_UNSPECIFIED": self = .unspecified
    case "SUPPRESSION_SOURCE_MANUAL": self = .manual
    case "SUPPRESSION_SOURCE_HARD_BOUNCE": self = .hardBounce
    case "SUPPRESSION_SOURCE_UNSUBSCRIBE": self = .unsubscribe
    case "SUPPRESSION_SOURCE_NOT_INTERESTED": self = .notInterested
    default: return nil
    }
  }

  public var rawValue: Int32 {
    switch self {
    case .unspecified: 0
    case .manual: 1
    case .hardBounce: 2
    case .unsubscribe: 3
    case .notInterested: 4
    case .unrecognized(let number): number
    }
  }

  public var protoName: String? {
    switch self {
    case .unspecified: "SUPPRESSION_SOURCE_UNSPECIFIED"
    case .manual: "SUPPRESSION_SOURCE_MANUAL"
    case .hardBounce: "SUPPRESSION_SOURCE_HARD_BOUNCE"
    case .unsubscribe: "SUPPRESSION_SOURCE_UNSUBSCRIBE"
    case .notInterested: "SUPPRESSION_SOURCE_NOT_INTERESTED"
    case .unrecognized: nil
    }
  }
}

extension Suppression {
  public func encodedSize() -> Int {
    var size = unknownFields.encodedSize
    if !self.email.isEmpty {
      size += 1 + WireSize.string(self.email)
    }
    if !self.reason.isEmpty {
      size += 1 + WireSize.string(self.reason)
    }
    if self.source.rawValue != 0 {
      size += 1 + WireSize.enumValue(self.source)
    }
    if !self.createdAt.isEmpty {
      size += 1 + WireSize.string(self.createdAt)
    }
    if self.createdByUserId != 0 {
      size += 1 + WireSize.int64(self.createdByUserId)
    }
    return size
  }

  public func encode(to writer: inout WireWriter) {
    if !self.email.isEmpty {
      writer.writeString(self.email, tag: 10)
    }
    if !self.reason.isEmpty {
      writer.writeString(self.reason, tag: 18)
    }
    if self.source.rawValue != 0 {
      writer.writeEnum(self.source, tag: 24)
    }
    if !self.createdAt.isEmpty {
      writer.writeString(self.createdAt, tag: 34)
    }
    if self.createdByUserId != 0 {
      writer.writeInt64(self.createdByUserId, tag: 40)
    }
    writer.writeUnknown(unknownFields)
  }

  public mutating func merge(from reader: inout WireReader) throws(WireError) {
    while let tag = try reader.nextTag() {
      switch tag.fieldNumber {
      case 1:
        self.email = try reader.readString(tag)
      case 2:
        self.reason = try reader.readString(tag)
      case 3:
        self.source = try reader.readEnum(tag) as SuppressionSource
      case 4:
        self.createdAt = try reader.readString(tag)
      case 5:
        self.createdByUserId = try reader.readInt64(tag)
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
    if !self.reason.isEmpty {
      writer.writeField("reason", self.reason)
    }
    if self.source.rawValue != 0 {
      writer.writeField("source", self.source)
    }
    if !self.createdAt.isEmpty {
      writer.writeField("createdAt", self.createdAt)
    }
    if self.createdByUserId != 0 {
      writer.writeField("createdByUserId", self.createdByUserId)
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
      case "reason":
        self.reason = try String(json: value, path: "\(path).reason")
      case "source":
        self.source = try SuppressionSource(json: value, path: "\(path).source")
      case "createdAt", "created_at":
        self.createdAt = try String(json: value, path: "\(path).createdAt")
      case "createdByUserId", "created_by_user_id":
        self.createdByUserId = try Int64(json: value, path: "\(path).createdByUserId")
      default:
        throw WireError(.unknownJSONField, "\(path): no field named \"\(name)\"")
      }
    }
  }
}

extension AddSuppressionRequest {
  public func encodedSize() -> Int {
    var size = unknownFields.encodedSize
    if !self.email.isEmpty {
      size += 1 + WireSize.string(self.email)
    }
    if !self.reason.isEmpty {
      size += 1 + WireSize.string(self.reason)
    }
    return size
  }

  public func encode(to writer: inout WireWriter) {
    if !self.email.isEmpty {
      writer.writeString(self.email, tag: 10)
    }
    if !self.reason.isEmpty {
      writer.writeString(self.reason, tag: 18)
    }
    writer.writeUnknown(unknownFields)
  }

  public mutating func merge(from reader: inout WireReader) throws(WireError) {
    while let tag = try reader.nextTag() {
      switch tag.fieldNumber {
      case 1:
        self.email = try reader.readString(tag)
      case 2:
        self.reason = try reader.readString(tag)
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
    if !self.reason.isEmpty {
      writer.writeField("reason", self.reason)
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
      case "reason":
        self.reason = try String(json: value, path: "\(path).reason")
      default:
        throw WireError(.unknownJSONField, "\(path): no field named \"\(name)\"")
      }
    }
  }
}

extension ListSuppressionsRequest {
  public func encodedSize() -> Int {
    var size = unknownFields.encodedSize
    if self.pageSize != 0 {
      size += 1 + WireSize.int32(self.pageSize)
    }
    if !self.pageToken.isEmpty {
      size += 1 + WireSize.string(self.pageToken)
    }
    return size
  }

  public func encode(to writer: inout WireWriter) {
    if self.pageSize != 0 {
      writer.writeInt32(self.pageSize, tag: 8)
    }
    if !self.pageToken.isEmpty {
      writer.writeString(self.pageToken, tag: 18)
    }
    writer.writeUnknown(unknownFields)
  }

  public mutating func merge(from reader: inout WireReader) throws(WireError) {
    while let tag = try reader.nextTag() {
      switch tag.fieldNumber {
      case 1:
        self.pageSize = try reader.readInt32(tag)
      case 2:
        self.pageToken = try reader.readString(tag)
      default:
        try reader.skip(tag, into: &unknownFields)
      }
    }
  }

  public func writeJSON(to writer: inout JSONWriter) {
    writer.beginObject()
    if self.pageSize != 0 {
      writer.writeField("pageSize", self.pageSize)
    }
    if !self.pageToken.isEmpty {
      writer.writeField("pageToken", self.pageToken)
    }
    writer.endObject()
  }

  public mutating func mergeJSON(
    _ object: JSONObject, path: String
  ) throws(WireError) {
    for (name, value) in object.members where !value.isNull {
      switch name {
      case "pageSize", "page_size":
        self.pageSize = try Int32(json: value, path: "\(path).pageSize")
      case "pageToken", "page_token":
        self.pageToken = try String(json: value, path: "\(path).pageToken")
      default:
        throw WireError(.unknownJSONField, "\(path): no field named \"\(name)\"")
      }
    }
  }
}

extension ListSuppressionsResponse {
  public func encodedSize() -> Int {
    var size = unknownFields.encodedSize
    for value in self.suppressions {
      size += 1 + WireSize.message(value)
    }
    if !self.nextPageToken.isEmpty {
      size += 1 + WireSize.string(self.nextPageToken)
    }
    return size
  }

  public func encode(to writer: inout WireWriter) {
    for value in self.suppressions {
      writer.writeMessage(value, tag: 10)
    }
    if !self.nextPageToken.isEmpty {
      writer.writeString(self.nextPageToken, tag: 18)
    }
    writer.writeUnknown(unknownFields)
  }

  public mutating func merge(from reader: inout WireReader) throws(WireError) {
    while let tag = try reader.nextTag() {
      switch tag.fieldNumber {
      case 1:
        self.suppressions.append(try reader.readMessage(tag, as: Suppression.self))
      case 2:
        self.nextPageToken = try reader.readString(tag)
      default:
        try reader.skip(tag, into: &unknownFields)
      }
    }
  }

  public func writeJSON(to writer: inout JSONWriter) {
    writer.beginObject()
    if !self.suppressions.isEmpty {
      writer.writeField("suppressions", self.suppressions)
    }
    if !self.nextPageToken.isEmpty {
      writer.writeField("nextPageToken", self.nextPageToken)
    }
    writer.endObject()
  }

  public mutating func mergeJSON(
    _ object: JSONObject, path: String
  ) throws(WireError) {
    for (name, value) in object.members where !value.isNull {
      switch name {
      case "suppressions":
        self.suppressions = try value.decodeArray(Suppression.self, path: "\(path).suppressions")
      case "nextPageToken", "next_page_token":
        self.nextPageToken = try String(json: value, path: "\(path).nextPageToken")
      default:
        throw WireError(.unknownJSONField, "\(path): no field named \"\(name)\"")
      }
    }
  }
}

extension RemoveSuppressionRequest {
  public func encodedSize() -> Int {
    var size = unknownFields.encodedSize
    if !self.email.isEmpty {
      size += 1 + WireSize.string(self.email)
    }
    return size
  }

  public func encode(to writer: inout WireWriter) {
    if !self.email.isEmpty {
      writer.writeString(self.email, tag: 10)
    }
    writer.writeUnknown(unknownFields)
  }

  public mutating func merge(from reader: inout WireReader) throws(WireError) {
    while let tag = try reader.nextTag() {
      switch tag.fieldNumber {
      case 1:
        self.email = try reader.readString(tag)
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
    writer.endObject()
  }

  public mutating func mergeJSON(
    _ object: JSONObject, path: String
  ) throws(WireError) {
    for (name, value) in object.members where !value.isNull {
      switch name {
      case "email":
        self.email = try String(json: value, path: "\(path).email")
      default:
        throw WireError(.unknownJSONField, "\(path): no field named \"\(name)\"")
      }
    }
  }
}

extension RemoveSuppressionResponse {
  public func encodedSize() -> Int {
    var size = unknownFields.encodedSize
    if self.removed {
      size += 2
    }
    return size
  }

  public func encode(to writer: inout WireWriter) {
    if self.removed {
      writer.writeBool(self.removed, tag: 8)
    }
    writer.writeUnknown(unknownFields)
  }

  public mutating func merge(from reader: inout WireReader) throws(WireError) {
    while let tag = try reader.nextTag() {
      switch tag.fieldNumber {
      case 1:
        self.removed = try reader.readBool(tag)
      default:
        try reader.skip(tag, into: &unknownFields)
      }
    }
  }

  public func writeJSON(to writer: inout JSONWriter) {
    writer.beginObject()
    if self.removed {
      writer.writeField("removed", self.removed)
    }
    writer.endObject()
  }

  public mutating func mergeJSON(
    _ object: JSONObject, path: String
  ) throws(WireError) {
    for (name, value) in object.members where !value.isNull {
      switch name {
      case "removed":
        self.removed = try Bool(json: value, path: "\(path).removed")
      default:
        throw WireError(.unknownJSONField, "\(path): no field named \"\(name)\"")
      }
    }
  }
}

extension CheckSuppressionRequest {
  public func encodedSize() -> Int {
    var size = unknownFields.encodedSize
    if !self.email.isEmpty {
      size += 1 + WireSize.string(self.email)
    }
    return size
  }

  public func encode(to writer: inout WireWriter) {
    if !self.email.isEmpty {
      writer.writeString(self.email, tag: 10)
    }
    writer.writeUnknown(unknownFields)
  }

  public mutating func merge(from reader: inout WireReader) throws(WireError) {
    while let tag = try reader.nextTag() {
      switch tag.fieldNumber {
      case 1:
        self.email = try reader.readString(tag)
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
    writer.endObject()
  }

  public mutating func mergeJSON(
    _ object: JSONObject, path: String
  ) throws(WireError) {
    for (name, value) in object.members where !value.isNull {
      switch name {
      case "email":
        self.email = try String(json: value, path: "\(path).email")
      default:
        throw WireError(.unknownJSONField, "\(path): no field named \"\(name)\"")
      }
    }
  }
}

extension CheckSuppressionResponse {
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

/// The suppression list.
///
/// The method descriptors, for routing and for clients.
public enum SuppressionsMethods {
  /// Suppresses an address; adding it again keeps the first entry and returns it.
  public static let add = MethodDescriptor(
    service: "outreach.v1.Suppressions", method: "Add", kind: .unary)

  /// Lists entries page by page.
  public static let list = MethodDescriptor(
    service: "outreach.v1.Suppressions", method: "List", kind: .unary)

  /// Lifts a suppression; PERMISSION_DENIED for callers who are not admins.
  public static let remove = MethodDescriptor(
    service: "outreach.v1.Suppressions", method: "Remove", kind: .unary)

  /// Checks one address.
  public static let check = MethodDescriptor(
    service: "outreach.v1.Suppressions", method: "Check", kind: .unary)

  /// Every method of the service.
  public static let all: [MethodDescriptor] = [add, list, remove, check]
}

/// Serves `outreach.v1.Suppressions`: implement the methods and register the service.
public protocol SuppressionsService: RPCService {
  /// Suppresses an address; adding it again keeps the first entry and returns it.
  func add(_ request: AddSuppressionRequest, context: ServerContext) async throws -> Suppression

  /// Lists entries page by page.
  func list(
    _ request: ListSuppressionsRequest,
    context: ServerContext
  ) async throws -> ListSuppressionsResponse

  /// Lifts a suppression; PERMISSION_DENIED for callers who are not admins.
  func remove(
    _ request: RemoveSuppressionRequest,
    context: ServerContext
  ) async throws -> RemoveSuppressionResponse

  /// Checks one address.
  func check(
    _ request: CheckSuppressionRequest,
    context: ServerContext
  ) async throws -> CheckSuppressionResponse
}

extension SuppressionsService {
  /// Every method of the service, bound to this implementation.
  public var methodHandlers: [MethodHandler] {
    [
      .unary(SuppressionsMethods.add) { try await self.add($0, context: $1) },
      .unary(SuppressionsMethods.list) { try await self.list($0, context: $1) },
      .unary(SuppressionsMethods.remove) { try await self.remove($0, context: $1) },
      .unary(SuppressionsMethods.check) { try await self.check($0, context: $1) },
    ]
  }
}

/// Calls `outreach.v1.Suppressions` on a server.
public struct SuppressionsClient: Sendable {
  /// The connection calls go through.
  public let client: any RPCClientProtocol

  /// A client whose calls go through `client`.
  public init(client: any RPCClientProtocol) {
    self.client = client
  }

  /// Suppresses an address; adding it again keeps the first entry and returns it.
  public func add(
    _ request: AddSuppressionRequest,
    options: CallOptions = CallOptions()
  ) async throws -> Suppression {
    try await client.unary(SuppressionsMethods.add, request: request, options: options)
  }

  /// Lists entries page by page.
  public func list(
    _ request: ListSuppressionsRequest,
    options: CallOptions = CallOptions()
  ) async throws -> ListSuppressionsResponse {
    try await client.unary(SuppressionsMethods.list, request: request, options: options)
  }

  /// Lifts a suppression; PERMISSION_DENIED for callers who are not admins.
  public func remove(
    _ request: RemoveSuppressionRequest,
    options: CallOptions = CallOptions()
  ) async throws -> RemoveSuppressionResponse {
    try await client.unary(SuppressionsMethods.remove, request: request, options: options)
  }

  /// Checks one address.
  public func check(
    _ request: CheckSuppressionRequest,
    options: CallOptions = CallOptions()
  ) async throws -> CheckSuppressionResponse {
    try await client.unary(SuppressionsMethods.check, request: request, options: options)
  }
}
