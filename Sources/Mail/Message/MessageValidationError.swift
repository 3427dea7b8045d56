/// Why a message or address was refused before anything was sent.
///
/// The server maps this error to `INVALID_ARGUMENT`: it always describes a
/// problem with the caller's input, never with the mail server.
public struct MessageValidationError: Error, Sendable, Equatable, CustomStringConvertible {
  /// What was wrong, as a stable value to switch over.
  public struct Code: Sendable, Hashable, CustomStringConvertible {
    fileprivate enum Value: String, Sendable, Hashable {
      case forbiddenCharacter = "forbidden_character"
      case malformedAddress = "malformed_address"
      case empty = "empty"
      case tooLong = "too_long"
    }

    fileprivate let value: Value

    /// A CR, LF or NUL character where a header value, address or command
    /// argument is built: accepting it would let input forge headers or
    /// SMTP commands.
    public static let forbiddenCharacter = Code(value: .forbiddenCharacter)
    /// An address that is not `local-part@domain` in the accepted syntax.
    public static let malformedAddress = Code(value: .malformedAddress)
    /// A required value is empty.
    public static let empty = Code(value: .empty)
    /// A value exceeds a protocol limit.
    public static let tooLong = Code(value: .tooLong)

    public var description: String { value.rawValue }
  }

  /// What was wrong.
  public let code: Code
  /// The input that was refused, such as `subject` or `to`.
  public let field: String
  /// A human explanation that never repeats the refused value.
  public let message: String

  /// Creates an error about `field`.
  public init(code: Code, field: String, message: String) {
    self.code = code
    self.field = field
    self.message = message
  }

  public var description: String { "\(field): \(message)" }
}

extension MessageValidationError {
  /// Throws when `value` holds CR, LF or NUL, checked per Unicode scalar
  /// because Swift treats `"\r\n"` as one `Character`.
  static func rejectLineBreaks(in value: String, field: String) throws(MessageValidationError) {
    let forbidden = value.unicodeScalars.contains { $0 == "\r" || $0 == "\n" || $0 == "\0" }
    if forbidden {
      throw MessageValidationError(
        code: .forbiddenCharacter, field: field,
        message: "contains a CR, LF or NUL character")
    }
  }
}
