// Generated from schema/outreach/v1/leads.proto by schemac. Do not edit.

import RPC
import Wire

/// A lead.
public struct Lead: WireMessage {
  public static let protoMessageName = "outreach.v1.Lead"

  /// The lead's id.
  public var id: Int64 = 0

  /// The address as given when the lead was created.
  public var email: String = ""

  /// The lead's name; may be empty.
  public var name: String = ""

  /// Where the lead stands.
  public var status: LeadStatus = .unspecified

  /// The recipient domain, lowercase, internationalised names as A-labels.
  public var domain: String = ""

  /// The user who owns the lead.
  public var ownerUserId: Int64 = 0

  /// When the lead was created.
  public var createdAt: String = ""

  /// When the lead last changed.
  public var updatedAt: String = ""

  /// Fields received that this schema does not declare, written back on encode.
  public var unknownFields = UnknownFields()

  /// A message with every field at its default.
  public init() {}
}

/// Creates a lead, or returns the caller's existing lead with the same address.
public struct CreateLeadRequest: WireMessage {
  public static let protoMessageName = "outreach.v1.CreateLeadRequest"

  /// The lead's address.
  public var email: String = ""

  /// The lead's name; optional.
  public var name: String = ""

  /// Fields received that this schema does not declare, written back on encode.
  public var unknownFields = UnknownFields()

  /// A message with every field at its default.
  public init() {}
}

/// Reads one lead.
public struct GetLeadRequest: WireMessage {
  public static let protoMessageName = "outreach.v1.GetLeadRequest"

  /// The lead's id.
  public var id: Int64 = 0

  /// Fields received that this schema does not declare, written back on encode.
  public var unknownFields = UnknownFields()

  /// A message with every field at its default.
  public init() {}
}

/// Lists the caller's leads (an admin's call lists everyone's), oldest first.
public struct ListLeadsRequest: WireMessage {
  public static let protoMessageName = "outreach.v1.ListLeadsRequest"

  /// At most this many leads per page; 0 means 100, more than 1000 means 1000.
  public var pageSize: Int32 = 0

  /// The next_page_token of the previous page; empty for the first page.
  public var pageToken: String = ""

  /// Only leads with this status; UNSPECIFIED means all.
  public var status: LeadStatus = .unspecified

  /// Fields received that this schema does not declare, written back on encode.
  public var unknownFields = UnknownFields()

  /// A message with every field at its default.
  public init() {}
}

/// One page of leads.
public struct ListLeadsResponse: WireMessage {
  public static let protoMessageName = "outreach.v1.ListLeadsResponse"

  /// The leads of this page.
  public var leads: [Lead] = []

  /// Pass it as page_token to get the next page; empty on the last page.
  public var nextPageToken: String = ""

  /// Fields received that this schema does not declare, written back on encode.
  public var unknownFields = UnknownFields()

  /// A message with every field at its default.
  public init() {}
}

/// One row of an import stream.
public struct ImportLeadsRequest: WireMessage {
  public static let protoMessageName = "outreach.v1.ImportLeadsRequest"

  /// The lead's address.
  public var email: String = ""

  /// The lead's name; optional.
  public var name: String = ""

  /// Where the row came from in the caller's file, echoed in errors; 0 means
  /// the row's position in the stream, counted from 1.
  public var line: Int64 = 0

  /// Fields received that this schema does not declare, written back on encode.
  public var unknownFields = UnknownFields()

  /// A message with every field at its default.
  public init() {}
}

/// What an import did.
public struct ImportLeadsResponse: WireMessage {
  public static let protoMessageName = "outreach.v1.ImportLeadsResponse"

  /// Rows that created a new lead.
  public var added: Int64 = 0

  /// Rows whose address matched an existing lead or an earlier row.
  public var merged: Int64 = 0

  /// Rows that were rejected.
  public var rejected: Int64 = 0

  /// One entry per rejected row, in stream order, for the first 1,000 of
  /// them; `rejected` counts every one.
  public var errors: [ImportLeadsResponse.RowError] = []

  /// Fields received that this schema does not declare, written back on encode.
  public var unknownFields = UnknownFields()

  /// A message with every field at its default.
  public init() {}

  /// A row that was not imported.
  public struct RowError: WireMessage {
    public static let protoMessageName = "outreach.v1.ImportLeadsResponse.RowError"

    /// The row's position in the stream, counted from 1.
    public var index: Int64 = 0

    /// The row's line as the caller gave it, or the index when none was given.
    public var line: Int64 = 0

    /// The address as given.
    public var email: String = ""

    /// Why the row was rejected.
    public var reason: String = ""

    /// Fields received that this schema does not declare, written back on encode.
    public var unknownFields = UnknownFields()

    /// A message with every field at its default.
    public init() {}
  }
}

/// Where a lead stands.
public enum LeadStatus: WireEnum {
  /// Not set.
  case unspecified
  /// Never written to.
  case new
  /// At least one message was delivered.
  case contacted
  /// A message to the lead hard-bounced.
  case bounced
  /// The lead asked to be removed.
  case unsubscribed
  /// The lead replied that they are not interested.
  case notInterested
  /// A number this version of the schema does not name.
  case unrecognized(Int32)

  public static let protoEnumName = "outreach.v1.LeadStatus"

  /// The value numbered 0, `LEAD_STATUS_UNSPECIFIED`.
  public init() {
    self = .unspecified
  }

  public init(rawValue: Int32) {
    switch rawValue {
    case 0: self = .unspecified
    case 1: self = .new
    case 2: self = .contacted
    case 3: self = .bounced
    case 4: self = .unsubscribed
    case 5: self = .notInterested
    default: self = .unrecognized(rawValue)
    }
  }

  public init?(protoName: String) {
    switch protoName {
    case "LEAD_STATUS_UNSPECIFIED": self = .unspecified
    case "LEAD_STATUS_NEW": self = .new
    case "LEAD_STATUS_CONTACTED": self = .contacted
    case "LEAD_STATUS_BOUNCED": self = .bounced
    case "LEAD_STATUS_UNSUBSCRIBED": self = .unsubscribed
    case "LEAD_STATUS_NOT_INTERESTED": self = .notInterested
    default: return nil
    }
  }

  public var rawValue: Int32 {
    switch self {
    case .unspecified: 0
    case .new: 1
    case .contacted: 2
    case .bounced: 3
    case .unsubscribed: 4
    case .notInterested: 5
    case .unrecognized(let number): number
    }
  }

  public var protoName: String? {
    switch self {
    case .unspecified: "LEAD_STATUS_UNSPECIFIED"
    case .new: "LEAD_STATUS_NEW"
    case .contacted: "LEAD_STATUS_CONTACTED"
    case .bounced: "LEAD_STATUS_BOUNCED"
    case .unsubscribed: "LEAD_STATUS_UNSUBSCRIBED"
    case .notInterested: "LEAD_STATUS_NOT_INTERESTED"
    case .unrecognized: nil
    }
  }
}

extension Lead {
  public func encodedSize() -> Int {
    var size = unknownFields.encodedSize
    if self.id != 0 {
      size += 1 + WireSize.int64(self.id)
    }
    if !self.email.isEmpty {
      size += 1 + WireSize.string(self.email)
    }
    if !self.name.isEmpty {
      size += 1 + WireSize.string(self.name)
    }
    if self.status.rawValue != 0 {
      size += 1 + WireSize.enumValue(self.status)
    }
    if !self.domain.isEmpty {
      size += 1 + WireSize.string(self.domain)
    }
    if self.ownerUserId != 0 {
      size += 1 + WireSize.int64(self.ownerUserId)
    }
    if !self.createdAt.isEmpty {
      size += 1 + WireSize.string(self.createdAt)
    }
    if !self.updatedAt.isEmpty {
      size += 1 + WireSize.string(self.updatedAt)
    }
    return size
  }

  public func encode(to writer: inout WireWriter) {
    if self.id != 0 {
      writer.writeInt64(self.id, tag: 8)
    }
    if !self.email.isEmpty {
      writer.writeString(self.email, tag: 18)
    }
    if !self.name.isEmpty {
      writer.writeString(self.name, tag: 26)
    }
    if self.status.rawValue != 0 {
      writer.writeEnum(self.status, tag: 32)
    }
    if !self.domain.isEmpty {
      writer.writeString(self.domain, tag: 42)
    }
    if self.ownerUserId != 0 {
      writer.writeInt64(self.ownerUserId, tag: 48)
    }
    if !self.createdAt.isEmpty {
      writer.writeString(self.createdAt, tag: 58)
    }
    if !self.updatedAt.isEmpty {
      writer.writeString(self.updatedAt, tag: 66)
    }
    writer.writeUnknown(unknownFields)
  }

  public mutating func merge(from reader: inout WireReader) throws(WireError) {
    while let tag = try reader.nextTag() {
      switch tag.fieldNumber {
      case 1:
        self.id = try reader.readInt64(tag)
      case 2:
        self.email = try reader.readString(tag)
      case 3:
        self.name = try reader.readString(tag)
      case 4:
        self.status = try reader.readEnum(tag) as LeadStatus
      case 5:
        self.domain = try reader.readString(tag)
      case 6:
        self.ownerUserId = try reader.readInt64(tag)
      case 7:
        self.createdAt = try reader.readString(tag)
      case 8:
        self.updatedAt = try reader.readString(tag)
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
    if !self.email.isEmpty {
      writer.writeField("email", self.email)
    }
    if !self.name.isEmpty {
      writer.writeField("name", self.name)
    }
    if self.status.rawValue != 0 {
      writer.writeField("status", self.status)
    }
    if !self.domain.isEmpty {
      writer.writeField("domain", self.domain)
    }
    if self.ownerUserId != 0 {
      writer.writeField("ownerUserId", self.ownerUserId)
    }
    if !self.createdAt.isEmpty {
      writer.writeField("createdAt", self.createdAt)
    }
    if !self.updatedAt.isEmpty {
      writer.writeField("updatedAt", self.updatedAt)
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
      case "email":
        self.email = try String(json: value, path: "\(path).email")
      case "name":
        self.name = try String(json: value, path: "\(path).name")
      case "status":
        self.status = try LeadStatus(json: value, path: "\(path).status")
      case "domain":
        self.domain = try String(json: value, path: "\(path).domain")
      case "ownerUserId", "owner_user_id":
        self.ownerUserId = try Int64(json: value, path: "\(path).ownerUserId")
      case "createdAt", "created_at":
        self.createdAt = try String(json: value, path: "\(path).createdAt")
      case "updatedAt", "updated_at":
        self.updatedAt = try String(json: value, path: "\(path).updatedAt")
      default:
        throw WireError(.unknownJSONField, "\(path): no field named \"\(name)\"")
      }
    }
  }
}

extension CreateLeadRequest {
  public func encodedSize() -> Int {
    var size = unknownFields.encodedSize
    if !self.email.isEmpty {
      size += 1 + WireSize.string(self.email)
    }
    if !self.name.isEmpty {
      size += 1 + WireSize.string(self.name)
    }
    return size
  }

  public func encode(to writer: inout WireWriter) {
    if !self.email.isEmpty {
      writer.writeString(self.email, tag: 10)
    }
    if !self.name.isEmpty {
      writer.writeString(self.name, tag: 18)
    }
    writer.writeUnknown(unknownFields)
  }

  public mutating func merge(from reader: inout WireReader) throws(WireError) {
    while let tag = try reader.nextTag() {
      switch tag.fieldNumber {
      case 1:
        self.email = try reader.readString(tag)
      case 2:
        self.name = try reader.readString(tag)
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
    if !self.name.isEmpty {
      writer.writeField("name", self.name)
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
      case "name":
        self.name = try String(json: value, path: "\(path).name")
      default:
        throw WireError(.unknownJSONField, "\(path): no field named \"\(name)\"")
      }
    }
  }
}

extension GetLeadRequest {
  public func encodedSize() -> Int {
    var size = unknownFields.encodedSize
    if self.id != 0 {
      size += 1 + WireSize.int64(self.id)
    }
    return size
  }

  public func encode(to writer: inout WireWriter) {
    if self.id != 0 {
      writer.writeInt64(self.id, tag: 8)
    }
    writer.writeUnknown(unknownFields)
  }

  public mutating func merge(from reader: inout WireReader) throws(WireError) {
    while let tag = try reader.nextTag() {
      switch tag.fieldNumber {
      case 1:
        self.id = try reader.readInt64(tag)
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
    writer.endObject()
  }

  public mutating func mergeJSON(
    _ object: JSONObject, path: String
  ) throws(WireError) {
    for (name, value) in object.members where !value.isNull {
      switch name {
      case "id":
        self.id = try Int64(json: value, path: "\(path).id")
      default:
        throw WireError(.unknownJSONField, "\(path): no field named \"\(name)\"")
      }
    }
  }
}

extension ListLeadsRequest {
  public func encodedSize() -> Int {
    var size = unknownFields.encodedSize
    if self.pageSize != 0 {
      size += 1 + WireSize.int32(self.pageSize)
    }
    if !self.pageToken.isEmpty {
      size += 1 + WireSize.string(self.pageToken)
    }
    if self.status.rawValue != 0 {
      size += 1 + WireSize.enumValue(self.status)
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
    if self.status.rawValue != 0 {
      writer.writeEnum(self.status, tag: 24)
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
      case 3:
        self.status = try reader.readEnum(tag) as LeadStatus
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
      case "pageSize", "page_size":
        self.pageSize = try Int32(json: value, path: "\(path).pageSize")
      case "pageToken", "page_token":
        self.pageToken = try String(json: value, path: "\(path).pageToken")
      case "status":
        self.status = try LeadStatus(json: value, path: "\(path).status")
      default:
        throw WireError(.unknownJSONField, "\(path): no field named \"\(name)\"")
      }
    }
  }
}

extension ListLeadsResponse {
  public func encodedSize() -> Int {
    var size = unknownFields.encodedSize
    for value in self.leads {
      size += 1 + WireSize.message(value)
    }
    if !self.nextPageToken.isEmpty {
      size += 1 + WireSize.string(self.nextPageToken)
    }
    return size
  }

  public func encode(to writer: inout WireWriter) {
    for value in self.leads {
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
        self.leads.append(try reader.readMessage(tag, as: Lead.self))
      case 2:
        self.nextPageToken = try reader.readString(tag)
      default:
        try reader.skip(tag, into: &unknownFields)
      }
    }
  }

  public func writeJSON(to writer: inout JSONWriter) {
    writer.beginObject()
    if !self.leads.isEmpty {
      writer.writeField("leads", self.leads)
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
      case "leads":
        self.leads = try value.decodeArray(Lead.self, path: "\(path).leads")
      case "nextPageToken", "next_page_token":
        self.nextPageToken = try String(json: value, path: "\(path).nextPageToken")
      default:
        throw WireError(.unknownJSONField, "\(path): no field named \"\(name)\"")
      }
    }
  }
}

extension ImportLeadsRequest {
  public func encodedSize() -> Int {
    var size = unknownFields.encodedSize
    if !self.email.isEmpty {
      size += 1 + WireSize.string(self.email)
    }
    if !self.name.isEmpty {
      size += 1 + WireSize.string(self.name)
    }
    if self.line != 0 {
      size += 1 + WireSize.int64(self.line)
    }
    return size
  }

  public func encode(to writer: inout WireWriter) {
    if !self.email.isEmpty {
      writer.writeString(self.email, tag: 10)
    }
    if !self.name.isEmpty {
      writer.writeString(self.name, tag: 18)
    }
    if self.line != 0 {
      writer.writeInt64(self.line, tag: 24)
    }
    writer.writeUnknown(unknownFields)
  }

  public mutating func merge(from reader: inout WireReader) throws(WireError) {
    while let tag = try reader.nextTag() {
      switch tag.fieldNumber {
      case 1:
        self.email = try reader.readString(tag)
      case 2:
        self.name = try reader.readString(tag)
      case 3:
        self.line = try reader.readInt64(tag)
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
    if !self.name.isEmpty {
      writer.writeField("name", self.name)
    }
    if self.line != 0 {
      writer.writeField("line", self.line)
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
      case "name":
        self.name = try String(json: value, path: "\(path).name")
      case "line":
        self.line = try Int64(json: value, path: "\(path).line")
      default:
        throw WireError(.unknownJSONField, "\(path): no field named \"\(name)\"")
      }
    }
  }
}

extension ImportLeadsResponse {
  public func encodedSize() -> Int {
    var size = unknownFields.encodedSize
    if self.added != 0 {
      size += 1 + WireSize.int64(self.added)
    }
    if self.merged != 0 {
      size += 1 + WireSize.int64(self.merged)
    }
    if self.rejected != 0 {
      size += 1 + WireSize.int64(self.rejected)
    }
    for value in self.errors {
      size += 1 + WireSize.message(value)
    }
    return size
  }

  public func encode(to writer: inout WireWriter) {
    if self.added != 0 {
      writer.writeInt64(self.added, tag: 8)
    }
    if self.merged != 0 {
      writer.writeInt64(self.merged, tag: 16)
    }
    if self.rejected != 0 {
      writer.writeInt64(self.rejected, tag: 24)
    }
    for value in self.errors {
      writer.writeMessage(value, tag: 34)
    }
    writer.writeUnknown(unknownFields)
  }

  public mutating func merge(from reader: inout WireReader) throws(WireError) {
    while let tag = try reader.nextTag() {
      switch tag.fieldNumber {
      case 1:
        self.added = try reader.readInt64(tag)
      case 2:
        self.merged = try reader.readInt64(tag)
      case 3:
        self.rejected = try reader.readInt64(tag)
      case 4:
        self.errors.append(try reader.readMessage(tag, as: ImportLeadsResponse.RowError.self))
      default:
        try reader.skip(tag, into: &unknownFields)
      }
    }
  }

  public func writeJSON(to writer: inout JSONWriter) {
    writer.beginObject()
    if self.added != 0 {
      writer.writeField("added", self.added)
    }
    if self.merged != 0 {
      writer.writeField("merged", self.merged)
    }
    if self.rejected != 0 {
      writer.writeField("rejected", self.rejected)
    }
    if !self.errors.isEmpty {
      writer.writeField("errors", self.errors)
    }
    writer.endObject()
  }

  public mutating func mergeJSON(
    _ object: JSONObject, path: String
  ) throws(WireError) {
    for (name, value) in object.members where !value.isNull {
      switch name {
      case "added":
        self.added = try Int64(json: value, path: "\(path).added")
      case "merged":
        self.merged = try Int64(json: value, path: "\(path).merged")
      case "rejected":
        self.rejected = try Int64(json: value, path: "\(path).rejected")
      case "errors":
        self.errors = try value.decodeArray(
          ImportLeadsResponse.RowError.self, path: "\(path).errors")
      default:
        throw WireError(.unknownJSONField, "\(path): no field named \"\(name)\"")
      }
    }
  }
}

extension ImportLeadsResponse.RowError {
  public func encodedSize() -> Int {
    var size = unknownFields.encodedSize
    if self.index != 0 {
      size += 1 + WireSize.int64(self.index)
    }
    if self.line != 0 {
      size += 1 + WireSize.int64(self.line)
    }
    if !self.email.isEmpty {
      size += 1 + WireSize.string(self.email)
    }
    if !self.reason.isEmpty {
      size += 1 + WireSize.string(self.reason)
    }
    return size
  }

  public func encode(to writer: inout WireWriter) {
    if self.index != 0 {
      writer.writeInt64(self.index, tag: 8)
    }
    if self.line != 0 {
      writer.writeInt64(self.line, tag: 16)
    }
    if !self.email.isEmpty {
      writer.writeString(self.email, tag: 26)
    }
    if !self.reason.isEmpty {
      writer.writeString(self.reason, tag: 34)
    }
    writer.writeUnknown(unknownFields)
  }

  public mutating func merge(from reader: inout WireReader) throws(WireError) {
    while let tag = try reader.nextTag() {
      switch tag.fieldNumber {
      case 1:
        self.index = try reader.readInt64(tag)
      case 2:
        self.line = try reader.readInt64(tag)
      case 3:
        self.email = try reader.readString(tag)
      case 4:
        self.reason = try reader.readString(tag)
      default:
        try reader.skip(tag, into: &unknownFields)
      }
    }
  }

  public func writeJSON(to writer: inout JSONWriter) {
    writer.beginObject()
    if self.index != 0 {
      writer.writeField("index", self.index)
    }
    if self.line != 0 {
      writer.writeField("line", self.line)
    }
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
      case "index":
        self.index = try Int64(json: value, path: "\(path).index")
      case "line":
        self.line = try Int64(json: value, path: "\(path).line")
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

/// The leads a send resolves.
///
/// The method descriptors, for routing and for clients.
public enum LeadsMethods {
  /// Creates a lead; INVALID_ARGUMENT for a malformed address.
  public static let create = MethodDescriptor(
    service: "outreach.v1.Leads", method: "Create", kind: .unary)

  /// Reads a lead; NOT_FOUND when it does not exist or belongs to another user.
  public static let get = MethodDescriptor(
    service: "outreach.v1.Leads", method: "Get", kind: .unary)

  /// Lists leads page by page.
  public static let list = MethodDescriptor(
    service: "outreach.v1.Leads", method: "List", kind: .unary)

  /// Imports a stream of rows; bad rows are reported, good rows kept, and
  /// addresses that differ only in case or spelling are merged.
  public static let `import` = MethodDescriptor(
    service: "outreach.v1.Leads", method: "Import", kind: .clientStreaming)

  /// Every method of the service.
  public static let all: [MethodDescriptor] = [create, get, list, `import`]
}

/// Serves `outreach.v1.Leads`: implement the methods and register the service.
public protocol LeadsService: RPCService {
  /// Creates a lead; INVALID_ARGUMENT for a malformed address.
  func create(_ request: CreateLeadRequest, context: ServerContext) async throws -> Lead

  /// Reads a lead; NOT_FOUND when it does not exist or belongs to another user.
  func get(_ request: GetLeadRequest, context: ServerContext) async throws -> Lead

  /// Lists leads page by page.
  func list(_ request: ListLeadsRequest, context: ServerContext) async throws -> ListLeadsResponse

  /// Imports a stream of rows; bad rows are reported, good rows kept, and
  /// addresses that differ only in case or spelling are merged.
  func `import`(
    _ requests: MessageStream<ImportLeadsRequest>,
    context: ServerContext
  ) async throws -> ImportLeadsResponse
}

extension LeadsService {
  /// Every method of the service, bound to this implementation.
  public var methodHandlers: [MethodHandler] {
    [
      .unary(LeadsMethods.create) { try await self.create($0, context: $1) },
      .unary(LeadsMethods.get) { try await self.get($0, context: $1) },
      .unary(LeadsMethods.list) { try await self.list($0, context: $1) },
      .clientStreaming(LeadsMethods.`import`) {
        try await self.`import`($0, context: $1)
      },
    ]
  }
}

/// Calls `outreach.v1.Leads` on a server.
public struct LeadsClient: Sendable {
  /// The connection calls go through.
  public let client: any RPCClientProtocol

  /// A client whose calls go through `client`.
  public init(client: any RPCClientProtocol) {
    self.client = client
  }

  /// Creates a lead; INVALID_ARGUMENT for a malformed address.
  public func create(
    _ request: CreateLeadRequest,
    options: CallOptions = CallOptions()
  ) async throws -> Lead {
    try await client.unary(LeadsMethods.create, request: request, options: options)
  }

  /// Reads a lead; NOT_FOUND when it does not exist or belongs to another user.
  public func get(
    _ request: GetLeadRequest,
    options: CallOptions = CallOptions()
  ) async throws -> Lead {
    try await client.unary(LeadsMethods.get, request: request, options: options)
  }

  /// Lists leads page by page.
  public func list(
    _ request: ListLeadsRequest,
    options: CallOptions = CallOptions()
  ) async throws -> ListLeadsResponse {
    try await client.unary(LeadsMethods.list, request: request, options: options)
  }

  /// Imports a stream of rows; bad rows are reported, good rows kept, and
  /// addresses that differ only in case or spelling are merged.
  public func `import`(
    options: CallOptions = CallOptions(),
    requests: @escaping @Sendable (MessageWriter<ImportLeadsRequest>) async throws -> Void
  ) async throws -> ImportLeadsResponse {
    try await client.clientStreaming(
      LeadsMethods.`import`, options: options, requests: requests)
  }
}
