import Foundation
import Policy

extension Store {
  /// Suppresses an address. Adding one already suppressed keeps the first
  /// entry, with its reason and source.
  /// - Returns: the entry, and whether this call created it.
  public func addSuppression(_ suppression: NewSuppression, createdBy userID: Int64?) async throws
    -> (SuppressionRecord, isNew: Bool)
  {
    let now = nowMilliseconds()
    return try await writer.write { (connection) throws(StoreError) in
      try Self.insertSuppression(suppression, createdBy: userID, at: now, on: connection)
    }
  }

  /// Lifts a suppression.
  /// - Returns: whether the address was suppressed.
  public func removeSuppression(email: EmailAddress) async throws -> Bool {
    try await writer.write { (connection) throws(StoreError) in
      try connection.execute(
        "DELETE FROM suppressions WHERE canonical_email = ?", .text(email.canonical)) > 0
    }
  }

  /// The suppression of an address, if any.
  public func suppression(of email: EmailAddress) async throws -> SuppressionRecord? {
    try await readers.read { (connection) throws(StoreError) in
      try connection.queryFirst(
        "SELECT \(Self.suppressionColumns) FROM suppressions WHERE canonical_email = ?",
        .text(email.canonical), row: Self.suppression)
    }
  }

  /// Suppressions in the order they were added, one page at a time.
  /// - Throws: ``StoreError`` with `invalidArgument` for a bad page token.
  public func suppressions(pageToken: String?, pageSize: Int) async throws
    -> Page<SuppressionRecord>
  {
    let afterID = try PageToken.decode(pageToken, listing: "suppressions") ?? 0
    let limit = PageToken.pageSize(pageSize)
    let rows = try await readers.read { (connection) throws(StoreError) in
      try connection.query(
        "SELECT \(Self.suppressionColumns) FROM suppressions WHERE id > ? ORDER BY id LIMIT ?",
        .integer(afterID), .integer(Int64(limit + 1)), row: Self.suppression)
    }
    return Self.page(rows, limit: limit, listing: "suppressions", id: \.id)
  }

  /// Inserts a suppression unless one exists, and marks matching leads.
  static func insertSuppression(
    _ suppression: NewSuppression, createdBy userID: Int64?, at now: Int64,
    on connection: SQLiteConnection
  ) throws(StoreError) -> (SuppressionRecord, isNew: Bool) {
    let canonical = suppression.email.canonical
    let inserted = try connection.execute(
      """
      INSERT INTO suppressions (canonical_email, email, reason, source, created_by, created_at)
      VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (canonical_email) DO NOTHING
      """,
      .text(canonical), .text(suppression.email.address), .text(suppression.reason),
      .text(suppression.source.rawValue), userID.map { .integer($0) } ?? .null, .integer(now))
    if inserted > 0 {
      let status = LeadStatus(suppressedBy: suppression.source)
      try connection.execute(
        "UPDATE leads SET status = ?, updated_at = ? WHERE canonical_email = ?",
        .text(status.rawValue), .integer(now), .text(canonical))
    }
    let record = try connection.queryFirst(
      "SELECT \(suppressionColumns) FROM suppressions WHERE canonical_email = ?",
      .text(canonical), row: Self.suppression)
    return (record!, inserted > 0)
  }

  static let suppressionColumns =
    "id, email, canonical_email, reason, source, created_by, created_at"

  static func suppression(_ row: SQLiteRow) -> SuppressionRecord {
    SuppressionRecord(
      id: row.integer(0), email: row.text(1), canonicalEmail: row.text(2), reason: row.text(3),
      source: SuppressionSource(rawValue: row.text(4)) ?? .manual,
      createdBy: row.optionalInteger(5), createdAt: date(milliseconds: row.integer(6)))
  }

  /// Cuts `rows` (fetched with one extra) to a page and its continuation token.
  static func page<Item>(
    _ rows: [Item], limit: Int, listing: String, id: (Item) -> Int64
  ) -> Page<Item> {
    guard rows.count > limit else { return Page(items: rows, nextPageToken: nil) }
    let items = Array(rows.prefix(limit))
    return Page(
      items: items, nextPageToken: PageToken.encode(listing: listing, afterID: id(items.last!)))
  }
}
