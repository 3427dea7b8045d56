/// What the policy checks found about one intended send.
///
/// Field for field this is the specification's validation response, plus the
/// ``outcome`` that says which check decided.
public struct PolicyDecision: Sendable, Hashable {
  /// Which check decided. A check blocks only if every earlier one passed.
  public enum Outcome: String, Sendable, Hashable, CaseIterable {
    case approved
    case dailyUserCapReached = "daily_user_cap"
    case dailyDomainCapReached = "daily_domain_cap"
    case suppressed
    case duplicate
  }

  public let outcome: Outcome
  /// A sentence for humans, such as `All checks passed`.
  public let reason: String
  public let legalBasis: LegalBasis
  public let region: Region
  /// Sends by this user today, in-flight sends included, before this one.
  public let dailyUserCount: Int
  public let dailyUserLimit: Int
  /// Sends to the recipient's domain today, in-flight sends included, before this one.
  public let dailyDomainCount: Int
  public let dailyDomainLimit: Int

  /// Whether the send may go ahead.
  public var isAllowed: Bool { outcome == .approved }
}

/// The facts the policy checks need, gathered by whoever holds the counts.
public struct PolicyFacts: Sendable, Hashable {
  /// Sends by the user today, counting in-flight ones.
  public var userCountToday: Int
  /// Sends to the recipient's domain today, counting in-flight ones.
  public var domainCountToday: Int
  /// The suppression reason when the recipient is suppressed.
  public var suppressionReason: String?
  /// Whether the same sender, recipient and subject were sent or are in flight
  /// within the idempotency window.
  public var isDuplicate: Bool

  /// Creates facts.
  public init(
    userCountToday: Int, domainCountToday: Int, suppressionReason: String?, isDuplicate: Bool
  ) {
    self.userCountToday = userCountToday
    self.domainCountToday = domainCountToday
    self.suppressionReason = suppressionReason
    self.isDuplicate = isDuplicate
  }
}

/// The policy checks in the specification's order: daily user cap, daily
/// domain cap, suppression, idempotency; the legal basis is assigned from the
/// recipient's region in every case.
public enum PolicyRules {
  /// Decides whether a send to `recipient` may go ahead.
  ///
  /// - Parameter basis: the recipient's region and legal basis when the
  ///   caller has already looked them up; `nil` looks them up here.
  public static func decide(
    recipient: EmailAddress, basis: RegionalBasis? = nil, facts: PolicyFacts,
    limits: PolicyLimits = .standard
  ) -> PolicyDecision {
    let basis = basis ?? RegionalBasis.of(recipient.domain)
    let outcome: PolicyDecision.Outcome
    let reason: String
    if facts.userCountToday >= limits.dailyUserCap {
      outcome = .dailyUserCapReached
      reason =
        "Daily user cap reached: \(facts.userCountToday) of \(limits.dailyUserCap) sends today"
    } else if facts.domainCountToday >= limits.dailyDomainCap {
      outcome = .dailyDomainCapReached
      reason =
        "Daily domain cap reached: \(facts.domainCountToday) of \(limits.dailyDomainCap) "
        + "sends to \(recipient.domain.ascii) today"
    } else if let suppressionReason = facts.suppressionReason {
      outcome = .suppressed
      reason = "Recipient is suppressed: \(suppressionReason)"
    } else if facts.isDuplicate {
      outcome = .duplicate
      reason = "Duplicate of a send with the same sender, recipient and subject within 24 hours"
    } else {
      outcome = .approved
      reason = "All checks passed"
    }
    return PolicyDecision(
      outcome: outcome, reason: reason, legalBasis: basis.legalBasis, region: basis.region,
      dailyUserCount: facts.userCountToday, dailyUserLimit: limits.dailyUserCap,
      dailyDomainCount: facts.domainCountToday, dailyDomainLimit: limits.dailyDomainCap)
  }
}
