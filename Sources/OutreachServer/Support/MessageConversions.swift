import OutreachAPI
import Policy
import Store

// Store records and policy decisions as the API's messages. The store speaks
// its own types; these are the only places that turn them into what crosses
// the wire.

extension OutreachAPI.ValidateResponse {
  /// The decision as the API reports it.
  init(_ decision: PolicyDecision) {
    self.init()
    allowed = decision.isAllowed
    reason = decision.reason
    legalBasis = decision.legalBasis.rawValue
    dailyUserCount = Int32(clamping: decision.dailyUserCount)
    dailyUserLimit = Int32(clamping: decision.dailyUserLimit)
    dailyDomainCount = Int32(clamping: decision.dailyDomainCount)
    dailyDomainLimit = Int32(clamping: decision.dailyDomainLimit)
    region = decision.region.rawValue
  }
}

extension OutreachAPI.LeadStatus {
  /// The API status of a stored one.
  init(_ status: StoredLeadStatus) {
    switch status {
    case .new: self = .new
    case .contacted: self = .contacted
    case .bounced: self = .bounced
    case .unsubscribed: self = .unsubscribed
    case .notInterested: self = .notInterested
    }
  }

  /// The stored status an API status filter selects; `nil` for all.
  var storedStatus: StoredLeadStatus? {
    switch self {
    case .new: .new
    case .contacted: .contacted
    case .bounced: .bounced
    case .unsubscribed: .unsubscribed
    case .notInterested: .notInterested
    case .unspecified, .unrecognized: nil
    }
  }
}

extension OutreachAPI.Lead {
  /// The API view of a stored lead.
  init(_ record: LeadRecord) {
    self.init()
    id = record.id
    email = record.email
    name = record.name
    status = OutreachAPI.LeadStatus(record.status)
    domain = record.domain
    ownerUserId = record.ownerID
    createdAt = Timestamp.format(record.createdAt)
    updatedAt = Timestamp.format(record.updatedAt)
  }
}

extension OutreachAPI.SuppressionSource {
  /// The API name of a suppression's cause.
  init(_ source: StoredSuppressionSource) {
    switch source {
    case .manual: self = .manual
    case .hardBounce: self = .hardBounce
    case .unsubscribe: self = .unsubscribe
    case .notInterested: self = .notInterested
    }
  }
}

extension OutreachAPI.Suppression {
  /// The API view of a suppression as `viewer` may see it: who added an
  /// entry is shown only to that user and to admins.
  init(_ record: SuppressionRecord, visibleTo viewer: Viewer) {
    self.init()
    email = record.email
    reason = record.reason
    source = OutreachAPI.SuppressionSource(record.source)
    createdAt = Timestamp.format(record.createdAt)
    if let creator = record.createdBy, viewer.isAdmin || creator == viewer.userID {
      createdByUserId = creator
    }
  }
}

extension OutreachAPI.AttemptStatus {
  /// The API status of a stored attempt.
  init(_ status: StoredAttemptStatus) {
    switch status {
    case .pending: self = .pending
    case .sent: self = .sent
    case .failed: self = .failed
    case .unknown: self = .unknown
    }
  }
}

extension OutreachAPI.Attempt {
  /// The API view of a stored attempt; the failure detail stays on the
  /// record for operators.
  init(_ record: AttemptRecord) {
    self.init()
    id = record.id
    status = OutreachAPI.AttemptStatus(record.status)
    leadId = record.leadID ?? 0
    recipientEmail = record.recipient
    senderEmail = record.sender
    subject = record.subject
    legalBasis = record.legalBasis.rawValue
    region = record.region.rawValue
    messageId = record.messageID ?? ""
    createdAt = Timestamp.format(record.createdAt)
    if record.status == .sent, let finishedAt = record.finishedAt {
      sentAt = Timestamp.format(finishedAt)
    }
  }
}

extension OutreachAPI.AuditEntry {
  /// The API view of a stored audit entry.
  init(_ entry: StoredAuditEntry) {
    self.init()
    id = entry.id
    userId = entry.userID
    leadEmail = entry.leadEmail
    senderEmail = entry.senderEmail
    subject = entry.subject
    policyResult = entry.policyResult.rawValue
    reason = entry.reason
    legalBasis = entry.legalBasis.rawValue
    timestamp = Timestamp.format(entry.timestamp)
    region = entry.region.rawValue
    action = entry.action.rawValue
    attemptId = entry.attemptID ?? 0
  }
}

extension OutreachAPI.ReplyClassification {
  /// The API name of a reply's reading.
  init(_ reading: ReplyReading) {
    switch reading {
    case .ordinary: self = .ordinary
    case .outOfOffice: self = .outOfOffice
    case .removalRequest: self = .removalRequest
    case .notInterested: self = .notInterested
    }
  }
}
