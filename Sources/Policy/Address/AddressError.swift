/// Why an email address was rejected.
///
/// Each error carries a stable ``Code`` and a message a caller can read; the
/// services report every one of them as an invalid argument.
public struct AddressError: Error, Sendable, Hashable, CustomStringConvertible {
  /// The kind of rejection. New codes may be added without breaking a `switch`
  /// because the cases live in a private enum.
  public struct Code: Sendable, Hashable, CustomStringConvertible {
    private enum Value: String, Sendable, Hashable {
      case empty
      case missingAtSign
      case controlCharacter
      case malformedLocalPart
      case malformedDomain
      case localPartTooLong
      case domainTooLong
      case labelTooLong
      case addressTooLong
    }

    private let value: Value

    private init(_ value: Value) { self.value = value }

    /// Nothing but whitespace, or nothing at all.
    public static let empty = Code(.empty)
    /// No `@` separates a local part from a domain.
    public static let missingAtSign = Code(.missingAtSign)
    /// A control character (CR, LF, NUL, tab, DEL, C1 controls) appears anywhere.
    public static let controlCharacter = Code(.controlCharacter)
    /// The part before `@` is not a dot-atom.
    public static let malformedLocalPart = Code(.malformedLocalPart)
    /// The part after `@` is not a host name with at least two labels.
    public static let malformedDomain = Code(.malformedDomain)
    /// The local part is longer than 64 octets.
    public static let localPartTooLong = Code(.localPartTooLong)
    /// The domain is longer than 253 octets in its ASCII form.
    public static let domainTooLong = Code(.domainTooLong)
    /// One domain label is longer than 63 octets in its ASCII form.
    public static let labelTooLong = Code(.labelTooLong)
    /// The whole address is longer than 254 octets.
    public static let addressTooLong = Code(.addressTooLong)

    public var description: String { value.rawValue }
  }

  /// The kind of rejection.
  public let code: Code
  /// A sentence for humans; it never repeats control characters from the input.
  public let message: String

  /// Creates an error.
  public init(_ code: Code, _ message: String) {
    self.code = code
    self.message = message
  }

  public var description: String { message }
}
