/// The daily caps a send must stay within.
public struct PolicyLimits: Sendable, Hashable {
  /// The most sends one user may make in one UTC day.
  public var dailyUserCap: Int
  /// The most sends one recipient domain may receive in one UTC day, across all users.
  public var dailyDomainCap: Int

  /// The specification's defaults: 100 per user and 20 per domain each day.
  public static let standard = PolicyLimits(dailyUserCap: 100, dailyDomainCap: 20)

  /// Creates limits.
  public init(dailyUserCap: Int, dailyDomainCap: Int) {
    self.dailyUserCap = dailyUserCap
    self.dailyDomainCap = dailyDomainCap
  }
}
