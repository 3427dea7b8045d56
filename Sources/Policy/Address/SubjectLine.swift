/// Why a subject line was rejected.
public struct SubjectError: Error, Sendable, Hashable, CustomStringConvertible {
  /// A sentence for humans; it never repeats control characters from the input.
  public let message: String

  /// Creates an error.
  public init(_ message: String) { self.message = message }

  public var description: String { message }
}

/// The rules a subject line must meet before it is checked or sent.
public enum SubjectLine {
  /// The longest accepted subject in UTF-8 octets: one RFC 5322 line.
  public static let maximumOctets = 998

  /// Checks a subject and returns it without surrounding whitespace.
  ///
  /// A subject may not be empty, may hold no control character (CR and LF
  /// would let a caller forge message headers), and may not exceed
  /// ``maximumOctets``.
  /// - Throws: ``SubjectError`` saying what is wrong.
  public static func validate(_ subject: String) throws(SubjectError) -> String {
    // One pass over the bytes settles ASCII subjects, the common case: their
    // only control characters are C0 and DEL. Others are checked by scalar
    // for the C1 controls too.
    var contiguous = subject
    let (isASCII, hasASCIIControl) = contiguous.withUTF8 { bytes in
      var isASCII = true
      var hasControl = false
      for byte in bytes {
        if byte >= 0x80 {
          isASCII = false
        } else if byte < 0x20 || byte == 0x7F {
          hasControl = true
        }
      }
      return (isASCII, hasControl)
    }
    let hasControl =
      isASCII
      ? hasASCIIControl
      : subject.unicodeScalars.contains { $0.value < 0x20 || (0x7F...0x9F).contains($0.value) }
    let bytes = subject.utf8
    guard !hasControl else {
      throw SubjectError("The subject contains a control character such as CR, LF or NUL.")
    }
    let trimmedPart = subject.trimmingSpaces()
    // Most subjects need no trimming: keep the string rather than copy it.
    let trimmed = trimmedPart.utf8.count == bytes.count ? subject : String(trimmedPart)
    guard !trimmed.isEmpty else { throw SubjectError("The subject is empty.") }
    guard trimmed.utf8.count <= maximumOctets else {
      throw SubjectError("The subject is longer than \(maximumOctets) octets.")
    }
    return trimmed
  }
}
