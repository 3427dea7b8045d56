import COpenSSL
import Foundation
import Policy
import Synchronization

/// Recently authenticated tokens, so the hot path skips the database.
///
/// Entries live a few seconds: a revocation made through this store drops
/// them at once, and one made by another process (the operator command) takes
/// effect when they expire. Unknown tokens are never cached, so guessing
/// cannot grow the cache.
final class TokenCache: Sendable {
  /// How long a cached authentication is trusted.
  static let lifetime: TimeInterval = 2

  private struct Entry {
    let user: UserRecord
    /// The token's digest, by which a revocation names it.
    let hash: [UInt8]
    let expires: ContinuousClock.Instant
  }

  /// Keyed by the token itself, so a hit costs one dictionary lookup rather
  /// than a SHA-256 first; keys compare byte for byte (``ExactText``), so only
  /// the exact token finds its entry, never a canonically equivalent
  /// spelling of it. Tokens stay in memory only while cached.
  private struct State {
    var entries: [ExactText: Entry] = [:]
    /// The token found last: a service sends the same token call after
    /// call, and comparing it costs less than hashing it.
    var last: (token: ExactText, entry: Entry)?
  }

  private let state = Mutex(State())

  func user(for token: Substring) -> UserRecord? {
    state.withLock { state in
      let key: ExactText
      let entry: Entry
      if let last = state.last, last.token.hasBytes(of: token) {
        // No `String` made for the token a caller sends call after call.
        (key, entry) = last
      } else {
        key = ExactText(String(token))
        guard let found = state.entries[key] else { return nil }
        entry = found
        state.last = (key, found)
      }
      guard entry.expires > .now else {
        state.entries[key] = nil
        state.last = nil
        return nil
      }
      return entry.user
    }
  }

  func remember(_ user: UserRecord, for token: String, hash: [UInt8]) {
    state.withLock { state in
      // Bound memory: a full cache starts over rather than tracking recency.
      if state.entries.count >= 10_000 { state.entries.removeAll() }
      state.entries[ExactText(token)] = Entry(
        user: user, hash: hash, expires: .now + .seconds(Self.lifetime))
      state.last = nil
    }
  }

  func forget(hash: [UInt8]) {
    forget { $0.hash == hash }
  }

  func forget(userID: Int64) {
    forget { $0.user.id == userID }
  }

  private func forget(where matches: (Entry) -> Bool) {
    state.withLock { state in
      state.entries = state.entries.filter { !matches($0.value) }
      state.last = nil
    }
  }
}

/// SHA-256 through OpenSSL: token hashes and idempotency keys.
enum SHA256Digest {
  /// The digest of `text`'s UTF-8 bytes.
  static func of(_ text: String) -> [UInt8] {
    var text = text
    return text.withUTF8 { of(UnsafeRawBufferPointer($0)) }
  }

  /// The digest of `bytes`, held inline rather than in an array.
  static func inline(of bytes: UnsafeRawBufferPointer) -> Inline {
    var digest = Inline()
    withUnsafeMutableBytes(of: &digest.words) {
      copenssl_sha256(
        bytes.baseAddress, bytes.count, $0.baseAddress?.assumingMemoryBound(to: UInt8.self))
    }
    return digest
  }

  /// A digest in four words, for hashing on a hot path without allocating.
  struct Inline: Sendable {
    fileprivate var words: (UInt64, UInt64, UInt64, UInt64) = (0, 0, 0, 0)

    /// Runs `body` over the digest's 32 bytes.
    func withUnsafeBytes<R>(_ body: (UnsafeRawBufferPointer) throws -> R) rethrows -> R {
      try Swift.withUnsafeBytes(of: words, body)
    }

    /// The digest's bytes.
    var bytes: [UInt8] { withUnsafeBytes { Array($0) } }
  }

  /// The digest of `bytes`.
  static func of(_ bytes: UnsafeRawBufferPointer) -> [UInt8] {
    [UInt8](unsafeUninitializedCapacity: Int(SHA256_DIGEST_LENGTH)) { digest, count in
      copenssl_sha256(bytes.baseAddress, bytes.count, digest.baseAddress)
      count = Int(SHA256_DIGEST_LENGTH)
    }
  }
}

/// API tokens: 32 random bytes, base64url, prefixed `otk_`. Only their
/// SHA-256 digests are stored.
enum APIToken {
  /// A new random token.
  static func generate() -> String {
    var bytes = [UInt8](repeating: 0, count: 32)
    let status = RAND_bytes(&bytes, Int32(bytes.count))
    precondition(status == 1, "OpenSSL's random generator failed; no safe token can be made")
    let encoded = Data(bytes).base64EncodedString()
      .replacingOccurrences(of: "+", with: "-")
      .replacingOccurrences(of: "/", with: "_")
      .replacingOccurrences(of: "=", with: "")
    return "otk_" + encoded
  }

}

extension Store {
  /// Creates a user and a first API token.
  /// - Returns: the user and the raw token, which is shown once and never stored.
  /// - Throws: ``StoreError`` with `conflict` when the name is taken.
  public func addUser(name: String, isAdmin: Bool) async throws -> (UserRecord, token: String) {
    let token = APIToken.generate()
    let hash = SHA256Digest.of(token)
    let now = nowMilliseconds()
    let user = try await writer.write { (connection) throws(StoreError) in
      try connection.execute(
        "INSERT INTO users (name, is_admin, created_at) VALUES (?, ?, ?)",
        .text(name), .integer(isAdmin ? 1 : 0), .integer(now))
      let id = connection.lastInsertRowID
      try connection.execute(
        "INSERT INTO api_tokens (user_id, token_hash, created_at) VALUES (?, ?, ?)",
        .integer(id), .blob(hash), .integer(now))
      return UserRecord(
        id: id, name: name, isAdmin: isAdmin, createdAt: Self.date(milliseconds: now))
    }
    return (user, token)
  }

  /// Issues another token for an existing user.
  /// - Throws: ``StoreError`` with `notFound` for an unknown user.
  public func issueToken(userName: String) async throws -> String {
    let token = APIToken.generate()
    let hash = SHA256Digest.of(token)
    let now = nowMilliseconds()
    try await writer.write { (connection) throws(StoreError) in
      let id = try connection.queryFirst("SELECT id FROM users WHERE name = ?", .text(userName)) {
        $0.integer(0)
      }
      guard let id else { throw StoreError(.notFound, "No user has that name.") }
      try connection.execute(
        "INSERT INTO api_tokens (user_id, token_hash, created_at) VALUES (?, ?, ?)",
        .integer(id), .blob(hash), .integer(now))
    }
    return token
  }

  /// Revokes one token.
  /// - Returns: whether an active token was revoked.
  public func revokeToken(_ token: String) async throws -> Bool {
    let hash = SHA256Digest.of(token)
    let now = nowMilliseconds()
    let changed = try await writer.write { (connection) throws(StoreError) in
      try connection.execute(
        "UPDATE api_tokens SET revoked_at = ? WHERE token_hash = ? AND revoked_at IS NULL",
        .integer(now), .blob(hash))
    }
    tokenCache.forget(hash: hash)
    return changed > 0
  }

  /// Revokes every token of a user.
  /// - Returns: how many tokens were revoked.
  /// - Throws: ``StoreError`` with `notFound` for an unknown user.
  public func revokeTokens(userName: String) async throws -> Int {
    let now = nowMilliseconds()
    let (userID, changed) = try await writer.write { (connection) throws(StoreError) in
      let id = try connection.queryFirst("SELECT id FROM users WHERE name = ?", .text(userName)) {
        $0.integer(0)
      }
      guard let id else { throw StoreError(.notFound, "No user has that name.") }
      let changed = try connection.execute(
        "UPDATE api_tokens SET revoked_at = ? WHERE user_id = ? AND revoked_at IS NULL",
        .integer(now), .integer(id))
      return (id, changed)
    }
    tokenCache.forget(userID: userID)
    return changed
  }

  /// The user a raw bearer token belongs to, or `nil` if the token is unknown
  /// or revoked.
  public func authenticate(token: String) async throws -> UserRecord? {
    if let cached = tokenCache.user(for: token[...]) { return cached }
    return try await lookUp(token: token)
  }

  /// The user of `token` when a recent ``authenticate(token:)`` vouched for
  /// it, without touching the database; `nil` means "not known here", so
  /// the caller asks ``authenticate(token:)``, never that it is invalid.
  public func cachedUser(token: String) -> UserRecord? {
    tokenCache.user(for: token[...])
  }

  /// ``cachedUser(token:)`` for a token cut out of a longer text, such as
  /// an `authorization` header.
  public func cachedUser(token: Substring) -> UserRecord? {
    tokenCache.user(for: token)
  }

  /// Reads the user of a token by its hash and caches the answer.
  private func lookUp(token: String) async throws -> UserRecord? {
    let hash = SHA256Digest.of(token)
    let user = try await readers.read { (connection) throws(StoreError) in
      try connection.queryFirst(
        """
        SELECT users.id, users.name, users.is_admin, users.created_at
        FROM api_tokens JOIN users ON users.id = api_tokens.user_id
        WHERE api_tokens.token_hash = ? AND api_tokens.revoked_at IS NULL
        """, .blob(hash), row: Self.user)
    }
    if let user { tokenCache.remember(user, for: token, hash: hash) }
    return user
  }

  /// Every user, by id.
  public func users() async throws -> [UserRecord] {
    try await readers.read { (connection) throws(StoreError) in
      try connection.query(
        "SELECT id, name, is_admin, created_at FROM users ORDER BY id", row: Self.user)
    }
  }

  /// The user named `name`, if any.
  public func user(named name: String) async throws -> UserRecord? {
    try await readers.read { (connection) throws(StoreError) in
      try connection.queryFirst(
        "SELECT id, name, is_admin, created_at FROM users WHERE name = ?", .text(name),
        row: Self.user)
    }
  }

  static func user(_ row: SQLiteRow) -> UserRecord {
    UserRecord(
      id: row.integer(0), name: row.text(1), isAdmin: row.integer(2) != 0,
      createdAt: date(milliseconds: row.integer(3)))
  }
}
