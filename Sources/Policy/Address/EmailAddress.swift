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
    if let parsed = Self.parsePlainASCII(text) {
      self = parsed
      return
    }
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

  private init(localPart: String, domain: DomainName, canonical: String) {
    self.localPart = localPart
    self.domain = domain
    self.canonical = canonical
  }

  /// The common case in one pass over the bytes: a printable ASCII address
  /// that is valid as it stands, with no `xn--` label to re-encode. `nil`
  /// for anything else, which the general parser then accepts or rejects
  /// with its reason; whatever this accepts, the general parser accepts with
  /// the same result.
  private static func parsePlainASCII(_ text: String) -> EmailAddress? {
    var utf8 = text.utf8[...]
    while utf8.first == UInt8(ascii: " ") { utf8 = utf8.dropFirst() }
    while utf8.last == UInt8(ascii: " ") { utf8 = utf8.dropLast() }
    guard let at = utf8.lastIndex(of: UInt8(ascii: "@")) else { return nil }
    let local = utf8[..<at]
    var domain = utf8[utf8.index(after: at)...]
    if domain.last == UInt8(ascii: ".") { domain = domain.dropLast() }
    guard isPlainLocalPart(local), let ascii = plainDomain(domain),
      local.count + 1 + ascii.utf8.count <= 254
    else { return nil }
    let localPart = String(Substring(local))
    // The local part lowercased byte by byte (it is ASCII), an @, and the
    // domain, written straight into the one string they make.
    let domainBytes = ascii.utf8
    let canonical = String(unsafeUninitializedCapacity: local.count + 1 + domainBytes.count) {
      buffer in
      var count = 0
      for byte in local {
        buffer[count] = (UInt8(ascii: "A")...UInt8(ascii: "Z")).contains(byte) ? byte | 0x20 : byte
        count += 1
      }
      buffer[count] = UInt8(ascii: "@")
      count += 1
      for byte in domainBytes {
        buffer[count] = byte
        count += 1
      }
      return count
    }
    return EmailAddress(
      localPart: localPart, domain: DomainName(canonicalASCII: ascii), canonical: canonical)
  }

  /// A dot-atom of ASCII `atext` within 64 octets.
  private static func isPlainLocalPart(_ local: Substring.UTF8View) -> Bool {
    guard !local.isEmpty, local.count <= 64, local.first != UInt8(ascii: "."),
      local.last != UInt8(ascii: ".")
    else { return false }
    var previous: UInt8 = 0
    for byte in local {
      if byte == UInt8(ascii: ".") {
        guard previous != byte else { return false }
      } else if !isASCIIAtomByte(byte) {
        return false
      }
      previous = byte
    }
    return true
  }

  /// RFC 5322 `atext` in ASCII: letters, digits and the atom symbols.
  private static func isASCIIAtomByte(_ byte: UInt8) -> Bool {
    switch byte {
    case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"),
      UInt8(ascii: "0")...UInt8(ascii: "9"):
      return true
    case UInt8(ascii: "!"), UInt8(ascii: "#"), UInt8(ascii: "$"), UInt8(ascii: "%"),
      UInt8(ascii: "&"), UInt8(ascii: "'"), UInt8(ascii: "*"), UInt8(ascii: "+"),
      UInt8(ascii: "-"), UInt8(ascii: "/"), UInt8(ascii: "="), UInt8(ascii: "?"),
      UInt8(ascii: "^"), UInt8(ascii: "_"), UInt8(ascii: "`"), UInt8(ascii: "{"),
      UInt8(ascii: "|"), UInt8(ascii: "}"), UInt8(ascii: "~"):
      return true
    default:
      return false
    }
  }

  /// The canonical form of a host name of ASCII letters, digits and inner
  /// hyphens (lowercased), with at least two labels, none of them `xn--`,
  /// and a top-level label that is not all digits.
  private static func plainDomain(_ domain: Substring.UTF8View) -> String? {
    guard !domain.isEmpty, domain.count <= 253 else { return nil }
    var label = PlainLabelScan()
    var labelCount = 0
    var hasUppercase = false
    for byte in domain {
      switch byte {
      case UInt8(ascii: "."):
        guard label.isWhole else { return nil }
        labelCount += 1
        label = PlainLabelScan()
      case UInt8(ascii: "A")...UInt8(ascii: "Z"):
        hasUppercase = true
        label.add(byte | 0x20)
      case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "0")...UInt8(ascii: "9"),
        UInt8(ascii: "-"):
        label.add(byte)
      default:
        return nil
      }
    }
    guard label.isWhole, labelCount >= 1, !label.isNumeric else { return nil }
    let ascii = String(Substring(domain))
    return hasUppercase ? ascii.lowercased() : ascii
  }

  /// One domain label seen byte by byte (lowercase letters, digits and
  /// hyphens only).
  private struct PlainLabelScan {
    private var length = 0
    private var first: UInt8 = 0
    private var last: UInt8 = 0
    /// How many leading bytes match `xn--`.
    private var aLabelPrefix = 0
    /// Whether every byte so far is a digit.
    private(set) var isNumeric = true

    mutating func add(_ byte: UInt8) {
      if length == 0 { first = byte }
      if length < 4 && aLabelPrefix == length && byte == Self.aLabelMarker[length] {
        aLabelPrefix += 1
      }
      if byte < UInt8(ascii: "0") || byte > UInt8(ascii: "9") { isNumeric = false }
      last = byte
      length += 1
    }

    /// A whole label: 1–63 octets, no hyphen at either end, not an `xn--`
    /// A-label (which needs re-encoding).
    var isWhole: Bool {
      (1...63).contains(length) && first != UInt8(ascii: "-") && last != UInt8(ascii: "-")
        && aLabelPrefix < 4
    }

    private static let aLabelMarker: [UInt8] = Array("xn--".utf8)
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
    let bytes = utf8
    // In ASCII every byte is a character, so the bytes can be trimmed
    // directly; otherwise a space may belong to a grapheme cluster with the
    // scalar next to it, which only the character view gets right.
    var contiguous = self
    if contiguous.withUTF8({ $0.allSatisfy { $0 < 0x80 } }) {
      let space = UInt8(ascii: " ")
      guard let first = bytes.firstIndex(where: { $0 != space }) else { return "" }
      let last = bytes.lastIndex(where: { $0 != space })!
      return self[first...last]
    }
    guard let first = firstIndex(where: { $0 != " " }) else { return "" }
    let last = lastIndex(where: { $0 != " " })!
    return self[first...last]
  }
}
