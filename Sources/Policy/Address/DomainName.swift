import Foundation

/// A domain name in its one canonical form: lowercase ASCII, no trailing dot,
/// internationalised labels as Punycode A-labels (`xn--…`).
///
/// `Bücher.DE.`, `bücher.de` and `xn--bcher-kva.de` all become
/// `xn--bcher-kva.de`, so they share one suppression entry, one domain count
/// and one idempotency key. Unicode labels are put in NFC and lowercased
/// before encoding; the full UTS #46 mapping table is not applied.
public struct DomainName: Sendable, Hashable, CustomStringConvertible {
  /// The canonical ASCII form, such as `xn--bcher-kva.de`.
  public let ascii: String

  /// The labels of ``ascii``, leftmost first.
  public var labels: [Substring] { ascii.split(separator: ".") }

  public var description: String { ascii }

  /// Dots other than U+002E that browsers and IDNA treat as label separators.
  private static let alternativeDots: Set<Unicode.Scalar> = ["\u{3002}", "\u{FF0E}", "\u{FF61}"]

  /// Parses and canonicalises the domain of an email address: a host name
  /// with at least two labels and a top-level label that is not numeric.
  /// - Throws: ``AddressError`` when the domain is malformed or too long.
  public init(parsing text: String) throws(AddressError) {
    let ascii = try Self.canonicalHostName(text)
    let labels = ascii.split(separator: ".")
    guard labels.count >= 2 else {
      throw AddressError(
        .malformedDomain, "The domain needs at least two labels, as in example.com.")
    }
    guard labels.last!.contains(where: { !$0.isNumber }) else {
      throw AddressError(.malformedDomain, "The top-level domain cannot be numeric.")
    }
    self.ascii = ascii
  }

  /// The canonical ASCII form of any host name, a single label such as
  /// `localhost` included: what an SMTP client announces in `EHLO`.
  /// - Throws: ``AddressError`` when the name is malformed or too long.
  public static func canonicalHostName(_ text: String) throws(AddressError) -> String {
    try EmailAddress.rejectControlCharacters(in: text)
    var scalars = String.UnicodeScalarView()
    for scalar in text.unicodeScalars {
      scalars.append(alternativeDots.contains(scalar) ? "." : scalar)
    }
    var name = String(scalars)
    if name.hasSuffix(".") { name.removeLast() }
    guard !name.isEmpty else { throw AddressError(.malformedDomain, "The domain is empty.") }

    let labels = try name.split(separator: ".", omittingEmptySubsequences: false).map {
      (label) throws(AddressError) in try canonicalLabel(label)
    }
    let ascii = labels.joined(separator: ".")
    guard ascii.utf8.count <= 253 else {
      throw AddressError(.domainTooLong, "The domain is longer than 253 octets.")
    }
    return ascii
  }

  /// A domain already in canonical form, checked by the caller.
  init(canonicalASCII ascii: String) {
    self.ascii = ascii
  }

  /// Turns one label into its lowercase ASCII form, encoding Unicode labels
  /// and re-encoding `xn--` labels so that every spelling yields one result.
  private static func canonicalLabel(_ label: Substring) throws(AddressError) -> String {
    guard !label.isEmpty else {
      throw AddressError(.malformedDomain, "The domain has an empty label.")
    }
    let isASCII = label.unicodeScalars.allSatisfy(\.isASCII)
    var result: String
    if isASCII {
      let lowered = label.lowercased()
      if lowered.hasPrefix("xn--") {
        guard let decoded = Punycode.decode(String(lowered.dropFirst(4))),
          decoded.contains(where: { !$0.isASCII })
        else {
          throw AddressError(.malformedDomain, "The domain has an invalid xn-- label.")
        }
        result = try encodeUnicodeLabel(String(String.UnicodeScalarView(decoded)))
      } else {
        result = lowered
      }
    } else {
      result = try encodeUnicodeLabel(String(label))
    }

    guard result.utf8.count <= 63 else {
      throw AddressError(.labelTooLong, "A domain label is longer than 63 octets.")
    }
    let isLetterDigitHyphen = result.utf8.allSatisfy {
      ($0 >= 0x61 && $0 <= 0x7A) || ($0 >= 0x30 && $0 <= 0x39) || $0 == 0x2D
    }
    guard isLetterDigitHyphen, !result.hasPrefix("-"), !result.hasSuffix("-") else {
      throw AddressError(
        .malformedDomain, "A domain label may hold only letters, digits and inner hyphens.")
    }
    return result
  }

  /// NFC, lowercase, then Punycode with the `xn--` prefix.
  private static func encodeUnicodeLabel(_ label: String) throws(AddressError) -> String {
    let normalized = label.precomposedStringWithCanonicalMapping.lowercased()
      .precomposedStringWithCanonicalMapping
    let isAcceptable = normalized.unicodeScalars.allSatisfy { scalar in
      if scalar.isASCII {
        return scalar.properties.isAlphabetic || ("0"..."9").contains(scalar) || scalar == "-"
      }
      let category = scalar.properties.generalCategory
      return scalar.properties.isAlphabetic || category == .decimalNumber
        || category == .nonspacingMark || category == .spacingMark
    }
    guard isAcceptable, let encoded = Punycode.encode(Array(normalized.unicodeScalars)) else {
      throw AddressError(.malformedDomain, "The domain has a label that is not a valid name.")
    }
    return normalized.unicodeScalars.allSatisfy(\.isASCII) ? normalized : "xn--" + encoded
  }
}
