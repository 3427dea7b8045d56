import Foundation
import Policy
import Testing

@testable import Store

@Suite("Send reservations")
struct SendReservationTests {
  @Test("300 concurrent reservations by one user approve exactly the user cap")
  func userCapUnderConcurrency() async throws {
    let fixture = try StoreFixture()
    let store = fixture.store
    // The fixture removes the database when released; keep it to the end.
    defer { withExtendedLifetime(fixture) {} }
    let (user, _) = try await store.addUser(name: "ann", isAdmin: false)
    let approved = try await withThrowingTaskGroup(of: Bool.self) { group in
      for index in 0..<300 {
        group.addTask {
          try await store.reserveSend(intent(user, to: "editor@site\(index).com")).attempt != nil
        }
      }
      return try await group.reduce(0) { $0 + ($1 ? 1 : 0) }
    }
    #expect(approved == 100)
    let counts = try await store.dailyCounts(userID: user.id, domain: address("a@site1.com").domain)
    #expect(counts.user == 100)
    let blocked = try await store.auditEntries(
      AuditQuery(userID: user.id, result: .blocked), pageToken: nil, pageSize: 1_000)
    #expect(blocked.items.count == 200)
    #expect(
      blocked.items.allSatisfy { $0.reason == "Daily user cap reached: 100 of 100 sends today" })
  }

  @Test("50 concurrent reservations to one domain from many users approve exactly the domain cap")
  func domainCapUnderConcurrency() async throws {
    let fixture = try StoreFixture()
    let store = fixture.store
    // The fixture removes the database when released; keep it to the end.
    defer { withExtendedLifetime(fixture) {} }
    var users: [UserRecord] = []
    for index in 0..<5 {
      users.append(try await store.addUser(name: "user\(index)", isAdmin: false).0)
    }
    let senders = users
    let approved = try await withThrowingTaskGroup(of: Bool.self) { group in
      for index in 0..<50 {
        group.addTask {
          let user = senders[index % senders.count]
          return try await store.reserveSend(intent(user, to: "person\(index)@Example.COM"))
            .attempt != nil
        }
      }
      return try await group.reduce(0) { $0 + ($1 ? 1 : 0) }
    }
    #expect(approved == 20)
  }

  @Test("20 concurrent identical sends approve exactly one")
  func idempotencyUnderConcurrency() async throws {
    let fixture = try StoreFixture()
    let store = fixture.store
    // The fixture removes the database when released; keep it to the end.
    defer { withExtendedLifetime(fixture) {} }
    let (user, _) = try await store.addUser(name: "ann", isAdmin: false)
    let recipients = ["editor@example.com", "Editor@EXAMPLE.com", "editor@example.com."]
    let approved = try await withThrowingTaskGroup(of: Bool.self) { group in
      for index in 0..<20 {
        group.addTask {
          try await store.reserveSend(intent(user, to: recipients[index % 3])).attempt != nil
        }
      }
      return try await group.reduce(0) { $0 + ($1 ? 1 : 0) }
    }
    #expect(approved == 1)
  }

  @Test("with deliveries failing at random, counts equal successful deliveries")
  func randomFailures() async throws {
    let fixture = try StoreFixture()
    let store = fixture.store
    // The fixture removes the database when released; keep it to the end.
    defer { withExtendedLifetime(fixture) {} }
    let (user, _) = try await store.addUser(name: "ann", isAdmin: false)
    let delivered = try await withThrowingTaskGroup(of: Int.self) { group in
      for index in 0..<300 {
        group.addTask {
          // Retry while blocked only by the user cap: released slots become available again.
          for _ in 0..<50 {
            let reservation = try await store.reserveSend(
              intent(user, to: "editor@site\(index % 60).com", subject: "Pitch \(index)"))
            guard let attempt = reservation.attempt else {
              guard reservation.decision.outcome == .dailyUserCapReached else { return 0 }
              await Task.yield()
              continue
            }
            try await store.markDeliveryStarted(attemptID: attempt.id)
            if Bool.random() {
              try await store.completeSend(attemptID: attempt.id, messageID: "<\(index)@mx>")
              return 1
            }
            try await store.failSend(attemptID: attempt.id, failure: .rejected(detail: "450"))
          }
          return 0
        }
      }
      return try await group.reduce(0, +)
    }
    let counts = try await store.dailyCounts(userID: user.id, domain: address("a@site1.com").domain)
    #expect(counts.user == delivered)
    #expect(delivered <= 100)
    #expect(delivered > 0)
    var domainTotal = 0
    for site in 0..<60 {
      let perDomain = try await store.dailyCounts(
        userID: user.id, domain: address("a@site\(site).com").domain)
      #expect(perDomain.domain <= 20)
      domainTotal += perDomain.domain
    }
    #expect(domainTotal == delivered)
  }

  @Test("an approved reservation holds its slots and key until it is settled")
  func lifecycle() async throws {
    let fixture = try StoreFixture()
    let store = fixture.store
    // The fixture removes the database when released; keep it to the end.
    defer { withExtendedLifetime(fixture) {} }
    let (user, _) = try await store.addUser(name: "ann", isAdmin: false)
    let (lead, _) = try await store.createLead(
      NewLead(email: address("editor@example.de"), name: "Ed"), ownerID: user.id)
    let send = intent(user, to: "editor@example.de", leadID: lead.id)

    let reservation = try await store.reserveSend(send)
    let attempt = try #require(reservation.attempt)
    #expect(attempt.status == .pending)
    #expect(attempt.legalBasis == .consent)
    #expect(attempt.region == .europeanUnion)
    #expect(reservation.decision.reason == "All checks passed")

    let whileHeld = try await store.validate(send)
    #expect(whileHeld.outcome == .duplicate)
    #expect(whileHeld.dailyUserCount == 1)
    #expect(whileHeld.dailyDomainCount == 1)

    let sent = try await store.completeSend(attemptID: attempt.id, messageID: "<m1@mx>")
    #expect(sent.status == .sent)
    #expect(sent.messageID == "<m1@mx>")
    #expect(try await store.lead(id: lead.id, visibleTo: Viewer(user))?.status == .contacted)
    await #expect(throws: StoreError.self) {
      try await store.completeSend(attemptID: attempt.id, messageID: nil)
    }
    #expect(try await store.validate(send).outcome == .duplicate)
  }

  @Test("a rejected delivery consumes nothing; an ambiguous one counts and keeps its key")
  func failures() async throws {
    let fixture = try StoreFixture()
    let store = fixture.store
    // The fixture removes the database when released; keep it to the end.
    defer { withExtendedLifetime(fixture) {} }
    let (user, _) = try await store.addUser(name: "ann", isAdmin: false)
    let domain = address("a@example.com").domain

    let first = try #require(try await store.reserveSend(intent(user, to: "a@example.com")).attempt)
    let failed = try await store.failSend(
      attemptID: first.id, failure: .rejected(detail: "550 no such user"),
      suppression: NewSuppression(
        email: address("a@example.com"), reason: "Hard bounce", source: .hardBounce))
    #expect(failed.status == .failed)
    #expect(failed.failureDetail == "550 no such user")
    #expect(try await store.dailyCounts(userID: user.id, domain: domain) == (0, 0))
    #expect(try await store.suppression(of: address("A@Example.com"))?.source == .hardBounce)

    let second = try #require(
      try await store.reserveSend(intent(user, to: "b@example.com")).attempt)
    let unknown = try await store.failSend(
      attemptID: second.id, failure: .ambiguous(detail: "timeout after DATA"))
    #expect(unknown.status == .unknown)
    #expect(try await store.dailyCounts(userID: user.id, domain: domain) == (1, 1))
    #expect(try await store.validate(intent(user, to: "b@example.com")).outcome == .duplicate)
  }

  @Test("validation audits but holds nothing")
  func validationHoldsNothing() async throws {
    let fixture = try StoreFixture(limits: PolicyLimits(dailyUserCap: 1, dailyDomainCap: 1))
    let store = fixture.store
    // The fixture removes the database when released; keep it to the end.
    defer { withExtendedLifetime(fixture) {} }
    let (user, _) = try await store.addUser(name: "ann", isAdmin: false)
    for _ in 0..<3 {
      #expect(try await store.validate(intent(user, to: "a@example.com")).isAllowed)
    }
    let entries = try await store.auditEntries(
      AuditQuery(userID: user.id), pageToken: nil, pageSize: 10)
    #expect(entries.items.count == 3)
    #expect(entries.items.allSatisfy { $0.action == .validate && $0.policyResult == .approved })
    #expect(entries.items.allSatisfy { $0.attemptID == nil })
  }

  @Test("suppressed recipients are blocked in every spelling")
  func suppression() async throws {
    let fixture = try StoreFixture()
    let store = fixture.store
    // The fixture removes the database when released; keep it to the end.
    defer { withExtendedLifetime(fixture) {} }
    let (user, _) = try await store.addUser(name: "ann", isAdmin: false)
    _ = try await store.addSuppression(
      NewSuppression(
        email: address("kontakt@bücher.de"), reason: "User requested unsubscribe",
        source: .manual), createdBy: user.id)
    let decision = try await store.validate(intent(user, to: "Kontakt@XN--BCHER-KVA.de."))
    #expect(decision.outcome == .suppressed)
    #expect(decision.reason == "Recipient is suppressed: User requested unsubscribe")
  }

  @Test("caps reset at midnight UTC")
  func dayRollover() async throws {
    let clock = ManualClock(Date(timeIntervalSince1970: 1_796_428_800 - 1))  // 23:59:59
    let fixture = try StoreFixture(
      limits: PolicyLimits(dailyUserCap: 2, dailyDomainCap: 5), clock: clock)
    let store = fixture.store
    // The fixture removes the database when released; keep it to the end.
    defer { withExtendedLifetime(fixture) {} }
    let (user, _) = try await store.addUser(name: "ann", isAdmin: false)
    for index in 0..<2 {
      let attempt = try #require(
        try await store.reserveSend(intent(user, to: "a\(index)@x\(index).com")).attempt)
      try await store.completeSend(attemptID: attempt.id, messageID: nil)
    }
    #expect(try await store.validate(intent(user, to: "b@y.com")).outcome == .dailyUserCapReached)
    clock.advance(by: 1)
    let decision = try await store.validate(intent(user, to: "b@y.com"))
    #expect(decision.isAllowed)
    #expect(decision.dailyUserCount == 0)
  }

  @Test("a used idempotency key expires 24 hours after the send")
  func idempotencyExpiry() async throws {
    let fixture = try StoreFixture()
    let store = fixture.store
    // The fixture removes the database when released; keep it to the end.
    defer { withExtendedLifetime(fixture) {} }
    let (user, _) = try await store.addUser(name: "ann", isAdmin: false)
    let send = intent(user, to: "a@example.com")
    let attempt = try #require(try await store.reserveSend(send).attempt)
    fixture.clock.advance(by: 60)
    try await store.completeSend(attemptID: attempt.id, messageID: nil)

    fixture.clock.advance(by: 24 * 3_600 - 0.001)
    #expect(try await store.validate(send).outcome == .duplicate)
    fixture.clock.advance(by: 0.001)
    #expect(try await store.validate(send).isAllowed)
    let again = try await store.reserveSend(send)
    #expect(again.attempt != nil)
  }
}

extension SendReservationTests {
  @Test("a failing write in a group is answered alone and the others still commit")
  func failingWriteInGroup() async throws {
    let fixture = try StoreFixture()
    let store = fixture.store
    // The fixture removes the database when released; keep it to the end.
    defer { withExtendedLifetime(fixture) {} }
    let (user, _) = try await store.addUser(name: "ann", isAdmin: false)
    let outcomes = try await withThrowingTaskGroup(of: Bool.self) { group in
      for index in 0..<60 {
        group.addTask {
          if index % 10 == 0 {
            do {
              try await store.completeSend(attemptID: 9_999 + Int64(index), messageID: nil)
              return false
            } catch let error as StoreError {
              return error.code == .notFound
            }
          }
          return try await store.validate(intent(user, to: "a\(index)@example.com")).isAllowed
        }
      }
      return try await group.reduce(into: [Bool]()) { $0.append($1) }
    }
    #expect(outcomes.count == 60)
    #expect(outcomes.allSatisfy { $0 })
    let entries = try await store.auditEntries(AuditQuery(), pageToken: nil, pageSize: 100)
    #expect(entries.items.count == 54)
  }
}
