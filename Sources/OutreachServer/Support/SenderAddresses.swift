import Policy
import RPC
import Synchronization

/// Resolves the `sender_email` of a request: the configured default when it
/// is empty, else the parsed address.
///
/// Callers send from a handful of addresses, so parsed ones are remembered
/// (at most ``capacity``; the memory starts over when full), which saves an
/// address parse on every Validate and Send.
final class SenderAddresses: Sendable {
  /// The most addresses remembered at once.
  static let capacity = 256

  /// The sender used when a request names none (`SMTP_FROM_EMAIL`).
  let defaultSender: EmailAddress?
  /// Keyed by the exact text: a canonically equivalent spelling is parsed
  /// on its own, so the address keeps the spelling it was given.
  private let parsed = Mutex<[ExactText: EmailAddress]>([:])

  init(defaultSender: EmailAddress?) {
    self.defaultSender = defaultSender
  }

  /// The sender a request's `sender_email` names.
  /// - Throws: `INVALID_ARGUMENT` for a malformed address, or for an empty
  ///   one when no default is configured.
  func resolve(_ text: String) throws(RPCError) -> EmailAddress {
    if text.isEmpty {
      guard let defaultSender else {
        throw RPCError(
          .invalidArgument, "sender_email is required: the server has no default sender")
      }
      return defaultSender
    }
    let key = ExactText(text)
    if let known = parsed.withLock({ $0[key] }) { return known }
    let address = try RequestFields.address(text, field: "sender_email")
    parsed.withLock { parsed in
      if parsed.count >= Self.capacity { parsed.removeAll(keepingCapacity: true) }
      parsed[key] = address
    }
    return address
  }
}
