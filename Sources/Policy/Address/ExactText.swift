import Glibc

/// A string that equals another only when their UTF-8 bytes are the same.
///
/// `String` equality is canonical equivalence: U+212A KELVIN SIGN equals
/// `K`, and a decomposed `é` equals the composed one. That is right for
/// text a person reads, and wrong wherever one value must never stand for
/// another: a secret such as an API token, or a cache that hands back what
/// was derived from the exact text it was given. Use this as the key there.
public struct ExactText: Hashable, Sendable {
  public let text: String

  public init(_ text: String) {
    self.text = text
  }

  public static func == (lhs: ExactText, rhs: ExactText) -> Bool {
    lhs.hasBytes(of: rhs.text)
  }

  /// Whether `other` has exactly this text's UTF-8 bytes.
  public func hasBytes(of other: some StringProtocol) -> Bool {
    let count = text.utf8.count
    guard count == other.utf8.count else { return false }
    // Native strings keep their bytes contiguous: one memcmp. Walking the
    // views element by element costs more than the rest of a cache lookup.
    let compared = text.utf8.withContiguousStorageIfAvailable { left in
      other.utf8.withContiguousStorageIfAvailable { right in
        count == 0 || memcmp(left.baseAddress!, right.baseAddress!, count) == 0
      }
    }
    return (compared ?? nil) ?? text.utf8.elementsEqual(other.utf8)
  }

  public func hash(into hasher: inout Hasher) {
    var text = text
    text.withUTF8 { hasher.combine(bytes: UnsafeRawBufferPointer($0)) }
  }
}
