import Foundation

/// Bytes to write to the server, with a form that is safe to log.
struct SMTPCommand: Sendable, Equatable {
  /// What goes on the wire, line end included.
  let bytes: [UInt8]
  /// What a log may show: the command itself, or a placeholder for secrets
  /// and message content.
  let loggedForm: String

  /// A command line; `text` must already be free of CR, LF and NUL, which
  /// every value that reaches here was validated for.
  static func line(_ text: String) -> SMTPCommand {
    precondition(
      !text.unicodeScalars.contains { $0 == "\r" || $0 == "\n" || $0 == "\0" },
      "SMTP command arguments are validated before they reach the dialogue")
    return SMTPCommand(bytes: Array((text + "\r\n").utf8), loggedForm: text)
  }

  /// A line that carries credentials: logged only as `loggedForm`.
  static func secret(_ text: String, loggedAs loggedForm: String) -> SMTPCommand {
    SMTPCommand(bytes: Array((text + "\r\n").utf8), loggedForm: loggedForm)
  }

  /// The dot-stuffed message and its end marker.
  static func payload(_ bytes: [UInt8]) -> SMTPCommand {
    SMTPCommand(bytes: bytes, loggedForm: "<message, \(bytes.count) octets>")
  }
}

/// The user name and password for AUTH, and the encodings that must never
/// be logged.
struct SMTPCredentials: Sendable {
  let username: String
  let password: String

  /// `AUTH PLAIN` initial response (RFC 4616): base64 of `\0user\0password`.
  var plainResponse: String {
    Data(([0] + Array(username.utf8) + [0] + Array(password.utf8))).base64EncodedString()
  }

  /// The user name as `AUTH LOGIN` sends it.
  var loginUsername: String { Data(username.utf8).base64EncodedString() }

  /// The password as `AUTH LOGIN` sends it.
  var loginPassword: String { Data(password.utf8).base64EncodedString() }

  /// Every string that reveals the password, longest first, for redaction.
  var secrets: [String] {
    [plainResponse, loginPassword, password].filter { !$0.isEmpty }
  }

  /// `text` with any secret replaced by `<redacted>`.
  func redacting(_ text: String) -> String {
    var text = text
    for secret in secrets {
      text = text.replacingOccurrences(of: secret, with: "<redacted>")
    }
    return text
  }
}

/// What one message needs from the dialogue: the envelope and the `DATA`
/// payload.
struct SMTPEnvelope: Sendable {
  /// `MAIL FROM` address.
  let sender: MailAddress
  /// `RCPT TO` address.
  let recipient: MailAddress
  /// The dot-stuffed message with its `CRLF.CRLF` end marker.
  let payload: [UInt8]

  /// Whether `MAIL FROM` must carry `SMTPUTF8`.
  var needsSMTPUTF8: Bool { sender.needsSMTPUTF8 || recipient.needsSMTPUTF8 }
}

/// A failed send or session, classified for ``DeliveryResult``.
struct SMTPFailure: Error, Sendable, Equatable {
  /// How the caller should treat the failure.
  enum Kind: Sendable, Equatable {
    case transient
    case permanentRecipient
    case permanentOther
    case ambiguous
  }

  let kind: Kind
  /// One line for operators: step, reply code, enhanced code, server text.
  let detail: String
  /// Whether the connection may carry another message (after `RSET`).
  let isSessionUsable: Bool
  /// Whether the failure happened before anything of this message was sent
  /// on a reused connection, so a fresh connection may try it again.
  var isRetryableOnNewSession: Bool = false

  /// The public form of this failure.
  var deliveryResult: DeliveryResult {
    switch kind {
    case .transient: return .transient(detail: detail)
    case .permanentRecipient: return .permanentRecipient(detail: detail)
    case .permanentOther: return .permanentOther(detail: detail)
    case .ambiguous: return .ambiguous(detail: detail)
    }
  }
}
