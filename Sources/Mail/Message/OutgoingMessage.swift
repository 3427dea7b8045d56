/// One email to send: envelope addresses, display names, subject and bodies.
///
/// Construction validates everything that ends up in a header or an SMTP
/// command, so a message that exists can be sent without risk of header or
/// command injection: CR, LF and NUL are refused in the subject, the display
/// names and the addresses, and addresses must be well formed.
public struct OutgoingMessage: Sendable, Equatable {
  /// The sender, used in `MAIL FROM` and `From`.
  public let from: MailAddress
  /// The sender's display name, if any.
  public let fromName: String?
  /// The single recipient, used in `RCPT TO` and `To`.
  public let to: MailAddress
  /// The recipient's display name, if any.
  public let toName: String?
  /// The subject line, any Unicode text without line breaks.
  public let subject: String
  /// The plain-text body; line breaks of any kind are sent as CRLF.
  public let textBody: String
  /// An HTML alternative to the text body, if any.
  public let htmlBody: String?

  /// Creates a validated message.
  /// - Throws: ``MessageValidationError`` naming the first offending field.
  public init(
    from: String,
    fromName: String? = nil,
    to: String,
    toName: String? = nil,
    subject: String,
    textBody: String,
    htmlBody: String? = nil
  ) throws(MessageValidationError) {
    try self.init(
      from: try MailAddress(from, field: "from"), fromName: fromName, to: to, toName: toName,
      subject: subject, textBody: textBody, htmlBody: htmlBody)
  }

  /// Creates a validated message from an already validated sender, such as
  /// ``SMTPConfiguration/fromAddress``.
  /// - Throws: ``MessageValidationError`` naming the first offending field.
  public init(
    from: MailAddress,
    fromName: String? = nil,
    to: String,
    toName: String? = nil,
    subject: String,
    textBody: String,
    htmlBody: String? = nil
  ) throws(MessageValidationError) {
    self.from = from
    self.to = try MailAddress(to, field: "to")
    try MessageValidationError.rejectLineBreaks(in: subject, field: "subject")
    if let fromName {
      try MessageValidationError.rejectLineBreaks(in: fromName, field: "from_name")
    }
    if let toName {
      try MessageValidationError.rejectLineBreaks(in: toName, field: "to_name")
    }
    self.fromName = fromName
    self.toName = toName
    self.subject = subject
    self.textBody = textBody
    self.htmlBody = htmlBody
  }

  /// The domain `Message-ID`s are generated on: the sender's domain.
  public var messageIDDomain: String { from.asciiDomain }

  /// Whether sending needs the server's SMTPUTF8 extension.
  public var needsSMTPUTF8: Bool { from.needsSMTPUTF8 || to.needsSMTPUTF8 }
}
