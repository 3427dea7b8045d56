/// Why an address came onto the suppression list.
public enum SuppressionSource: String, Sendable, Hashable, CaseIterable {
  /// An operator or service added it by hand.
  case manual
  /// Mail to it bounced permanently.
  case hardBounce = "hard_bounce"
  /// The recipient asked to be removed.
  case unsubscribe
  /// The recipient replied that they are not interested.
  case notInterested = "not_interested"
}
