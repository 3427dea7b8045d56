import Foundation

/// A parsed, validated email address.
///
/// The local part is kept exactly as given, because delivery must use it
/// unchanged (RFC 5321 leaves its case to the receiving host). Comparison uses
/// ``canonical``, which lowercases the local part as well: virtually every
/// mailbox provider treats it case-insensitively, and treating `Ann@x.com`
/// and `ann@x.com` as one recipient errs on the side of sending less. The
/// local part is also put in NFC, as the domain is, so that a composed `ü`
/// and a `u` followed by a combining diaeresis name one mailbox. No
/// provider-specific folding (dots or `+tags`) is applied.
///
/// Accepted syntax is a dot-atom local part (RFC 5322 `atext`, plus any
/// non-ASCII letters as RFC 6531 allows) and a host name; quoted local parts,
/// comments and address literals such as `[192.0.2.1]` are rejected.
public struct EmailAddress: Sendable, Hashable, CustomStringConvertible {
  /// The local part exactly as given.
  public let localPart: String
  /// The canonical domain.
  public let domain: DomainName

  /// The address to deliver to: the local part as given, the canonical domain.
  public var address: String { localPart + "@" + domain.ascii }

  /// The key under which the address is compared, suppressed and counted:
  /// the local part in NFC and lowercased, the canonical domain. Its bytes
  /// are what storage compares, so equal keys must be equal byte for byte.
  public let canonical: String

  public var description: String { address }

  /// Characters RFC 5322 allows in an atom besides letters and digits.
  private static let atomSymbols = Set("!#$%&'*+-/=?^_`{|}~".unicodeScalars)

  /// Parses an address, trimming surrounding spaces.
  /// - Throws: ``AddressError`` saying what is wrong.
  public init(parsing text: String) throws(AddressError) {
    try Self.rejectControlCharacters(in: text)
    let trimmed = text.trimmingSpaces()
    guard !trimmed.isEmpty else { throw AddressError(.empty, "The email address is empty.") }
    guard let at = trimmed.lastIndex(of: "@") else {
      throw AddressError(.missingAtSign, "The email address has no @ sign.")
    }
    let local = String(trimmed[..<at])
    let domainText = String(trimmed[trimmed.index(after: at)...])

    try Self.validateLocalPart(local)
    let domain = try DomainName(parsing: domainText)
    guard local.utf8.count + 1 + domain.ascii.utf8.count <= 254 else {
      throw AddressError(.addressTooLong, "The email address is longer than 254 octets.")
    }
    self.localPart = local
    self.domain = domain
    let canonicalLocal = local.precomposedStringWithCanonicalMapping.lowercased()
      .precomposedStringWithCanonicalMapping
    self.canonical = canonicalLocal + "@" + domain.ascii
  }

  /// Rejects C0 and C1 control characters and DEL anywhere in `text`.
  ///
  /// Scalars are inspected rather than characters because Swift merges
  /// `"\r\n"` into one `Character`.
  static func rejectControlCharacters(in text: String) throws(AddressError) {
    let hasControl = text.unicodeScalars.contains {
      $0.value < 0x20 || (0x7F...0x9F).contains($0.value)
    }
    if hasControl {
      throw AddressError(
        .controlCharacter, "The email address contains a control character such as CR, LF or NUL.")
    }
  }

  /// Checks the dot-atom syntax and the 64-octet limit.
  private static func validateLocalPart(_ local: String) throws(AddressError) {
    guard !local.isEmpty else {
      throw AddressError(.malformedLocalPart, "The email address has nothing before the @ sign.")
    }
    guard local.utf8.count <= 64 else {
      throw AddressError(.localPartTooLong, "The part before the @ sign is longer than 64 octets.")
    }
    let atoms = local.split(separator: ".", omittingEmptySubsequences: false)
    let isDotAtom = atoms.allSatisfy { atom in
      !atom.isEmpty
        && atom.unicodeScalars.allSatisfy { scalar in
          if scalar.isASCII {
            return scalar.properties.isAlphabetic || ("0"..."9").contains(scalar)
              || atomSymbols.contains(scalar)
          }
          return !scalar.properties.isWhitespace
            && scalar.properties.generalCategory != .format
        }
    }
    guard isDotAtom else {
      throw AddressError(
        .malformedLocalPart,
        "The part before the @ sign may hold letters, digits and !#$%&'*+-/=?^_`{|}~, "
          + "with single dots between them.")
    }
  }
}

extension String {
  /// The string without leading and trailing spaces.
  func trimmingSpaces() -> Substring {
    guard let first = firstIndex(where: { $0 != " " }) else { return "" }
    let last = lastIndex(where: { $0 != " " })!
    return self[first...last]
  }
}
