import Foundation
import Policy

/// A caller of the service.
public struct UserRecord: Sendable, Hashable {
  public let id: Int64
  public let name: String
  /// Admins see every user's records and may remove suppressions.
  public let isAdmin: Bool
  public let createdAt: Date
}

/// Who is asking, for owner-scoped reads.
public struct Viewer: Sendable, Hashable {
  public let userID: Int64
  public let isAdmin: Bool

  /// Creates a viewer.
  public init(userID: Int64, isAdmin: Bool) {
    self.userID = userID
    self.isAdmin = isAdmin
  }

  /// The viewer a user record acts as.
  public init(_ user: UserRecord) {
    self.init(userID: user.id, isAdmin: user.isAdmin)
  }
}

/// Where a lead stands.
public enum LeadStatus: String, Sendable, Hashable, CaseIterable {
  case new
  case contacted
  case bounced
  /// Suppressed on request or by hand.
  case unsubscribed
  /// Replied that they are not interested.
  case notInterested = "not_interested"

  /// The status a suppression from `source` gives matching leads: a hard
  /// bounce `bounced`, "not interested" `notInterested`, an unsubscribe or a
  /// manual entry `unsubscribed`.
  public init(suppressedBy source: SuppressionSource) {
    switch source {
    case .hardBounce: self = .bounced
    case .notInterested: self = .notInterested
    case .unsubscribe, .manual: self = .unsubscribed
    }
  }
}

/// A person a user may write to.
public struct LeadRecord: Sendable, Hashable {
  public let id: Int64
  public let ownerID: Int64
  /// The address as it was given (local part untouched, canonical domain).
  public let email: String
  /// The comparison key: see `EmailAddress.canonical`.
  public let canonicalEmail: String
  public let name: String
  public let domain: String
  public let status: LeadStatus
  public let createdAt: Date
  public let updatedAt: Date
}

/// A lead to create or merge.
public struct NewLead: Sendable, Hashable {
  public var email: EmailAddress
  public var name: String

  /// Creates a lead description.
  public init(email: EmailAddress, name: String) {
    self.email = email
    self.name = name
  }
}

/// Where a send attempt stands.
public enum AttemptStatus: String, Sendable, Hashable, CaseIterable {
  /// Reserved: slots and key are held, delivery has not finished.
  case pending
  /// Delivered: counted, key used.
  case sent
  /// Definitely not delivered: slots and key released.
  case failed
  /// Delivery may or may not have happened: counted and key used, to be safe.
  case unknown
}

/// One send attempt.
public struct AttemptRecord: Sendable, Hashable {
  public let id: Int64
  public let userID: Int64
  public let leadID: Int64?
  public let recipient: String
  public let sender: String
  public let subject: String
  public let legalBasis: LegalBasis
  public let region: Region
  public let status: AttemptStatus
  /// The SMTP server's message id once sent.
  public let messageID: String?
  /// What went wrong, for operators; never shown to callers.
  public let failureDetail: String?
  public let createdAt: Date
  public let deliveryStartedAt: Date?
  public let finishedAt: Date?
}

/// An address that must not receive mail.
public struct SuppressionRecord: Sendable, Hashable {
  public let id: Int64
  /// The address as it was given.
  public let email: String
  public let canonicalEmail: String
  public let reason: String
  public let source: SuppressionSource
  /// The user who added it, if a user did.
  public let createdBy: Int64?
  public let createdAt: Date
}

/// A suppression to add.
public struct NewSuppression: Sendable, Hashable {
  public var email: EmailAddress
  public var reason: String
  public var source: SuppressionSource

  /// Creates a suppression description.
  public init(email: EmailAddress, reason: String, source: SuppressionSource) {
    self.email = email
    self.reason = reason
    self.source = source
  }
}

/// Whether an audited check approved or blocked.
public enum PolicyResult: String, Sendable, Hashable, CaseIterable {
  case approved
  case blocked
}

/// Which operation an audit entry records.
public enum AuditAction: String, Sendable, Hashable, CaseIterable {
  /// A validation on its own; nothing was held.
  case validate
  /// The check of a send; approved sends name their attempt.
  case send
}

/// One audited policy check.
public struct AuditEntry: Sendable, Hashable {
  public let id: Int64
  public let userID: Int64
  public let leadEmail: String
  public let senderEmail: String
  public let subject: String
  public let policyResult: PolicyResult
  public let reason: String
  public let legalBasis: LegalBasis
  public let region: Region
  public let action: AuditAction
  public let attemptID: Int64?
  public let timestamp: Date
}

/// One page of a listing; pass ``nextPageToken`` back for the next page.
public struct Page<Item: Sendable>: Sendable {
  public let items: [Item]
  /// `nil` on the last page.
  public let nextPageToken: String?
}

/// The send a caller intends: what validation and reservation look at.
public struct SendIntent: Sendable, Hashable {
  public var userID: Int64
  /// The lead being written to, if the send resolved one.
  public var leadID: Int64?
  public var sender: EmailAddress
  public var recipient: EmailAddress
  public var subject: String

  /// Creates an intent.
  public init(
    userID: Int64, leadID: Int64? = nil, sender: EmailAddress, recipient: EmailAddress,
    subject: String
  ) {
    self.userID = userID
    self.leadID = leadID
    self.sender = sender
    self.recipient = recipient
    self.subject = subject
  }
}

/// The outcome of ``Store/reserveSend(_:)``.
public struct Reservation: Sendable, Hashable {
  /// The decision, as audited.
  public let decision: PolicyDecision
  /// The pending attempt holding the slots, when the decision approved.
  public let attempt: AttemptRecord?
}

/// How a delivery failed.
public enum DeliveryFailure: Sendable, Hashable {
  /// Definitely not delivered (refused, or the connection failed before the
  /// message was handed over): slots and key are released.
  case rejected(detail: String)
  /// Possibly delivered (for example a timeout after the message data was
  /// sent): counted and key kept, so a retry cannot send it twice.
  case ambiguous(detail: String)
}
