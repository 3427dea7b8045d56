import Policy
import Store

// The store, the policy rules and the generated API each have a type named
// `AuditEntry`, `LeadStatus`, `AttemptStatus`, `SuppressionSource` or
// `ReplyClassification`. This file imports only the store and the policy, so
// the names below refer to their records without ambiguity; every other
// file of the module uses these names for them.

/// An audit entry as the store keeps it.
typealias StoredAuditEntry = AuditEntry
/// A lead's status as the store keeps it.
typealias StoredLeadStatus = LeadStatus
/// An attempt's status as the store keeps it.
typealias StoredAttemptStatus = AttemptStatus
/// Why an address is suppressed, as the policy names it.
typealias StoredSuppressionSource = SuppressionSource
/// How a reply reads, as the policy classifies it.
typealias ReplyReading = ReplyClassification
