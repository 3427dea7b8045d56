import Foundation
import Logging
import Mail
import OutreachAPI
import Policy
import RPC
import Store

/// `outreach.v1.Outreach`: the whole pipeline for one lead.
///
/// Resolve the lead → reserve (check and hold slots in one step) → deliver →
/// settle. A caller that has gone before the reservation gets nothing
/// sent. Counts and the duplicate key become permanent only when the mail
/// server accepted the message; a failed delivery releases them (or, when it
/// may have gone out, keeps them). Once delivery has begun, the caller going
/// away changes nothing: delivery and settlement run shielded from the
/// handler's cancellation, so every reservation is settled exactly once.
struct SendPipeline: OutreachService {
  /// The trailer carrying a blocked send's full decision, an encoded
  /// `ValidateResponse`.
  static let decisionTrailer = "outreach-decision-bin"
  /// What a caller learns when delivery fails; the detail is on the attempt.
  static let deliveryFailedMessage = "delivery failed"

  let store: Store
  let mail: any MailSender
  let senders: SenderAddresses
  let deliveries: DeliveryTracker
  let logger: Logger

  func send(_ request: SendRequest, context: ServerContext) async throws -> SendResponse {
    let user = try Caller.user()
    let subject = try SendIntentFields.subject(request.subject)
    let sender = try senders.resolve(request.senderEmail)
    try RequestFields.multiLine(request.bodyText, field: "body_text", required: true)
    try RequestFields.multiLine(request.bodyHtml, field: "body_html")

    guard let lead = try await store.lead(id: request.leadId, visibleTo: Viewer(user)) else {
      throw RPCError(.notFound, "lead \(request.leadId) not found")
    }
    let recipient = try RequestFields.address(lead.email, field: "lead email")
    // Built before anything is reserved, so a message that cannot be sent
    // consumes nothing.
    let message = try OutgoingMessage(
      from: sender.address, to: recipient.address,
      toName: Self.displayName(lead.name), subject: subject, textBody: request.bodyText,
      htmlBody: request.bodyHtml.isEmpty ? nil : request.bodyHtml)

    // A caller already gone (its deadline passed or it cancelled) gets
    // nothing sent; past this point the send is reserved and runs to the end.
    try Task.checkCancellation()
    let reservation = try await store.reserveSend(
      SendIntent(
        userID: user.id, leadID: lead.id, sender: sender, recipient: recipient, subject: subject))
    guard let attempt = reservation.attempt else {
      let decision = ValidateResponse(reservation.decision)
      var trailers = Metadata()
      trailers.add(Self.decisionTrailer, binary: decision.serializedBytes())
      throw RPCError(.permissionDenied, decision.reason, metadata: trailers)
    }

    let store = self.store
    let mail = self.mail
    let logger = self.logger
    let settled = try await deliveries.shielded {
      try await Self.deliver(
        message, attemptID: attempt.id, recipient: recipient, store: store, mail: mail,
        logger: logger)
    }
    guard let settled else {
      throw RPCError(.internal, Self.deliveryFailedMessage)
    }

    var response = SendResponse()
    response.attempt = Attempt(settled)
    let decision = reservation.decision
    response.dailyUserCount = Int32(clamping: decision.dailyUserCount + 1)
    response.dailyUserLimit = Int32(clamping: decision.dailyUserLimit)
    response.dailyDomainCount = Int32(clamping: decision.dailyDomainCount + 1)
    response.dailyDomainLimit = Int32(clamping: decision.dailyDomainLimit)
    return response
  }

  /// Delivers a reserved message and settles its attempt.
  /// - Returns: the sent attempt, or `nil` when delivery failed (the attempt
  ///   records why).
  private static func deliver(
    _ message: OutgoingMessage, attemptID: Int64, recipient: EmailAddress, store: Store,
    mail: any MailSender, logger: Logger
  ) async throws -> AttemptRecord? {
    do {
      try await store.markDeliveryStarted(attemptID: attemptID)
    } catch {
      // Nothing went out: release the reservation.
      _ = try? await store.failSend(
        attemptID: attemptID, failure: .rejected(detail: "bookkeeping failed before delivery"))
      throw error
    }

    let result = await mail.send(message)
    switch result {
    case .delivered(let messageID):
      return try await store.completeSend(
        attemptID: attemptID, messageID: Self.bareMessageID(messageID))
    case .transient(let detail), .permanentOther(let detail):
      try await store.failSend(attemptID: attemptID, failure: .rejected(detail: detail))
    case .permanentRecipient(let detail):
      try await store.failSend(
        attemptID: attemptID, failure: .rejected(detail: detail),
        suppression: NewSuppression(
          email: recipient, reason: "Hard bounce on delivery", source: .hardBounce))
    case .ambiguous(let detail):
      try await store.failSend(attemptID: attemptID, failure: .ambiguous(detail: detail))
    }
    logger.warning(
      "delivery failed",
      ["outreach.attempt_id": String(attemptID), "mail.result": Self.kind(of: result)])
    return nil
  }

  /// A name fit for the `To` header, or `nil` when there is none.
  private static func displayName(_ name: String) -> String? {
    let trimmed = name.trimmingCharacters(in: .whitespaces)
    guard !trimmed.isEmpty, !trimmed.utf8.contains(where: { $0 < 0x20 || $0 == 0x7F }) else {
      return nil
    }
    return trimmed
  }

  /// A `Message-ID` without its angle brackets.
  private static func bareMessageID(_ id: String) -> String {
    var id = Substring(id)
    if id.hasPrefix("<") { id = id.dropFirst() }
    if id.hasSuffix(">") { id = id.dropLast() }
    return String(id)
  }

  private static func kind(of result: DeliveryResult) -> String {
    switch result {
    case .delivered: "delivered"
    case .transient: "transient"
    case .permanentRecipient: "permanent_recipient"
    case .permanentOther: "permanent_other"
    case .ambiguous: "ambiguous"
    }
  }
}
