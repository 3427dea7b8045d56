/// The six wire types a protobuf tag can carry.
public enum WireType: UInt8, Sendable, Hashable {
  /// Base-128 varint: integers, booleans, enums.
  case varint = 0
  /// Eight little-endian bytes: `fixed64`, `sfixed64`, `double`.
  case fixed64 = 1
  /// A varint length then that many bytes: strings, bytes, messages, packed.
  case lengthDelimited = 2
  /// The start of a proto2 group; only skipped here.
  case startGroup = 3
  /// The end of a proto2 group.
  case endGroup = 4
  /// Four little-endian bytes: `fixed32`, `sfixed32`, `float`.
  case fixed32 = 5
}

/// A decoded field key: the field number and how its value is encoded.
public struct WireTag: Sendable, Hashable {
  /// The field number, from 1 to 2^29 - 1.
  public let fieldNumber: Int
  /// How the value that follows is encoded.
  public let wireType: WireType

  /// Creates a tag.
  @inlinable
  public init(fieldNumber: Int, wireType: WireType) {
    self.fieldNumber = fieldNumber
    self.wireType = wireType
  }

  /// The tag as it is written on the wire: `fieldNumber << 3 | wireType`.
  @inlinable
  public var rawValue: UInt32 {
    UInt32(truncatingIfNeeded: fieldNumber) << 3 | UInt32(wireType.rawValue)
  }
}

/// The encoded size of values, so a message can size its buffer once.
public enum WireSize {
  /// Bytes a varint takes: 1 to 10.
  @inlinable
  public static func varint(_ value: UInt64) -> Int {
    let bits = 64 - (value | 1).leadingZeroBitCount
    return (bits + 6) / 7
  }

  /// Bytes an `int32` takes: negative values sign-extend to ten bytes.
  @inlinable
  public static func int32(_ value: Int32) -> Int {
    value < 0 ? 10 : varint(UInt64(value))
  }

  /// Bytes an `int64` takes.
  @inlinable
  public static func int64(_ value: Int64) -> Int {
    varint(UInt64(bitPattern: value))
  }

  /// Bytes a `uint32` takes.
  @inlinable
  public static func uint32(_ value: UInt32) -> Int {
    varint(UInt64(value))
  }

  /// Bytes a `uint64` takes.
  @inlinable
  public static func uint64(_ value: UInt64) -> Int {
    varint(value)
  }

  /// Bytes a `sint32` takes.
  @inlinable
  public static func sint32(_ value: Int32) -> Int {
    varint(UInt64(ZigZag.encode(value)))
  }

  /// Bytes a `sint64` takes.
  @inlinable
  public static func sint64(_ value: Int64) -> Int {
    varint(ZigZag.encode(value))
  }

  /// Bytes an enum value takes (as an `int32`).
  @inlinable
  public static func enumValue<E: WireEnum>(_ value: E) -> Int {
    int32(value.rawValue)
  }

  /// Bytes a string takes, with its length prefix.
  @inlinable
  public static func string(_ value: String) -> Int {
    lengthDelimited(value.utf8.count)
  }

  /// Bytes a `bytes` value takes, with its length prefix.
  @inlinable
  public static func bytes(_ value: [UInt8]) -> Int {
    lengthDelimited(value.count)
  }

  /// Bytes a sub-message takes, with its length prefix.
  @inlinable
  public static func message<M: WireMessage>(_ value: M) -> Int {
    lengthDelimited(value.encodedSize())
  }

  /// Bytes a payload of `count` bytes takes with its length prefix.
  @inlinable
  public static func lengthDelimited(_ count: Int) -> Int {
    varint(UInt64(count)) + count
  }

  /// Bytes a packed field's payload takes (without tag and length prefix).
  @inlinable
  public static func packed<T>(_ values: [T], _ size: (T) -> Int) -> Int {
    var total = 0
    for value in values {
      total += size(value)
    }
    return total
  }
}

/// ZigZag encoding of `sint32` and `sint64`: small magnitudes, small varints.
public enum ZigZag {
  /// Maps 0, -1, 1, -2 … to 0, 1, 2, 3 ….
  @inlinable
  public static func encode(_ value: Int32) -> UInt32 {
    UInt32(bitPattern: (value << 1) ^ (value >> 31))
  }

  /// Maps 0, -1, 1, -2 … to 0, 1, 2, 3 ….
  @inlinable
  public static func encode(_ value: Int64) -> UInt64 {
    UInt64(bitPattern: (value << 1) ^ (value >> 63))
  }

  /// The inverse of ``encode(_:)-(Int32)``.
  @inlinable
  public static func decode(_ value: UInt32) -> Int32 {
    Int32(bitPattern: (value >> 1) ^ (0 &- (value & 1)))
  }

  /// The inverse of ``encode(_:)-(Int64)``.
  @inlinable
  public static func decode(_ value: UInt64) -> Int64 {
    Int64(bitPattern: (value >> 1) ^ (0 &- (value & 1)))
  }
}
