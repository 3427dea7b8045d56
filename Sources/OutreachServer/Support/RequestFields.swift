import Policy
import RPC
import Wire

/// Checks on request fields, each failing with `INVALID_ARGUMENT` and a
/// message that names the field.
enum RequestFields {
  /// The longest name, reason or diagnostic accepted, in UTF-8 bytes.
  static let maxShortTextBytes = 1_000
  /// The longest body (text or HTML) or reply text accepted, in UTF-8 bytes.
  static let maxBodyBytes = 1_048_576

  /// Parses an address field.
  static func address(_ text: String, field: String) throws(RPCError) -> EmailAddress {
    do {
      return try EmailAddress(parsing: text)
    } catch {
      throw ErrorMapping.invalidAddress(error, field: field)
    }
  }

  /// Checks a one-line text field such as a subject or a name: no control
  /// characters at all (CR, LF, NUL, tab…), at most `maxBytes` of UTF-8.
  /// - Returns: the text unchanged.
  @discardableResult
  static func singleLine(
    _ text: String, field: String, maxBytes: Int = maxShortTextBytes, required: Bool = false
  ) throws(RPCError) -> String {
    try checkText(text, field: field, maxBytes: maxBytes, required: required, allowing: [])
  }

  /// Checks a multi-line text field such as a body: line breaks and tabs are
  /// allowed, NUL and other control characters are not.
  /// - Returns: the text unchanged.
  @discardableResult
  static func multiLine(
    _ text: String, field: String, maxBytes: Int = maxBodyBytes, required: Bool = false
  ) throws(RPCError) -> String {
    try checkText(
      text, field: field, maxBytes: maxBytes, required: required, allowing: [0x09, 0x0A, 0x0D])
  }

  /// `value`, unless it is a number the schema does not name. Proto3 keeps
  /// such numbers (a client built from a newer schema may send one); taken
  /// as the default, an unknown filter would quietly select everything.
  static func known<Value: WireEnum>(_ value: Value, field: String) throws(RPCError) -> Value {
    guard value.protoName == nil else { return value }
    throw RPCError(
      .invalidArgument, "\(field): \(value.rawValue) is not a value of \(Value.protoEnumName)")
  }

  /// Checks emptiness, length and control characters (C0 and DEL) except the
  /// bytes in `allowedControls`.
  private static func checkText(
    _ text: String, field: String, maxBytes: Int, required: Bool,
    allowing allowedControls: Set<UInt8>
  ) throws(RPCError) -> String {
    if required && text.allSatisfy(\.isWhitespace) {
      throw RPCError(.invalidArgument, "\(field) must not be empty")
    }
    guard text.utf8.count <= maxBytes else {
      throw RPCError(.invalidArgument, "\(field) is longer than \(maxBytes) bytes")
    }
    // Bytes, not Characters: "\r\n" is one Character in Swift.
    let isForbidden = { (byte: UInt8) in
      (byte < 0x20 && !allowedControls.contains(byte)) || byte == 0x7F
    }
    if text.utf8.contains(where: isForbidden) {
      throw RPCError(.invalidArgument, "\(field) must not contain control characters")
    }
    return text
  }
}
