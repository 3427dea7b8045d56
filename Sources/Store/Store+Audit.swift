import Foundation
import Policy

/// Which audit entries to list.
public struct AuditQuery: Sendable, Hashable {
  /// Only this user's entries; `nil` for every user (admins only).
  public var userID: Int64?
  /// Only checks of this recipient (compared canonically). Not indexed: with
  /// a user filter it walks that user's entries, without one the whole log.
  public var recipient: EmailAddress?
  public var result: PolicyResult?
  /// Entries at or after this time.
  public var since: Date?
  /// Entries before this time.
  public var until: Date?
  /// Only entries with a larger id: how a follower asks for what is new
  /// since the last entry it saw (use it with `newestFirst: false`).
  public var afterID: Int64?
  /// Newest first when true, oldest first otherwise.
  public var newestFirst: Bool

  /// Creates a query; with no arguments it lists everything, newest first.
  public init(
    userID: Int64? = nil, recipient: EmailAddress? = nil, result: PolicyResult? = nil,
    since: Date? = nil, until: Date? = nil, afterID: Int64? = nil, newestFirst: Bool = true
  ) {
    self.userID = userID
    self.recipient = recipient
    self.result = result
    self.since = since
    self.until = until
    self.afterID = afterID
    self.newestFirst = newestFirst
  }
}

extension Store {
  /// Audit entries matching `query`, one page at a time, in insertion order
  /// (or its reverse), which is stable under concurrent inserts.
  /// - Throws: ``StoreError`` with `invalidArgument` for a bad page token.
  public func auditEntries(_ query: AuditQuery, pageToken: String?, pageSize: Int) async throws
    -> Page<AuditEntry>
  {
    let listing = query.newestFirst ? "audit-desc" : "audit-asc"
    let cursor = try PageToken.decode(pageToken, listing: listing)
    let limit = PageToken.pageSize(pageSize)

    var conditions: [String] = []
    var values: [SQLiteValue] = []
    if let userID = query.userID {
      conditions.append("user_id = ?")
      values.append(.integer(userID))
    }
    if let recipient = query.recipient {
      conditions.append("lead_canonical = ?")
      values.append(.text(recipient.canonical))
    }
    if let result = query.result {
      conditions.append("policy_result = ?")
      values.append(.text(result.rawValue))
    }
    // A time bound becomes an id bound from `audit_seconds` (ids are what
    // the table and the user index are ordered by), and stays a filter for
    // the entries of the boundary seconds.
    if let since = query.since {
      let milliseconds = Self.milliseconds(since)
      conditions.append(
        """
        id >= (SELECT first_id FROM audit_seconds WHERE second >= ? ORDER BY second LIMIT 1)
        """)
      values.append(.integer(AuditAppender.second(ofMilliseconds: milliseconds)))
      conditions.append("timestamp >= ?")
      values.append(.integer(milliseconds))
    }
    if let until = query.until {
      let milliseconds = Self.milliseconds(until)
      conditions.append(
        """
        id <= max(
          coalesce((SELECT last_id FROM audit_seconds WHERE second <= ?
                    ORDER BY second DESC LIMIT 1), 0),
          coalesce((SELECT last_id FROM audit_late WHERE second <= ?), 0))
        """)
      let lastSecond = AuditAppender.second(ofMilliseconds: milliseconds - 1)
      values.append(.integer(lastSecond))
      values.append(.integer(lastSecond))
      conditions.append("timestamp < ?")
      values.append(.integer(milliseconds))
    }
    if let afterID = query.afterID {
      conditions.append("id > ?")
      values.append(.integer(afterID))
    }
    if let cursor {
      conditions.append(query.newestFirst ? "id < ?" : "id > ?")
      values.append(.integer(cursor))
    }
    let filter = conditions.isEmpty ? "" : "WHERE " + conditions.joined(separator: " AND ")
    let sql = """
      SELECT id, user_id, lead_email, sender_email, subject, policy_result, reason, legal_basis,
        region, action, attempt_id, timestamp
      FROM audit_log \(filter) ORDER BY id \(query.newestFirst ? "DESC" : "ASC") LIMIT ?
      """
    values.append(.integer(Int64(limit + 1)))
    let boundValues = values
    let rows = try await readers.read { (connection) throws(StoreError) in
      var rows: [AuditEntry] = []
      try connection.statement(sql).run(boundValues) { row in rows.append(Self.auditEntry(row)) }
      return rows
    }
    return Self.page(rows, limit: limit, listing: listing, id: \.id)
  }

  static func auditEntry(_ row: SQLiteRow) -> AuditEntry {
    AuditEntry(
      id: row.integer(0), userID: row.integer(1), leadEmail: row.text(2),
      senderEmail: row.text(3), subject: row.text(4),
      policyResult: PolicyResult(rawValue: row.text(5)) ?? .blocked, reason: row.text(6),
      legalBasis: LegalBasis(rawValue: row.text(7)) ?? .consent,
      region: Region(rawValue: row.text(8)) ?? .unitedStates,
      action: AuditAction(rawValue: row.text(9)) ?? .validate,
      attemptID: row.optionalInteger(10), timestamp: date(milliseconds: row.integer(11)))
  }
}
