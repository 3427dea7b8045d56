import Policy

/// A validated mailbox address, `local-part@domain`, in the form SMTP sends.
///
/// The syntax is ``EmailAddress``'s: a dot-atom local part of ASCII `atext`
/// or non-ASCII characters (RFC 5322 §3.2.3, RFC 6531), and a host name whose
/// labels become A-labels (RFC 5890); quoted local parts and domain literals
/// are refused.
public struct MailAddress: Sendable, Hashable, CustomStringConvertible {
  /// The part before `@`, as given.
  public let localPart: String
  /// The domain in A-label (ASCII) form, lowercased, such as `xn--bcher-kva.example`.
  public let asciiDomain: String

  /// Parses and validates `text`.
  /// - Parameter field: the name used in the error, such as `to`.
  /// - Throws: ``MessageValidationError`` when `text` holds CR, LF or NUL or is
  ///   not an acceptable address.
  public init(_ text: String, field: String = "address") throws(MessageValidationError) {
    // Checked first so that a header or command injection is reported as
    // such, not as a malformed address.
    try MessageValidationError.rejectLineBreaks(in: text, field: field)

    let address: EmailAddress
    do {
      address = try EmailAddress(parsing: text)
    } catch {
      throw MessageValidationError(code: .malformedAddress, field: field, message: error.message)
    }
    self.localPart = address.localPart
    self.asciiDomain = address.domain.ascii
  }

  /// Whether the local part needs SMTPUTF8 (RFC 6531) to be sent.
  public var needsSMTPUTF8: Bool { !localPart.unicodeScalars.allSatisfy(\.isASCII) }

  /// The address as it goes into `MAIL FROM`, `RCPT TO` and headers.
  public var wireForm: String { "\(localPart)@\(asciiDomain)" }

  public var description: String { wireForm }
}
