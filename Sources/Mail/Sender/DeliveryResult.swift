/// The outcome of handing one message to the mail server.
///
/// Failures are classified by the SMTP reply code and its enhanced status code
/// (RFC 3463), so the caller can decide what to do without parsing text:
///
/// | Case | Means | Caller should |
/// |---|---|---|
/// | ``delivered(messageID:)`` | the server accepted the message | count the send |
/// | ``transient(detail:)`` | 4xx, timeout before the end of data, TLS or connection failure | release, may retry later |
/// | ``permanentRecipient(detail:)`` | 5.1.x (bad mailbox, bad domain…) or 5.2.1 on RCPT or DATA | release and suppress the recipient as a hard bounce |
/// | ``permanentOther(detail:)`` | any other 5xx: policy or reputation blocks (5.7.x), bad credentials, no enhanced code | release, do not suppress |
/// | ``ambiguous(detail:)`` | the exchange broke after the final `.` was sent | record as unknown, keep the key, do not retry |
///
/// Each failure carries a one-line `detail` for operators: the step that
/// failed, the reply code, the enhanced code and the server's text. It never
/// contains credentials; it is not meant for the remote caller.
public enum DeliveryResult: Sendable, Equatable {
  /// The server accepted the message; `messageID` is the `Message-ID` header
  /// it carries, angle brackets included.
  case delivered(messageID: String)
  /// A temporary failure: nothing was delivered and retrying later may work.
  case transient(detail: String)
  /// The recipient's address is permanently undeliverable (a hard bounce).
  case permanentRecipient(detail: String)
  /// A permanent failure that is not the recipient's fault, such as a policy
  /// block, rejected credentials or a missing server capability.
  case permanentOther(detail: String)
  /// The server may or may not have accepted the message.
  case ambiguous(detail: String)

  /// Whether the server accepted the message.
  public var isDelivered: Bool {
    if case .delivered = self { return true }
    return false
  }

  /// The operator-facing explanation of a failure, or `nil` on delivery.
  public var failureDetail: String? {
    switch self {
    case .delivered: return nil
    case .transient(let detail), .permanentRecipient(let detail), .permanentOther(let detail),
      .ambiguous(let detail):
      return detail
    }
  }
}
