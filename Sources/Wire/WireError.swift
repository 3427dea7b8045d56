/// Why a binary or JSON payload could not be decoded, and where.
///
/// Every decoding failure in `Wire` is one of these: the decoder never traps
/// on malformed input and never allocates more than the input justifies.
public struct WireError: Error, Sendable, Hashable, CustomStringConvertible {
  /// The kind of failure, stable enough to match on in tests and callers.
  public struct Code: Sendable, Hashable, CustomStringConvertible {
    private enum Value: String, Sendable, Hashable {
      case truncated = "truncated"
      case overlongVarint = "overlong varint"
      case lengthOutOfBounds = "length out of bounds"
      case wrongWireType = "wrong wire type"
      case invalidWireType = "invalid wire type"
      case invalidUTF8 = "invalid UTF-8"
      case invalidFieldNumber = "invalid field number"
      case nestingTooDeep = "nesting too deep"
      case unmatchedGroup = "unmatched group"
      case invalidJSON = "invalid JSON"
      case invalidJSONValue = "invalid JSON value"
      case unknownJSONField = "unknown JSON field"
    }

    private let value: Value

    private init(_ value: Value) {
      self.value = value
    }

    /// The input ended inside a field.
    public static let truncated = Code(.truncated)
    /// A varint ran past ten bytes or past 64 bits.
    public static let overlongVarint = Code(.overlongVarint)
    /// A length prefix points past the end of the enclosing buffer.
    public static let lengthOutOfBounds = Code(.lengthOutOfBounds)
    /// A known field arrived with a wire type its declared type never uses.
    public static let wrongWireType = Code(.wrongWireType)
    /// A tag carries wire type 6 or 7, which protobuf does not define.
    public static let invalidWireType = Code(.invalidWireType)
    /// A `string` field holds bytes that are not UTF-8.
    public static let invalidUTF8 = Code(.invalidUTF8)
    /// A tag names field 0 or a number above 2^29 - 1.
    public static let invalidFieldNumber = Code(.invalidFieldNumber)
    /// Messages or groups nest deeper than the decoder allows.
    public static let nestingTooDeep = Code(.nestingTooDeep)
    /// A group ends without a start, or with another field's number.
    public static let unmatchedGroup = Code(.unmatchedGroup)
    /// JSON text that does not parse.
    public static let invalidJSON = Code(.invalidJSON)
    /// Well-formed JSON whose value does not fit the field's type.
    public static let invalidJSONValue = Code(.invalidJSONValue)
    /// A JSON member that names no field of the message.
    public static let unknownJSONField = Code(.unknownJSONField)

    public var description: String { value.rawValue }
  }

  /// The kind of failure.
  public let code: Code
  /// What was wrong, for humans.
  public let message: String
  /// The byte offset in the input where decoding failed, when it is known.
  public let offset: Int?

  /// Creates an error.
  /// - Parameters:
  ///   - code: The kind of failure.
  ///   - message: What was wrong, for humans.
  ///   - offset: The byte offset in the input, if known.
  public init(_ code: Code, _ message: String, offset: Int? = nil) {
    self.code = code
    self.message = message
    self.offset = offset
  }

  public var description: String {
    guard let offset else { return message }
    return "\(message) at byte \(offset)"
  }
}
