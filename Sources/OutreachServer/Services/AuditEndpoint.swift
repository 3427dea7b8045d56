import Foundation
import OutreachAPI
import Policy
import RPC
import Store

/// `outreach.v1.Audit`: the log of policy decisions, streamed. Callers who
/// are not admins only ever see their own entries.
struct AuditEndpoint: AuditService {
  /// Entries read from the store per query.
  static let pageSize = 500
  /// How often a following stream looks for new entries.
  static let followInterval: Duration = .milliseconds(200)

  let store: Store

  func list(
    _ request: ListAuditRequest, responses: MessageWriter<OutreachAPI.AuditEntry>,
    context: ServerContext
  ) async throws {
    var query = try Self.query(for: request, viewer: try Caller.viewer())
    if request.follow && query.newestFirst {
      throw RPCError(.invalidArgument, "follow needs AUDIT_ORDER_OLDEST_FIRST")
    }
    var remaining = request.limit > 0 ? Int(request.limit) : Int.max
    var pageToken: String?
    var lastID: Int64?

    // The entries that match now, page by page.
    repeat {
      let page = try await store.auditEntries(
        query, pageToken: pageToken, pageSize: min(remaining, Self.pageSize))
      for entry in page.items {
        try await responses.write(OutreachAPI.AuditEntry(entry))
        lastID = entry.id
      }
      remaining -= page.items.count
      pageToken = page.nextPageToken
    } while pageToken != nil && remaining > 0

    // Then, when following, what is written from now on, until the caller
    // goes away (which cancels this task), the limit is reached, or the
    // server begins shutting down: the caller then follows again, after the
    // last entry it got, from another server or once this one is back.
    guard request.follow else { return }
    if lastID == nil {
      lastID = try await Self.newestID(store: store, query: query)
    }
    // A full page means more may be waiting: the next poll follows at once,
    // so a follower keeps up with any rate its connection can carry.
    var isCaughtUp = true
    while remaining > 0 {
      if isCaughtUp { try await Task.sleep(for: Self.followInterval) }
      if context.isServerDraining {
        throw RPCError(.unavailable, "the server is shutting down; follow again to resume")
      }
      query.afterID = lastID
      let wanted = min(remaining, Self.pageSize)
      let page = try await store.auditEntries(query, pageToken: nil, pageSize: wanted)
      for entry in page.items {
        try await responses.write(OutreachAPI.AuditEntry(entry))
        lastID = entry.id
      }
      remaining -= page.items.count
      isCaughtUp = page.items.count < wanted
    }
  }

  /// The id of the newest entry the query matches, so a follow that found
  /// nothing yet starts after it; `nil` when there is none.
  private static func newestID(store: Store, query: AuditQuery) async throws -> Int64? {
    var newest = query
    newest.newestFirst = true
    return try await store.auditEntries(newest, pageToken: nil, pageSize: 1).items.first?.id
  }

  /// The store query a request asks for, within what `viewer` may see.
  static func query(for request: ListAuditRequest, viewer: Viewer) throws(RPCError)
    -> AuditQuery
  {
    let order = try RequestFields.known(request.order, field: "order")
    var query = AuditQuery(newestFirst: order != .oldestFirst)
    if viewer.isAdmin {
      query.userID = request.userId == 0 ? nil : request.userId
    } else {
      guard request.userId == 0 || request.userId == viewer.userID else {
        throw RPCError(.permissionDenied, "only admins may list other users' entries")
      }
      query.userID = viewer.userID
    }
    if !request.recipientEmail.isEmpty {
      query.recipient = try RequestFields.address(request.recipientEmail, field: "recipient_email")
    }
    switch request.policyResult {
    case "": break
    case "approved": query.result = .approved
    case "blocked": query.result = .blocked
    default:
      throw RPCError(.invalidArgument, "policy_result must be \"approved\" or \"blocked\"")
    }
    query.since = try time(request.since, field: "since")
    query.until = try time(request.until, field: "until")
    guard request.limit >= 0 else {
      throw RPCError(.invalidArgument, "limit must not be negative")
    }
    return query
  }

  private static func time(_ text: String, field: String) throws(RPCError) -> Date? {
    guard !text.isEmpty else { return nil }
    guard let date = Timestamp.parse(text) else {
      throw RPCError(
        .invalidArgument, "\(field) must be an RFC 3339 time such as 2026-12-04T15:04:05.123Z")
    }
    return date
  }
}
