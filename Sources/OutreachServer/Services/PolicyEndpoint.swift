import OutreachAPI
import Policy
import RPC
import Store

/// `outreach.v1.Policy`: the checks of a send, run alone and audited.
struct PolicyEndpoint: PolicyService {
  let store: Store
  /// The sender used when a request names none (`SMTP_FROM_EMAIL`).
  let defaultSender: EmailAddress?

  func validate(_ request: ValidateRequest, context: ServerContext) async throws
    -> ValidateResponse
  {
    let user = try Caller.user()
    let intent = try SendIntentFields.intent(
      userID: user.id, recipient: request.recipientEmail, sender: request.senderEmail,
      subject: request.subject, defaultSender: defaultSender)
    return ValidateResponse(try await store.validate(intent))
  }
}

/// The fields a validation and a send share, checked the same way.
enum SendIntentFields {
  /// The sender: the request's, or the configured default when it names none.
  static func sender(_ text: String, defaultSender: EmailAddress?) throws(RPCError)
    -> EmailAddress
  {
    if text.isEmpty {
      guard let defaultSender else {
        throw RPCError(
          .invalidArgument, "sender_email is required: the server has no default sender")
      }
      return defaultSender
    }
    return try RequestFields.address(text, field: "sender_email")
  }

  /// Checks a subject line: required, one line, at most 998 bytes.
  static func subject(_ text: String) throws(RPCError) -> String {
    try RequestFields.singleLine(
      text, field: "subject", maxBytes: RequestFields.maxSubjectBytes, required: true)
  }

  /// An intent from raw request fields.
  static func intent(
    userID: Int64, leadID: Int64? = nil, recipient: String, sender: String, subject: String,
    defaultSender: EmailAddress?
  ) throws(RPCError) -> SendIntent {
    let recipient = try RequestFields.address(recipient, field: "recipient_email")
    let sender = try Self.sender(sender, defaultSender: defaultSender)
    return SendIntent(
      userID: userID, leadID: leadID, sender: sender, recipient: recipient,
      subject: try Self.subject(subject))
  }
}
