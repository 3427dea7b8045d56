import Foundation
import Policy

extension Store {
  /// Creates a lead, or merges into the owner's lead with the same canonical
  /// address: a non-empty name replaces the stored one.
  /// - Returns: the lead and whether it was newly created.
  public func createLead(_ lead: NewLead, ownerID: Int64) async throws -> (
    LeadRecord, isNew: Bool
  ) {
    let now = nowMilliseconds()
    return try await writer.write { (connection) throws(StoreError) in
      try Self.upsertLead(lead, ownerID: ownerID, at: now, on: connection)
    }
  }

  /// Creates or merges many leads in one commit. Call it with batches of a
  /// few hundred rows to keep each commit short.
  /// - Returns: one result per input, in order.
  public func importLeads(_ leads: [NewLead], ownerID: Int64) async throws -> [(
    LeadRecord, isNew: Bool
  )] {
    let now = nowMilliseconds()
    let results = try await writer.write { (connection) throws(StoreError) in
      var results: [ImportedLead] = []
      results.reserveCapacity(leads.count)
      for lead in leads {
        let (record, isNew) = try Self.upsertLead(lead, ownerID: ownerID, at: now, on: connection)
        results.append(ImportedLead(record: record, isNew: isNew))
      }
      return results
    }
    return results.map { ($0.record, $0.isNew) }
  }

  /// A lead, if the viewer owns it or is an admin.
  public func lead(id: Int64, visibleTo viewer: Viewer) async throws -> LeadRecord? {
    let lead = try await readers.read { (connection) throws(StoreError) in
      try connection.queryFirst(
        "SELECT \(Self.leadColumns) FROM leads WHERE id = ?", .integer(id), row: Self.lead)
    }
    guard let lead, viewer.isAdmin || lead.ownerID == viewer.userID else { return nil }
    return lead
  }

  /// The viewer's leads (every lead for an admin) by id, one page at a time,
  /// optionally only those with `status`.
  /// - Throws: ``StoreError`` with `invalidArgument` for a bad page token.
  public func leads(
    visibleTo viewer: Viewer, status: LeadStatus? = nil, pageToken: String?, pageSize: Int
  ) async throws -> Page<LeadRecord> {
    let afterID = try PageToken.decode(pageToken, listing: "leads") ?? 0
    let limit = PageToken.pageSize(pageSize)
    var conditions = ["id > ?"]
    var values: [SQLiteValue] = [.integer(afterID)]
    if !viewer.isAdmin {
      conditions.append("owner_id = ?")
      values.append(.integer(viewer.userID))
    }
    if let status {
      conditions.append("status = ?")
      values.append(.text(status.rawValue))
    }
    values.append(.integer(Int64(limit + 1)))
    let sql = """
      SELECT \(Self.leadColumns) FROM leads WHERE \(conditions.joined(separator: " AND "))
      ORDER BY id LIMIT ?
      """
    let boundValues = values
    let rows = try await readers.read { (connection) throws(StoreError) in
      var rows: [LeadRecord] = []
      try connection.statement(sql).run(boundValues) { rows.append(Self.lead($0)) }
      return rows
    }
    return Self.page(rows, limit: limit, listing: "leads", id: \.id)
  }

  /// One imported row, carried out of the writer.
  private struct ImportedLead: Sendable {
    let record: LeadRecord
    let isNew: Bool
  }

  private static func upsertLead(
    _ lead: NewLead, ownerID: Int64, at now: Int64, on connection: SQLiteConnection
  ) throws(StoreError) -> (LeadRecord, isNew: Bool) {
    let canonical = lead.email.canonical
    let existing = try connection.queryFirst(
      "SELECT id FROM leads WHERE owner_id = ? AND canonical_email = ?", .integer(ownerID),
      .text(canonical)
    ) { $0.integer(0) }
    let id: Int64
    if let existing {
      id = existing
      if !lead.name.isEmpty {
        try connection.execute(
          "UPDATE leads SET name = ?, updated_at = ? WHERE id = ? AND name != ?",
          .text(lead.name), .integer(now), .integer(id), .text(lead.name))
      }
    } else {
      // A lead already suppressed starts with the status its suppression implies.
      let source = try connection.queryFirst(
        "SELECT source FROM suppressions WHERE canonical_email = ?", .text(canonical)
      ) { SuppressionSource(rawValue: $0.text(0)) }
      let status = (source ?? nil).map(LeadStatus.init(suppressedBy:)) ?? .new
      try connection.execute(
        """
        INSERT INTO leads (owner_id, email, canonical_email, name, domain, status, created_at,
          updated_at)
        VALUES (?, ?, ?, ?, ?, ?, ?, ?)
        """,
        .integer(ownerID), .text(lead.email.address), .text(canonical), .text(lead.name),
        .text(lead.email.domain.ascii), .text(status.rawValue), .integer(now), .integer(now))
      id = connection.lastInsertRowID
    }
    let record = try connection.queryFirst(
      "SELECT \(leadColumns) FROM leads WHERE id = ?", .integer(id), row: Self.lead)
    return (record!, existing == nil)
  }

  static let leadColumns =
    "id, owner_id, email, canonical_email, name, domain, status, created_at, updated_at"

  static func lead(_ row: SQLiteRow) -> LeadRecord {
    LeadRecord(
      id: row.integer(0), ownerID: row.integer(1), email: row.text(2),
      canonicalEmail: row.text(3), name: row.text(4), domain: row.text(5),
      status: LeadStatus(rawValue: row.text(6)) ?? .new,
      createdAt: date(milliseconds: row.integer(7)), updatedAt: date(milliseconds: row.integer(8)))
  }
}
