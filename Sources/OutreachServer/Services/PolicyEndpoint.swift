import OutreachAPI
import Policy
import RPC
import Store

/// `outreach.v1.Policy`: the checks of a send, run alone and audited.
struct PolicyEndpoint: PolicyService {
  let store: Store
  let senders: SenderAddresses

  func validate(_ request: ValidateRequest, context: ServerContext) async throws
    -> ValidateResponse
  {
    let user = try Caller.user()
    let intent = try SendIntentFields.intent(
      userID: user.id, recipient: request.recipientEmail, sender: request.senderEmail,
      subject: request.subject, senders: senders)
    return ValidateResponse(try await store.validate(intent))
  }
}

/// The fields a validation and a send share, checked the same way.
enum SendIntentFields {
  /// Checks a subject line by the policy's rules (required, one line, at
  /// most 998 octets) and returns it trimmed.
  static func subject(_ text: String) throws(RPCError) -> String {
    do {
      return try SubjectLine.validate(text)
    } catch {
      throw RPCError(.invalidArgument, "subject: \(error.message)")
    }
  }

  /// An intent from raw request fields.
  static func intent(
    userID: Int64, leadID: Int64? = nil, recipient: String, sender: String, subject: String,
    senders: SenderAddresses
  ) throws(RPCError) -> SendIntent {
    let recipient = try RequestFields.address(recipient, field: "recipient_email")
    let sender = try senders.resolve(sender)
    return SendIntent(
      userID: userID, leadID: leadID, sender: sender, recipient: recipient,
      subject: try Self.subject(subject))
  }
}
