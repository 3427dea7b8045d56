import CSQLite
import Foundation
import Policy
import Testing

@testable import Store

@Suite("Store files, recovery and tokens")
struct StoreLifecycleTests {
  @Test("a fresh file is migrated to the latest schema in WAL mode")
  func freshFile() async throws {
    let fixture = try StoreFixture()
    #expect(try await fixture.store.schemaVersion() == Schema.latestVersion)
    let mode = try await fixture.store.readers.read { (connection) throws(StoreError) in
      try connection.queryFirst("PRAGMA journal_mode") { $0.text(0) }
    }
    #expect(mode == "wal")
  }

  @Test("an older file is migrated forward and keeps its data")
  func existingFile() async throws {
    let directory = FileManager.default.temporaryDirectory
      .appendingPathComponent("store-migrate-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: directory) }
    let path = directory.appendingPathComponent("old.db").path
    do {
      let connection = try SQLiteConnection(path: path, readOnly: false)
      try Schema.migrate(connection, upTo: 1)
      try connection.execute(
        "INSERT INTO users (name, is_admin, created_at) VALUES ('veteran', 1, 0)")
      #expect(try Schema.version(of: connection) == 1)
    }
    let store = try Store(path: path)
    defer { store.close() }
    #expect(try await store.schemaVersion() == Schema.latestVersion)
    #expect(try await store.user(named: "veteran")?.isAdmin == true)
  }

  @Test("a file from a newer version is refused")
  func newerFile() throws {
    let fixture = try StoreFixture()
    fixture.store.close()
    let connection = try SQLiteConnection(path: fixture.path, readOnly: false)
    try connection.executeScript("PRAGMA user_version = 999")
    #expect(throws: StoreError.self) { try Store(path: fixture.path) }
  }

  @Test("committed writes are in the file before the call returns")
  func durability() async throws {
    let fixture = try StoreFixture()
    let store = fixture.store
    // The fixture removes the database when released; keep it to the end.
    defer { withExtendedLifetime(fixture) {} }
    let (user, _) = try await store.addUser(name: "ann", isAdmin: false)
    for index in 0..<50 {
      _ = try await store.validate(intent(user, to: "a\(index)@example.com"))
    }
    // A separate connection sees exactly what a restarted process would.
    let observer = try SQLiteConnection(path: fixture.path, readOnly: true)
    let count = try observer.queryFirst("SELECT count(*) FROM audit_log") { $0.integer(0) }
    #expect(count == 50)

    try fixture.reopen()
    let entries = try await fixture.store.auditEntries(
      AuditQuery(), pageToken: nil, pageSize: 100)
    #expect(entries.items.count == 50)
  }

  @Test("recovery fails attempts that never began delivery and counts those that did")
  func recovery() async throws {
    let fixture = try StoreFixture()
    let (user, _) = try await fixture.store.addUser(name: "ann", isAdmin: false)
    let notStarted = try #require(
      try await fixture.store.reserveSend(intent(user, to: "a@one.com")).attempt)
    let started = try #require(
      try await fixture.store.reserveSend(intent(user, to: "b@two.com")).attempt)
    try await fixture.store.markDeliveryStarted(attemptID: started.id)
    let sent = try #require(
      try await fixture.store.reserveSend(intent(user, to: "c@three.com")).attempt)
    try await fixture.store.completeSend(attemptID: sent.id, messageID: "<c@mx>")

    try fixture.reopen()
    let store = fixture.store
    // The fixture removes the database when released; keep it to the end.
    defer { withExtendedLifetime(fixture) {} }
    let report = try await store.recoverInterruptedAttempts()
    #expect(report.releasedAttemptIDs == [notStarted.id])
    #expect(report.ambiguousAttemptIDs == [started.id])

    let viewer = Viewer(user)
    #expect(try await store.attempt(id: notStarted.id, visibleTo: viewer)?.status == .failed)
    #expect(try await store.attempt(id: started.id, visibleTo: viewer)?.status == .unknown)
    #expect(try await store.attempt(id: sent.id, visibleTo: viewer)?.status == .sent)
    #expect(
      try await store.dailyCounts(userID: user.id, domain: address("a@one.com").domain) == (2, 0))
    #expect(try await store.validate(intent(user, to: "a@one.com")).isAllowed)
    #expect(try await store.validate(intent(user, to: "b@two.com")).outcome == .duplicate)
    #expect(try await store.recoverInterruptedAttempts().releasedAttemptIDs.isEmpty)
  }

  @Test("tokens authenticate, revoke, and are never stored raw")
  func tokens() async throws {
    let fixture = try StoreFixture()
    let store = fixture.store
    // The fixture removes the database when released; keep it to the end.
    defer { withExtendedLifetime(fixture) {} }
    let (user, token) = try await store.addUser(name: "ann", isAdmin: true)
    #expect(token.hasPrefix("otk_"))
    #expect(try await store.authenticate(token: token) == user)
    #expect(try await store.authenticate(token: token + "x") == nil)
    let second = try await store.issueToken(userName: "ann")
    #expect(try await store.authenticate(token: second)?.id == user.id)

    store.close()
    let files = ["", "-wal", "-shm"].map { fixture.path + $0 }
    var bytes = Data()
    for file in files {
      bytes.append((try? Data(contentsOf: URL(fileURLWithPath: file))) ?? Data())
    }
    #expect(bytes.range(of: Data(token.utf8)) == nil)
    #expect(bytes.range(of: Data(second.utf8)) == nil)
    #expect(bytes.range(of: Data(SHA256Digest.of(token))) != nil)

    try fixture.reopen()
    #expect(try await fixture.store.revokeToken(token))
    #expect(try await fixture.store.authenticate(token: token) == nil)
    #expect(try await fixture.store.authenticate(token: second) != nil)
    #expect(try await fixture.store.revokeTokens(userName: "ann") == 1)
    #expect(try await fixture.store.authenticate(token: second) == nil)
    await #expect(throws: StoreError.self) {
      try await fixture.store.addUser(name: "ann", isAdmin: false)
    }
  }

  @Test("a token revoked through the store stops working at once, even the one used last")
  func revokedWhileCached() async throws {
    let fixture = try StoreFixture()
    let store = fixture.store
    defer { withExtendedLifetime(fixture) {} }
    let (user, token) = try await store.addUser(name: "ann", isAdmin: false)
    let second = try await store.issueToken(userName: "ann")
    // Cached, and each the token looked up last in turn.
    #expect(try await store.authenticate(token: token) == user)
    #expect(store.cachedUser(token: token) == user)
    #expect(try await store.authenticate(token: second) == user)
    #expect(store.cachedUser(token: second) == user)
    #expect(store.cachedUser(token: token) == user)

    #expect(try await store.revokeToken(token))
    #expect(store.cachedUser(token: token) == nil)
    #expect(try await store.authenticate(token: token) == nil)
    #expect(store.cachedUser(token: second) == user)

    #expect(try await store.revokeTokens(userName: "ann") == 1)
    #expect(store.cachedUser(token: second) == nil)
    #expect(try await store.authenticate(token: second) == nil)
  }

  @Test("only the exact bytes of a cached token authenticate, not an equivalent spelling")
  func exactTokenBytes() async throws {
    let fixture = try StoreFixture()
    let store = fixture.store
    defer { withExtendedLifetime(fixture) {} }
    let (user, issued) = try await store.addUser(name: "ann", isAdmin: false)
    // A token with a K, so that U+212A KELVIN SIGN spells an equivalent one.
    var token = issued
    while !token.dropFirst(4).contains("K") {
      token = try await store.issueToken(userName: "ann")
    }
    let lookalike =
      String(token.prefix(4)) + token.dropFirst(4).replacingOccurrences(of: "K", with: "\u{212A}")
    #expect(lookalike == token)
    #expect(try await store.authenticate(token: lookalike) == nil)
    #expect(try await store.authenticate(token: token) == user)
    // Cached now, and the token used last.
    #expect(store.cachedUser(token: lookalike) == nil)
    #expect(try await store.authenticate(token: lookalike) == nil)
    #expect(store.cachedUser(token: token) == user)
  }

  @Test(
    "a time made from whole milliseconds converts back to the same milliseconds",
    arguments: [Int64(-5_000), 0, 1_796_472_000_000, 2_051_222_400_000])
  func millisecondRoundTrip(start: Int64) {
    let mismatches = (start..<start + 10_000).filter {
      Store.milliseconds(Store.date(milliseconds: $0)) != $0
    }
    #expect(mismatches.isEmpty, "first: \(mismatches.prefix(3))")
    // Between whole milliseconds, the time rounds down.
    #expect(Store.milliseconds(Date(timeIntervalSince1970: 1.0106)) == 1_010)
    #expect(Store.milliseconds(Date(timeIntervalSince1970: -1.0004)) == -1_001)
  }

  @Test("SHA-256 matches the standard test vector")
  func sha256() {
    let digest = SHA256Digest.of("abc").map { String(format: "%02x", $0) }.joined()
    #expect(digest == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
  }
}

extension StoreLifecycleTests {
  @Test("purging drops only state that no check can need")
  func purge() async throws {
    let fixture = try StoreFixture()
    let store = fixture.store
    // The fixture removes the database when released; keep it to the end.
    defer { withExtendedLifetime(fixture) {} }
    let (user, _) = try await store.addUser(name: "ann", isAdmin: false)
    let sent = try #require(try await store.reserveSend(intent(user, to: "a@one.com")).attempt)
    try await store.completeSend(attemptID: sent.id, messageID: nil)
    #expect(try await store.purgeExpiredState() == 0)
    #expect(try await store.validate(intent(user, to: "a@one.com")).outcome == .duplicate)

    fixture.clock.advance(by: 2 * 86_400)
    let held = try #require(try await store.reserveSend(intent(user, to: "b@two.com")).attempt)
    #expect(try await store.purgeExpiredState() == 3)
    #expect(try await store.validate(intent(user, to: "a@one.com")).isAllowed)
    #expect(
      try await store.dailyCounts(userID: user.id, domain: address("b@two.com").domain) == (1, 1))
    try await store.failSend(attemptID: held.id, failure: .rejected(detail: "refused"))
  }

  @Test("a closed store refuses reads and writes")
  func closed() async throws {
    let fixture = try StoreFixture()
    fixture.store.close()
    await #expect(throws: StoreError.self) { try await fixture.store.users() }
    await #expect(throws: StoreError.self) {
      try await fixture.store.addUser(name: "late", isAdmin: false)
    }
  }

  @Test("closing the store leaves the database one file, with everything in it")
  func closeFoldsTheLog() async throws {
    let fixture = try StoreFixture()
    let store = fixture.store
    let (user, _) = try await store.addUser(name: "kept", isAdmin: false)
    _ = try await store.validate(intent(user, to: "you@example.com"))
    #expect(try await store.users().count == 1)  // a reader connection, too
    let log = fixture.path + "-wal"
    #expect(FileManager.default.fileExists(atPath: log))

    store.close()
    #expect(!FileManager.default.fileExists(atPath: log))
    #expect(!FileManager.default.fileExists(atPath: fixture.path + "-shm"))
    let connection = try SQLiteConnection(path: fixture.path, readOnly: true)
    #expect(try connection.queryFirst("SELECT count(*) FROM users") { $0.integer(0) } == 1)
    #expect(try connection.queryFirst("SELECT count(*) FROM audit_log") { $0.integer(0) } == 1)
  }
}

extension StoreLifecycleTests {
  @Test("a cancelled caller's write still commits and returns its result")
  func cancellation() async throws {
    let fixture = try StoreFixture()
    let store = fixture.store
    // The fixture removes the database when released; keep it to the end.
    defer { withExtendedLifetime(fixture) {} }
    let (user, _) = try await store.addUser(name: "ann", isAdmin: false)
    let task = Task {
      try await store.reserveSend(intent(user, to: "a@example.com"))
    }
    task.cancel()
    let reservation = try await task.value
    let attempt = try #require(reservation.attempt)
    #expect(try await store.attempt(id: attempt.id, visibleTo: Viewer(user))?.status == .pending)
  }
}
