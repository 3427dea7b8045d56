/// Fields a message received but its schema does not declare, kept as the
/// exact bytes that carried them so re-encoding writes them back.
///
/// Empty unless a peer with a newer schema sent something; an empty value
/// owns no storage.
public struct UnknownFields: Sendable, Hashable {
  /// The encoded fields, tags included, in the order they arrived.
  @inlinable
  public var bytes: [UInt8] { storage }

  @usableFromInline
  var storage: [UInt8]

  /// No unknown fields.
  @inlinable
  public init() {
    self.storage = []
  }

  /// Unknown fields given as their encoded bytes, tags included.
  public init(bytes: [UInt8]) {
    self.storage = bytes
  }

  /// Whether there are none.
  @inlinable
  public var isEmpty: Bool { storage.isEmpty }

  /// How many bytes they take on the wire.
  @inlinable
  public var encodedSize: Int { storage.count }

  /// Keeps one more skipped field.
  @inlinable
  public mutating func append(_ field: UnsafeRawBufferPointer) {
    storage.append(contentsOf: field)
  }
}
