/// Writes the binary wire format into a buffer sized in advance.
///
/// A message computes its exact size first (``WireMessage/encodedSize()``),
/// so encoding writes through a raw pointer with no capacity checks and no
/// reallocation. The field helpers take the tag already shifted and tagged
/// (`fieldNumber << 3 | wireType`), which generated code knows as a constant.
///
/// - Important: Writing more bytes than the buffer was sized for is a
///   programming error; ``WireMessage/serializedBytes()`` checks the count.
public struct WireWriter {
  @usableFromInline
  let base: UnsafeMutableRawPointer?

  @usableFromInline
  let capacity: Int

  @usableFromInline
  var written: Int

  /// How many bytes have been written.
  @inlinable
  public var count: Int { written }

  /// Creates a writer over `buffer`, which must stay valid while it writes.
  @inlinable
  public init(buffer: UnsafeMutableRawBufferPointer) {
    self.base = buffer.baseAddress
    self.capacity = buffer.count
    self.written = 0
  }

  /// Writes one byte.
  @inlinable
  public mutating func writeByte(_ byte: UInt8) {
    assert(written < capacity, "wire buffer overflow")
    base.unsafelyUnwrapped.storeBytes(of: byte, toByteOffset: written, as: UInt8.self)
    written &+= 1
  }

  /// Writes a base-128 varint.
  @inlinable
  public mutating func writeVarint(_ value: UInt64) {
    var remaining = value
    while remaining >= 0x80 {
      writeByte(UInt8(truncatingIfNeeded: remaining) | 0x80)
      remaining >>= 7
    }
    writeByte(UInt8(truncatingIfNeeded: remaining))
  }

  /// Writes four bytes, little-endian.
  @inlinable
  public mutating func writeFixed32(_ value: UInt32) {
    assert(written + 4 <= capacity, "wire buffer overflow")
    base.unsafelyUnwrapped.storeBytes(
      of: value.littleEndian, toByteOffset: written, as: UInt32.self)
    written &+= 4
  }

  /// Writes eight bytes, little-endian.
  @inlinable
  public mutating func writeFixed64(_ value: UInt64) {
    assert(written + 8 <= capacity, "wire buffer overflow")
    base.unsafelyUnwrapped.storeBytes(
      of: value.littleEndian, toByteOffset: written, as: UInt64.self)
    written &+= 8
  }

  /// Copies raw bytes.
  @inlinable
  public mutating func writeRaw(_ bytes: UnsafeRawBufferPointer) {
    guard let source = bytes.baseAddress, !bytes.isEmpty else { return }
    assert(written + bytes.count <= capacity, "wire buffer overflow")
    (base.unsafelyUnwrapped + written).copyMemory(from: source, byteCount: bytes.count)
    written &+= bytes.count
  }

  // MARK: Fields

  /// Writes a tag.
  @inlinable
  public mutating func writeTag(_ tag: UInt32) {
    writeVarint(UInt64(tag))
  }

  /// Writes an `int32` field; negative values take ten bytes.
  @inlinable
  public mutating func writeInt32(_ value: Int32, tag: UInt32) {
    writeTag(tag)
    writeVarint(UInt64(bitPattern: Int64(value)))
  }

  /// Writes an `int64` field.
  @inlinable
  public mutating func writeInt64(_ value: Int64, tag: UInt32) {
    writeTag(tag)
    writeVarint(UInt64(bitPattern: value))
  }

  /// Writes a `uint32` field.
  @inlinable
  public mutating func writeUInt32(_ value: UInt32, tag: UInt32) {
    writeTag(tag)
    writeVarint(UInt64(value))
  }

  /// Writes a `uint64` field.
  @inlinable
  public mutating func writeUInt64(_ value: UInt64, tag: UInt32) {
    writeTag(tag)
    writeVarint(value)
  }

  /// Writes a `sint32` field, zigzag-encoded.
  @inlinable
  public mutating func writeSInt32(_ value: Int32, tag: UInt32) {
    writeTag(tag)
    writeVarint(UInt64(ZigZag.encode(value)))
  }

  /// Writes a `sint64` field, zigzag-encoded.
  @inlinable
  public mutating func writeSInt64(_ value: Int64, tag: UInt32) {
    writeTag(tag)
    writeVarint(ZigZag.encode(value))
  }

  /// Writes a `bool` field.
  @inlinable
  public mutating func writeBool(_ value: Bool, tag: UInt32) {
    writeTag(tag)
    writeByte(value ? 1 : 0)
  }

  /// Writes an enum field as its number.
  @inlinable
  public mutating func writeEnum<E: WireEnum>(_ value: E, tag: UInt32) {
    writeInt32(value.rawValue, tag: tag)
  }

  /// Writes a `fixed32` field.
  @inlinable
  public mutating func writeFixed32(_ value: UInt32, tag: UInt32) {
    writeTag(tag)
    writeFixed32(value)
  }

  /// Writes a `sfixed32` field.
  @inlinable
  public mutating func writeSFixed32(_ value: Int32, tag: UInt32) {
    writeTag(tag)
    writeFixed32(UInt32(bitPattern: value))
  }

  /// Writes a `float` field.
  @inlinable
  public mutating func writeFloat(_ value: Float, tag: UInt32) {
    writeTag(tag)
    writeFixed32(value.bitPattern)
  }

  /// Writes a `fixed64` field.
  @inlinable
  public mutating func writeFixed64(_ value: UInt64, tag: UInt32) {
    writeTag(tag)
    writeFixed64(value)
  }

  /// Writes a `sfixed64` field.
  @inlinable
  public mutating func writeSFixed64(_ value: Int64, tag: UInt32) {
    writeTag(tag)
    writeFixed64(UInt64(bitPattern: value))
  }

  /// Writes a `double` field.
  @inlinable
  public mutating func writeDouble(_ value: Double, tag: UInt32) {
    writeTag(tag)
    writeFixed64(value.bitPattern)
  }

  /// Writes a `string` field: length prefix, then its UTF-8.
  @inlinable
  public mutating func writeString(_ value: String, tag: UInt32) {
    writeTag(tag)
    var value = value
    value.withUTF8 { utf8 in
      writeVarint(UInt64(utf8.count))
      writeRaw(UnsafeRawBufferPointer(utf8))
    }
  }

  /// Writes a `bytes` field: length prefix, then the bytes.
  @inlinable
  public mutating func writeBytes(_ value: [UInt8], tag: UInt32) {
    writeTag(tag)
    writeVarint(UInt64(value.count))
    value.withUnsafeBytes { writeRaw($0) }
  }

  /// Writes a sub-message field: length prefix, then the message.
  @inlinable
  public mutating func writeMessage<M: WireMessage>(_ value: M, tag: UInt32) {
    writeTag(tag)
    writeVarint(UInt64(value.encodedSize()))
    value.encode(to: &self)
  }

  /// Writes a packed repeated field: tag, payload length, then each value.
  /// - Parameters:
  ///   - values: The values; the caller skips the field when it is empty.
  ///   - tag: The tag, with wire type 2.
  ///   - payloadSize: The encoded size of all values together.
  ///   - write: Writes one value without a tag, such as ``int32Value(_:_:)``.
  @inlinable
  public mutating func writePacked<T>(
    _ values: [T],
    tag: UInt32,
    payloadSize: Int,
    write: (inout WireWriter, T) -> Void
  ) {
    writeTag(tag)
    writeVarint(UInt64(payloadSize))
    for value in values {
      write(&self, value)
    }
  }

  // MARK: Packed elements

  /// Writes one packed `int32`.
  @inlinable
  public static func int32Value(_ writer: inout WireWriter, _ value: Int32) {
    writer.writeVarint(UInt64(bitPattern: Int64(value)))
  }

  /// Writes one packed `int64`.
  @inlinable
  public static func int64Value(_ writer: inout WireWriter, _ value: Int64) {
    writer.writeVarint(UInt64(bitPattern: value))
  }

  /// Writes one packed `uint32`.
  @inlinable
  public static func uint32Value(_ writer: inout WireWriter, _ value: UInt32) {
    writer.writeVarint(UInt64(value))
  }

  /// Writes one packed `uint64`.
  @inlinable
  public static func uint64Value(_ writer: inout WireWriter, _ value: UInt64) {
    writer.writeVarint(value)
  }

  /// Writes one packed `sint32`.
  @inlinable
  public static func sint32Value(_ writer: inout WireWriter, _ value: Int32) {
    writer.writeVarint(UInt64(ZigZag.encode(value)))
  }

  /// Writes one packed `sint64`.
  @inlinable
  public static func sint64Value(_ writer: inout WireWriter, _ value: Int64) {
    writer.writeVarint(ZigZag.encode(value))
  }

  /// Writes one packed `bool`.
  @inlinable
  public static func boolValue(_ writer: inout WireWriter, _ value: Bool) {
    writer.writeByte(value ? 1 : 0)
  }

  /// Writes one packed enum value.
  @inlinable
  public static func enumValue<E: WireEnum>(_ writer: inout WireWriter, _ value: E) {
    writer.writeVarint(UInt64(bitPattern: Int64(value.rawValue)))
  }

  /// Writes one packed `fixed32`.
  @inlinable
  public static func fixed32Value(_ writer: inout WireWriter, _ value: UInt32) {
    writer.writeFixed32(value)
  }

  /// Writes one packed `sfixed32`.
  @inlinable
  public static func sfixed32Value(_ writer: inout WireWriter, _ value: Int32) {
    writer.writeFixed32(UInt32(bitPattern: value))
  }

  /// Writes one packed `float`.
  @inlinable
  public static func floatValue(_ writer: inout WireWriter, _ value: Float) {
    writer.writeFixed32(value.bitPattern)
  }

  /// Writes one packed `fixed64`.
  @inlinable
  public static func fixed64Value(_ writer: inout WireWriter, _ value: UInt64) {
    writer.writeFixed64(value)
  }

  /// Writes one packed `sfixed64`.
  @inlinable
  public static func sfixed64Value(_ writer: inout WireWriter, _ value: Int64) {
    writer.writeFixed64(UInt64(bitPattern: value))
  }

  /// Writes one packed `double`.
  @inlinable
  public static func doubleValue(_ writer: inout WireWriter, _ value: Double) {
    writer.writeFixed64(value.bitPattern)
  }

  /// Writes the unknown fields a message kept, exactly as they arrived.
  @inlinable
  public mutating func writeUnknown(_ fields: UnknownFields) {
    fields.bytes.withUnsafeBytes { writeRaw($0) }
  }
}
