import OutreachAPI
import Policy
import RPC
import Store

/// `outreach.v1.Events`: bounces and replies that suppress addresses.
struct EventsEndpoint: EventsService {
  let store: Store

  func reportBounce(_ request: ReportBounceRequest, context: ServerContext) async throws
    -> ReportBounceResponse
  {
    let user = try Caller.user()
    let email = try RequestFields.address(request.email, field: "email")
    let diagnostic = try RequestFields.singleLine(request.diagnostic, field: "diagnostic")
    var response = ReportBounceResponse()
    switch request.kind {
    case .hard:
      let reason = diagnostic.isEmpty ? "Hard bounce" : "Hard bounce: \(diagnostic)"
      let (record, _) = try await store.addSuppression(
        NewSuppression(email: email, reason: reason, source: .hardBounce), createdBy: user.id)
      response.suppressed = true
      response.suppression = Suppression(record, visibleTo: Viewer(user))
    case .soft:
      // A temporary failure says nothing lasting about the address.
      break
    case .unspecified, .unrecognized:
      throw RPCError(.invalidArgument, "kind must be BOUNCE_KIND_HARD or BOUNCE_KIND_SOFT")
    }
    return response
  }

  func reportReply(_ request: ReportReplyRequest, context: ServerContext) async throws
    -> ReportReplyResponse
  {
    let user = try Caller.user()
    let email = try RequestFields.address(request.email, field: "email")
    let text = try RequestFields.multiLine(request.text, field: "text")
    let reading = ReplyClassifier.classify(text)
    var response = ReportReplyResponse()
    response.classification = OutreachAPI.ReplyClassification(reading)
    if let source = reading.suppressionSource {
      let reason =
        reading == .removalRequest
        ? "Replied asking to be removed" : "Replied not interested"
      let (record, _) = try await store.addSuppression(
        NewSuppression(email: email, reason: reason, source: source), createdBy: user.id)
      response.suppressed = true
      response.suppression = Suppression(record, visibleTo: Viewer(user))
    }
    return response
  }
}
