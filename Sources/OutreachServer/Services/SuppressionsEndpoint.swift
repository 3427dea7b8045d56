import OutreachAPI
import Policy
import RPC
import Store

/// `outreach.v1.Suppressions`: the addresses that must never be written to.
/// Every caller may add and read entries; only admins lift them.
struct SuppressionsEndpoint: SuppressionsService {
  let store: Store

  func add(_ request: AddSuppressionRequest, context: ServerContext) async throws -> Suppression {
    let user = try Caller.user()
    let email = try RequestFields.address(request.email, field: "email")
    let reason = try RequestFields.singleLine(request.reason, field: "reason")
    let (record, _) = try await store.addSuppression(
      NewSuppression(
        email: email, reason: reason.isEmpty ? "Added manually" : reason,
        source: .manual),
      createdBy: user.id)
    return Suppression(record, visibleTo: Viewer(user))
  }

  func list(_ request: ListSuppressionsRequest, context: ServerContext) async throws
    -> ListSuppressionsResponse
  {
    let viewer = try Caller.viewer()
    let page = try await store.suppressions(
      pageToken: request.pageToken, pageSize: Int(request.pageSize))
    var response = ListSuppressionsResponse()
    response.suppressions = page.items.map { Suppression($0, visibleTo: viewer) }
    response.nextPageToken = page.nextPageToken ?? ""
    return response
  }

  func remove(_ request: RemoveSuppressionRequest, context: ServerContext) async throws
    -> RemoveSuppressionResponse
  {
    guard try Caller.user().isAdmin else {
      throw RPCError(.permissionDenied, "only admins may remove suppressions")
    }
    let email = try RequestFields.address(request.email, field: "email")
    var response = RemoveSuppressionResponse()
    response.removed = try await store.removeSuppression(email: email)
    return response
  }

  func check(_ request: CheckSuppressionRequest, context: ServerContext) async throws
    -> CheckSuppressionResponse
  {
    let viewer = try Caller.viewer()
    let email = try RequestFields.address(request.email, field: "email")
    var response = CheckSuppressionResponse()
    if let record = try await store.suppression(of: email) {
      response.suppressed = true
      response.suppression = Suppression(record, visibleTo: viewer)
    }
    return response
  }
}
