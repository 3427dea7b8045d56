import Foundation
import Testing

@testable import Policy

@Suite("Policy checks")
struct PolicyRulesTests {
  let recipient = try! EmailAddress(parsing: "editor@example.com")

  private func decide(
    user: Int = 0, domain: Int = 0, suppression: String? = nil, duplicate: Bool = false,
    limits: PolicyLimits = .standard
  ) -> PolicyDecision {
    PolicyRules.decide(
      recipient: recipient,
      facts: PolicyFacts(
        userCountToday: user, domainCountToday: domain, suppressionReason: suppression,
        isDuplicate: duplicate),
      limits: limits)
  }

  @Test("the specification's example is approved with its response fields")
  func specificationExample() {
    let decision = decide(user: 23, domain: 5)
    #expect(decision.isAllowed)
    #expect(decision.reason == "All checks passed")
    #expect(decision.legalBasis == .legitimateInterest)
    #expect(decision.region == .unitedStates)
    #expect(decision.dailyUserCount == 23)
    #expect(decision.dailyUserLimit == 100)
    #expect(decision.dailyDomainCount == 5)
    #expect(decision.dailyDomainLimit == 20)
  }

  @Test(
    "the user cap blocks from its limit on", arguments: [(99, true), (100, false), (101, false)])
  func userCap(count: Int, allowed: Bool) {
    let decision = decide(user: count)
    #expect(decision.isAllowed == allowed)
    if !allowed {
      #expect(decision.outcome == .dailyUserCapReached)
      #expect(decision.reason == "Daily user cap reached: \(count) of 100 sends today")
    }
  }

  @Test(
    "the domain cap blocks from its limit on", arguments: [(19, true), (20, false), (21, false)])
  func domainCap(count: Int, allowed: Bool) {
    let decision = decide(domain: count)
    #expect(decision.isAllowed == allowed)
    if !allowed {
      #expect(decision.outcome == .dailyDomainCapReached)
      #expect(decision.reason.hasPrefix("Daily domain cap reached: \(count) of 20 sends"))
    }
  }

  @Test("configured caps replace the defaults")
  func configuredCaps() {
    let limits = PolicyLimits(dailyUserCap: 3, dailyDomainCap: 2)
    #expect(decide(user: 2, domain: 1, limits: limits).isAllowed)
    #expect(decide(user: 3, limits: limits).outcome == .dailyUserCapReached)
    #expect(decide(domain: 2, limits: limits).outcome == .dailyDomainCapReached)
    #expect(decide(limits: limits).dailyUserLimit == 3)
  }

  @Test(
    "checks run in the specification's order",
    arguments: [
      (100, 20, "bounced", true, PolicyDecision.Outcome.dailyUserCapReached),
      (0, 20, "bounced", true, .dailyDomainCapReached),
      (0, 0, "bounced", true, .suppressed),
      (0, 0, nil, true, .duplicate),
      (0, 0, nil, false, .approved),
    ] as [(Int, Int, String?, Bool, PolicyDecision.Outcome)])
  func order(
    user: Int, domain: Int, suppression: String?, duplicate: Bool, expected: PolicyDecision.Outcome
  ) {
    #expect(
      decide(user: user, domain: domain, suppression: suppression, duplicate: duplicate).outcome
        == expected)
  }

  @Test("block reasons say what blocked")
  func reasons() {
    #expect(
      decide(suppression: "User requested unsubscribe").reason
        == "Recipient is suppressed: User requested unsubscribe")
    #expect(
      decide(duplicate: true).reason
        == "Duplicate of a send with the same sender, recipient and subject within 24 hours")
  }

  @Test("an EU recipient is assigned consent even when blocked")
  func legalBasisWhenBlocked() throws {
    let decision = PolicyRules.decide(
      recipient: try EmailAddress(parsing: "a@example.fr"),
      facts: PolicyFacts(
        userCountToday: 100, domainCountToday: 0, suppressionReason: nil, isDuplicate: false))
    #expect(!decision.isAllowed)
    #expect(decision.legalBasis == .consent)
    #expect(decision.region == .europeanUnion)
  }
}

@Suite("Days and idempotency")
struct SendWindowTests {
  @Test("days change at midnight UTC")
  func midnight() {
    let midnight = Date(timeIntervalSince1970: 1_796_428_800)  // 2026-12-05T00:00:00Z
    let before = UTCDay(containing: midnight.addingTimeInterval(-0.001))
    let after = UTCDay(containing: midnight)
    #expect(after.number == before.number + 1)
    #expect(before.description == "2026-12-04")
    #expect(after.description == "2026-12-05")
    #expect(UTCDay(containing: midnight.addingTimeInterval(86_399.999)) == after)
  }

  @Test(
    "day numbers print as calendar dates",
    arguments: [(0, "1970-01-01"), (59, "1970-03-01"), (11_016, "2000-02-29"), (-1, "1969-12-31")]
      as [(Int64, String)])
  func calendar(number: Int64, text: String) {
    #expect(UTCDay(number: number).description == text)
  }

  @Test(
    "calendar dates and day numbers convert both ways",
    arguments: [
      (1970, 1, 1, 0), (1970, 3, 1, 59), (2000, 2, 29, 11_016), (1969, 12, 31, -1),
      (2026, 12, 5, 20_792), (1600, 3, 1, -135_080),
    ] as [(Int64, Int64, Int64, Int64)])
  func civilDate(year: Int64, month: Int64, day: Int64, number: Int64) {
    #expect(UTCDay(year: year, month: month, day: day).number == number)
    let date = UTCDay(number: number).civilDate
    #expect(date.year == year && date.month == month && date.day == day)
  }

  @Test("key material treats spelling variants of one send alike")
  func keyMaterial() throws {
    let a = IdempotencyRule.keyMaterial(
      sender: try EmailAddress(parsing: "Out@YourDomain.com"),
      recipient: try EmailAddress(parsing: "Kontakt@Bücher.de"), subject: " Guest post ")
    let b = IdempotencyRule.keyMaterial(
      sender: try EmailAddress(parsing: "out@yourdomain.com."),
      recipient: try EmailAddress(parsing: "kontakt@xn--bcher-kva.de"), subject: "Guest post")
    let c = IdempotencyRule.keyMaterial(
      sender: try EmailAddress(parsing: "out@yourdomain.com"),
      recipient: try EmailAddress(parsing: "kontakt@xn--bcher-kva.de"), subject: "Guest Post")
    #expect(a == b)
    #expect(a != c)
    // Stored key hashes are digests of exactly this text: it must not drift.
    #expect(a == "out@yourdomain.com\nkontakt@xn--bcher-kva.de\nGuest post")
    #expect(IdempotencyRule.window == 86_400)
  }
}

extension SendWindowTests {
  @Test(
    "subjects compare after NFC and trimming, and only then",
    arguments: [
      ("Guest post", "\t Guest post \r\n", true),
      ("Café", "Cafe\u{0301}", true),
      (" Café ", "Cafe\u{0301}\u{3000}", true),
      ("Guest post", "Guest  post", false),
      ("Café", "Cafe", false),
    ])
  func subjects(first: String, second: String, isSame: Bool) {
    #expect(
      (IdempotencyRule.normalizedSubject(first) == IdempotencyRule.normalizedSubject(second))
        == isSame)
  }
}
