import Foundation
import Policy
import Testing

@testable import Store

@Suite("Leads, suppressions and audit queries")
struct RecordQueryTests {
  @Test("leads merge by canonical address per owner and stay private to their owner")
  func leadsAndOwnership() async throws {
    let fixture = try StoreFixture()
    let store = fixture.store
    // The fixture removes the database when released; keep it to the end.
    defer { withExtendedLifetime(fixture) {} }
    let (ann, _) = try await store.addUser(name: "ann", isAdmin: false)
    let (bob, _) = try await store.addUser(name: "bob", isAdmin: false)
    let (admin, _) = try await store.addUser(name: "root", isAdmin: true)

    let (first, isNew) = try await store.createLead(
      NewLead(email: address("Editor@Bücher.de"), name: ""), ownerID: ann.id)
    #expect(isNew)
    #expect(first.email == "Editor@xn--bcher-kva.de")
    let (merged, mergedIsNew) = try await store.createLead(
      NewLead(email: address("editor@xn--bcher-kva.de."), name: "Ed"), ownerID: ann.id)
    #expect(!mergedIsNew)
    #expect(merged.id == first.id)
    #expect(merged.name == "Ed")
    let (bobs, bobsIsNew) = try await store.createLead(
      NewLead(email: address("editor@bücher.de"), name: ""), ownerID: bob.id)
    #expect(bobsIsNew)

    #expect(try await store.lead(id: first.id, visibleTo: Viewer(ann)) != nil)
    #expect(try await store.lead(id: first.id, visibleTo: Viewer(bob)) == nil)
    #expect(try await store.lead(id: first.id, visibleTo: Viewer(admin)) != nil)
    let bobsList = try await store.leads(visibleTo: Viewer(bob), pageToken: nil, pageSize: 10)
    #expect(bobsList.items.map(\.id) == [bobs.id])
    let all = try await store.leads(visibleTo: Viewer(admin), pageToken: nil, pageSize: 10)
    #expect(all.items.count == 2)
  }

  @Test("bulk import merges duplicates and respects existing suppressions")
  func importLeads() async throws {
    let fixture = try StoreFixture()
    let store = fixture.store
    // The fixture removes the database when released; keep it to the end.
    defer { withExtendedLifetime(fixture) {} }
    let (ann, _) = try await store.addUser(name: "ann", isAdmin: false)
    _ = try await store.addSuppression(
      NewSuppression(email: address("gone@example.com"), reason: "bounced", source: .hardBounce),
      createdBy: nil)
    var rows = (0..<500).map { NewLead(email: address("p\($0)@example.com"), name: "P\($0)") }
    rows.append(NewLead(email: address("P1@EXAMPLE.com"), name: ""))
    rows.append(NewLead(email: address("gone@example.com"), name: "Gone"))
    let results = try await store.importLeads(rows, ownerID: ann.id)
    #expect(results.count == 502)
    #expect(results.filter(\.isNew).count == 501)
    #expect(results[500].0.id == results[1].0.id)
    #expect(results[501].0.status == .bounced)
  }

  @Test("suppression pages are stable while entries are added and removed")
  func suppressionPaging() async throws {
    let fixture = try StoreFixture()
    let store = fixture.store
    // The fixture removes the database when released; keep it to the end.
    defer { withExtendedLifetime(fixture) {} }
    for index in 0..<25 {
      _ = try await store.addSuppression(
        NewSuppression(email: address("s\(index)@example.com"), reason: "r", source: .manual),
        createdBy: nil)
    }
    var seen: [String] = []
    var token: String?
    var pages = 0
    repeat {
      let page = try await store.suppressions(pageToken: token, pageSize: 10)
      seen += page.items.map(\.canonicalEmail)
      token = page.nextPageToken
      pages += 1
      if pages == 1 {
        // Removing a seen entry and adding a new one must not shift the next page.
        #expect(try await store.removeSuppression(email: address("s0@example.com")))
        _ = try await store.addSuppression(
          NewSuppression(email: address("late@example.com"), reason: "r", source: .manual),
          createdBy: nil)
      }
    } while token != nil
    #expect(seen == (0..<25).map { "s\($0)@example.com" } + ["late@example.com"])
    #expect(pages == 3)
    await #expect(throws: StoreError.self) {
      try await store.suppressions(pageToken: "bogus", pageSize: 10)
    }
    let leadsToken = try await store.leads(
      visibleTo: Viewer(userID: 1, isAdmin: true), pageToken: nil, pageSize: 1
    ).nextPageToken
    #expect(leadsToken == nil)
  }

  @Test("adding a suppression twice keeps the first entry")
  func duplicateSuppression() async throws {
    let fixture = try StoreFixture()
    let store = fixture.store
    // The fixture removes the database when released; keep it to the end.
    defer { withExtendedLifetime(fixture) {} }
    let first = try await store.addSuppression(
      NewSuppression(email: address("a@example.com"), reason: "first", source: .unsubscribe),
      createdBy: nil)
    let second = try await store.addSuppression(
      NewSuppression(email: address("A@EXAMPLE.COM"), reason: "second", source: .manual),
      createdBy: nil)
    #expect(first.isNew)
    #expect(!second.isNew)
    #expect(second.0.reason == "first")
    #expect(try await store.removeSuppression(email: address("a@example.com")))
    #expect(try await store.suppression(of: address("a@example.com")) == nil)
  }

  @Test("audit entries filter by user, recipient, result and time, in either order")
  func auditFilters() async throws {
    let fixture = try StoreFixture(limits: PolicyLimits(dailyUserCap: 100, dailyDomainCap: 2))
    let store = fixture.store
    // The fixture removes the database when released; keep it to the end.
    defer { withExtendedLifetime(fixture) {} }
    let (ann, _) = try await store.addUser(name: "ann", isAdmin: false)
    let (bob, _) = try await store.addUser(name: "bob", isAdmin: false)
    let start = fixture.clock.now
    for index in 0..<3 {
      _ = try await store.reserveSend(intent(ann, to: "x\(index)@example.com"))
      fixture.clock.advance(by: 10)
    }
    _ = try await store.validate(intent(bob, to: "Y@Example.org"))

    let annEntries = try await store.auditEntries(
      AuditQuery(userID: ann.id), pageToken: nil, pageSize: 10)
    #expect(
      annEntries.items.map(\.leadEmail) == ["x2@example.com", "x1@example.com", "x0@example.com"])
    #expect(annEntries.items[0].policyResult == .blocked)
    #expect(annEntries.items[0].reason.hasPrefix("Daily domain cap reached: 2 of 2"))
    #expect(annEntries.items[2].attemptID != nil)
    #expect(annEntries.items[2].senderEmail == "outreach@yourdomain.com")
    #expect(annEntries.items[2].subject == "Guest Post: AI Marketing Trends")
    #expect(annEntries.items[2].legalBasis == .legitimateInterest)

    let oldestFirst = try await store.auditEntries(
      AuditQuery(userID: ann.id, newestFirst: false), pageToken: nil, pageSize: 2)
    #expect(oldestFirst.items.map(\.leadEmail) == ["x0@example.com", "x1@example.com"])
    let rest = try await store.auditEntries(
      AuditQuery(userID: ann.id, newestFirst: false), pageToken: oldestFirst.nextPageToken,
      pageSize: 2)
    #expect(rest.items.map(\.leadEmail) == ["x2@example.com"])
    #expect(rest.nextPageToken == nil)

    let byRecipient = try await store.auditEntries(
      AuditQuery(recipient: address("y@example.org")), pageToken: nil, pageSize: 10)
    #expect(byRecipient.items.map(\.userID) == [bob.id])
    let blocked = try await store.auditEntries(
      AuditQuery(result: .blocked), pageToken: nil, pageSize: 10)
    #expect(blocked.items.count == 1)
    let window = try await store.auditEntries(
      AuditQuery(since: start.addingTimeInterval(5), until: start.addingTimeInterval(15)),
      pageToken: nil, pageSize: 10)
    #expect(window.items.map(\.leadEmail) == ["x1@example.com"])
  }
}

extension RecordQueryTests {
  @Test("suppressions set matching leads to the status their source implies")
  func leadStatusFromSuppression() async throws {
    let fixture = try StoreFixture()
    let store = fixture.store
    // The fixture removes the database when released; keep it to the end.
    defer { withExtendedLifetime(fixture) {} }
    let (ann, _) = try await store.addUser(name: "ann", isAdmin: false)
    let sources: [(SuppressionSource, LeadStatus)] = [
      (.hardBounce, .bounced), (.unsubscribe, .unsubscribed), (.notInterested, .notInterested),
      (.manual, .unsubscribed),
    ]
    for (index, (source, status)) in sources.enumerated() {
      let (lead, _) = try await store.createLead(
        NewLead(email: address("p\(index)@example.com"), name: ""), ownerID: ann.id)
      _ = try await store.addSuppression(
        NewSuppression(email: address("P\(index)@Example.com"), reason: "r", source: source),
        createdBy: nil)
      #expect(try await store.lead(id: lead.id, visibleTo: Viewer(ann))?.status == status)
    }
    let bounced = try await store.leads(
      visibleTo: Viewer(ann), status: .bounced, pageToken: nil, pageSize: 10)
    #expect(bounced.items.map(\.email) == ["p0@example.com"])
  }

  @Test("a follower sees only entries after the last one it saw")
  func followAudit() async throws {
    let fixture = try StoreFixture()
    let store = fixture.store
    // The fixture removes the database when released; keep it to the end.
    defer { withExtendedLifetime(fixture) {} }
    let (ann, _) = try await store.addUser(name: "ann", isAdmin: false)
    _ = try await store.validate(intent(ann, to: "a@example.com"))
    let first = try await store.auditEntries(
      AuditQuery(newestFirst: false), pageToken: nil, pageSize: 10)
    _ = try await store.validate(intent(ann, to: "b@example.com"))
    let next = try await store.auditEntries(
      AuditQuery(afterID: first.items.last?.id, newestFirst: false), pageToken: nil, pageSize: 10)
    #expect(next.items.map(\.leadEmail) == ["b@example.com"])
  }
}
