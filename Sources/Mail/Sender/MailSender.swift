/// Something that delivers one message and reports how it went.
///
/// The send pipeline talks to mail delivery only through this protocol, so
/// tests can substitute a fake. ``SMTPSender`` is the real implementation.
public protocol MailSender: Sendable {
  /// Delivers `message` and reports the outcome.
  ///
  /// Never throws: every failure is classified into a ``DeliveryResult``
  /// the caller can act on (release or keep an idempotency key, suppress a
  /// recipient, retry later).
  func send(_ message: OutgoingMessage) async -> DeliveryResult
}
