import Foundation

/// A validated mailbox address, `local-part@domain`.
///
/// The local part is a dot-atom (RFC 5322 §3.2.3) of ASCII `atext` or any
/// non-ASCII characters (RFC 6531); quoted local parts and domain literals are
/// refused. The domain is kept both as given and as A-labels (RFC 5890), which
/// is what goes on the wire.
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
    try MessageValidationError.rejectLineBreaks(in: text, field: field)

    func malformed(_ why: String) -> MessageValidationError {
      MessageValidationError(code: .malformedAddress, field: field, message: why)
    }

    guard let at = text.lastIndex(of: "@") else { throw malformed("has no @") }
    let local = String(text[..<at])
    let domain = String(text[text.index(after: at)...])

    guard !local.isEmpty, local.utf8.count <= 64 else {
      throw malformed("local part must be 1 to 64 octets")
    }
    guard !local.hasPrefix("."), !local.hasSuffix("."), !local.contains("..") else {
      throw malformed("local part has a misplaced dot")
    }
    guard local.unicodeScalars.allSatisfy(MailAddress.isLocalPartScalar) else {
      throw malformed("local part holds a character outside the dot-atom syntax")
    }

    guard let ascii = Punycode.asciiDomain(domain) else {
      throw malformed("domain is not a valid host name")
    }
    self.localPart = local
    self.asciiDomain = ascii
  }

  /// Whether the local part needs SMTPUTF8 (RFC 6531) to be sent.
  public var needsSMTPUTF8: Bool { !localPart.unicodeScalars.allSatisfy(\.isASCII) }

  /// The address as it goes into `MAIL FROM`, `RCPT TO` and headers.
  public var wireForm: String { "\(localPart)@\(asciiDomain)" }

  public var description: String { wireForm }

  /// `atext` from RFC 5322 plus `.`, or any non-ASCII scalar that is not a
  /// control or space character.
  private static func isLocalPartScalar(_ scalar: Unicode.Scalar) -> Bool {
    if !scalar.isASCII {
      let properties = scalar.properties
      return !properties.isWhitespace && properties.generalCategory != .control
        && properties.generalCategory != .format
    }
    switch scalar {
    case "a"..."z", "A"..."Z", "0"..."9": return true
    default: return "!#$%&'*+-/=?^_`{|}~.".unicodeScalars.contains(scalar)
    }
  }
}
