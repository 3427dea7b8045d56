/// Reads the binary wire format from a borrowed buffer.
///
/// Positions are byte offsets from the start of the outermost message, so
/// every ``WireError`` names the exact byte where decoding failed. A reader
/// narrows its end while it reads a sub-message and restores it afterwards,
/// so nested messages need no copies.
public struct WireReader {
  /// How deep messages and groups may nest before decoding gives up.
  public static let maximumDepth = 100

  @usableFromInline
  let base: UnsafeRawPointer?

  /// The offset of the next byte to read.
  @usableFromInline
  var position: Int

  /// The offset of the next byte to read, from the start of the input.
  @inlinable
  public var offset: Int { position }

  @usableFromInline
  var end: Int

  @usableFromInline
  var depth: Int

  @usableFromInline
  var tagStart: Int

  /// Creates a reader over `buffer`, which must stay valid while it reads.
  @inlinable
  public init(buffer: UnsafeRawBufferPointer) {
    self.base = buffer.baseAddress
    self.position = 0
    self.end = buffer.count
    self.depth = 0
    self.tagStart = 0
  }

  /// Whether every byte of the current message has been read.
  @inlinable
  public var isAtEnd: Bool { position >= end }

  // MARK: Primitives

  /// Reads a base-128 varint of at most ten bytes.
  /// - Throws: ``WireError`` when the input ends or the varint overflows.
  @inlinable
  public mutating func readVarint() throws(WireError) -> UInt64 {
    if position < end {
      let first = base.unsafelyUnwrapped.load(fromByteOffset: position, as: UInt8.self)
      if first < 0x80 {
        position &+= 1
        return UInt64(first)
      }
    }
    return try readVarintSlowly()
  }

  @usableFromInline
  mutating func readVarintSlowly() throws(WireError) -> UInt64 {
    let start = position
    var value: UInt64 = 0
    var shift: UInt64 = 0
    while true {
      guard position < end else {
        throw WireError(.truncated, "input ends inside a varint", offset: start)
      }
      let byte = base.unsafelyUnwrapped.load(fromByteOffset: position, as: UInt8.self)
      position += 1
      if shift == 63 && byte > 1 {
        throw WireError(.overlongVarint, "varint is longer than ten bytes", offset: start)
      }
      value |= UInt64(byte & 0x7F) << shift
      if byte < 0x80 { return value }
      shift += 7
    }
  }

  /// Reads four little-endian bytes.
  @inlinable
  public mutating func readFixed32() throws(WireError) -> UInt32 {
    guard end - position >= 4 else {
      throw WireError(.truncated, "input ends inside a 4-byte value", offset: position)
    }
    let value = base.unsafelyUnwrapped.loadUnaligned(fromByteOffset: position, as: UInt32.self)
    position &+= 4
    return UInt32(littleEndian: value)
  }

  /// Reads eight little-endian bytes.
  @inlinable
  public mutating func readFixed64() throws(WireError) -> UInt64 {
    guard end - position >= 8 else {
      throw WireError(.truncated, "input ends inside an 8-byte value", offset: position)
    }
    let value = base.unsafelyUnwrapped.loadUnaligned(fromByteOffset: position, as: UInt64.self)
    position &+= 8
    return UInt64(littleEndian: value)
  }

  /// Reads a length prefix and checks it stays inside the current message.
  @inlinable
  public mutating func readLength() throws(WireError) -> Int {
    let start = position
    let length = try readVarint()
    guard length <= UInt64(end - position) else {
      throw WireError(
        .lengthOutOfBounds,
        "length \(length) runs past the end of the input (\(end - position) bytes left)",
        offset: start)
    }
    return Int(length)
  }

  /// Reads the next tag, or returns `nil` at the end of the current message.
  /// - Throws: ``WireError`` for field number 0 or above 2^29 - 1, and for
  ///   wire types 6 and 7.
  @inlinable
  public mutating func nextTag() throws(WireError) -> WireTag? {
    guard position < end else { return nil }
    tagStart = position
    let raw = try readVarint()
    guard let wireType = WireType(rawValue: UInt8(raw & 7)) else {
      throw WireError(.invalidWireType, "tag has invalid wire type \(raw & 7)", offset: tagStart)
    }
    let fieldNumber = raw >> 3
    guard fieldNumber > 0, fieldNumber < 1 << 29 else {
      throw WireError(
        .invalidFieldNumber, "tag has invalid field number \(fieldNumber)", offset: tagStart)
    }
    return WireTag(fieldNumber: Int(fieldNumber), wireType: wireType)
  }

  /// Checks that a known field arrived with the wire type its type uses.
  @inlinable
  public func expect(_ tag: WireTag, _ wireType: WireType) throws(WireError) {
    guard tag.wireType == wireType else { throw wrongWireType(tag, expected: wireType) }
  }

  @usableFromInline
  func wrongWireType(_ tag: WireTag, expected: WireType) -> WireError {
    WireError(
      .wrongWireType,
      "field \(tag.fieldNumber) has wire type \(tag.wireType.rawValue), "
        + "expected \(expected.rawValue)",
      offset: tagStart)
  }

  // MARK: Scalar fields

  /// Reads an `int32` field; values beyond 32 bits are truncated, as protobuf does.
  @inlinable
  public mutating func readInt32(_ tag: WireTag) throws(WireError) -> Int32 {
    try expect(tag, .varint)
    return Int32(truncatingIfNeeded: try readVarint())
  }

  /// Reads an `int64` field.
  @inlinable
  public mutating func readInt64(_ tag: WireTag) throws(WireError) -> Int64 {
    try expect(tag, .varint)
    return Int64(bitPattern: try readVarint())
  }

  /// Reads a `uint32` field.
  @inlinable
  public mutating func readUInt32(_ tag: WireTag) throws(WireError) -> UInt32 {
    try expect(tag, .varint)
    return UInt32(truncatingIfNeeded: try readVarint())
  }

  /// Reads a `uint64` field.
  @inlinable
  public mutating func readUInt64(_ tag: WireTag) throws(WireError) -> UInt64 {
    try expect(tag, .varint)
    return try readVarint()
  }

  /// Reads a `sint32` field.
  @inlinable
  public mutating func readSInt32(_ tag: WireTag) throws(WireError) -> Int32 {
    try expect(tag, .varint)
    return ZigZag.decode(UInt32(truncatingIfNeeded: try readVarint()))
  }

  /// Reads a `sint64` field.
  @inlinable
  public mutating func readSInt64(_ tag: WireTag) throws(WireError) -> Int64 {
    try expect(tag, .varint)
    return ZigZag.decode(try readVarint())
  }

  /// Reads a `bool` field.
  @inlinable
  public mutating func readBool(_ tag: WireTag) throws(WireError) -> Bool {
    try expect(tag, .varint)
    return try readVarint() != 0
  }

  /// Reads an enum field; numbers the schema does not name are kept.
  @inlinable
  public mutating func readEnum<E: WireEnum>(_ tag: WireTag) throws(WireError) -> E {
    try expect(tag, .varint)
    return E(rawValue: Int32(truncatingIfNeeded: try readVarint()))
  }

  /// Reads a `fixed32` field.
  @inlinable
  public mutating func readFixed32(_ tag: WireTag) throws(WireError) -> UInt32 {
    try expect(tag, .fixed32)
    return try readFixed32()
  }

  /// Reads a `sfixed32` field.
  @inlinable
  public mutating func readSFixed32(_ tag: WireTag) throws(WireError) -> Int32 {
    try expect(tag, .fixed32)
    return Int32(bitPattern: try readFixed32())
  }

  /// Reads a `float` field.
  @inlinable
  public mutating func readFloat(_ tag: WireTag) throws(WireError) -> Float {
    try expect(tag, .fixed32)
    return Float(bitPattern: try readFixed32())
  }

  /// Reads a `fixed64` field.
  @inlinable
  public mutating func readFixed64(_ tag: WireTag) throws(WireError) -> UInt64 {
    try expect(tag, .fixed64)
    return try readFixed64()
  }

  /// Reads a `sfixed64` field.
  @inlinable
  public mutating func readSFixed64(_ tag: WireTag) throws(WireError) -> Int64 {
    try expect(tag, .fixed64)
    return Int64(bitPattern: try readFixed64())
  }

  /// Reads a `double` field.
  @inlinable
  public mutating func readDouble(_ tag: WireTag) throws(WireError) -> Double {
    try expect(tag, .fixed64)
    return Double(bitPattern: try readFixed64())
  }

  /// Reads a `string` field and checks that it is UTF-8.
  @inlinable
  public mutating func readString(_ tag: WireTag) throws(WireError) -> String {
    try expect(tag, .lengthDelimited)
    let length = try readLength()
    let start = position
    position &+= length
    if length == 0 { return "" }
    let utf8 = UnsafeBufferPointer(
      start: (base.unsafelyUnwrapped + start).assumingMemoryBound(to: UInt8.self), count: length)
    // Most strings are ASCII, which is valid UTF-8 as it stands; checking
    // eight bytes at a time is far cheaper than full validation.
    if WireReader.isASCII(utf8) { return String(decoding: utf8, as: UTF8.self) }
    guard let string = String(validating: utf8, as: UTF8.self) else {
      throw WireError(
        .invalidUTF8, "field \(tag.fieldNumber) is a string but not valid UTF-8", offset: start)
    }
    return string
  }

  /// Whether every byte is below 0x80.
  @inlinable
  static func isASCII(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
    let raw = UnsafeRawPointer(bytes.baseAddress.unsafelyUnwrapped)
    var index = 0
    while index + 8 <= bytes.count {
      if raw.loadUnaligned(fromByteOffset: index, as: UInt64.self) & 0x8080_8080_8080_8080 != 0 {
        return false
      }
      index += 8
    }
    while index < bytes.count {
      if bytes[index] >= 0x80 { return false }
      index += 1
    }
    return true
  }

  /// Reads a `bytes` field.
  @inlinable
  public mutating func readBytes(_ tag: WireTag) throws(WireError) -> [UInt8] {
    try expect(tag, .lengthDelimited)
    let length = try readLength()
    let start = position
    position &+= length
    return [UInt8](UnsafeRawBufferPointer(start: base.unsafelyUnwrapped + start, count: length))
  }

  // MARK: Messages

  /// Reads a sub-message field and merges it into `message`, as protobuf
  /// merges a sub-message that appears more than once.
  /// - Throws: ``WireError`` for malformed input or nesting deeper than
  ///   ``maximumDepth``.
  @inlinable
  public mutating func readMessage<M: WireMessage>(
    _ tag: WireTag, into message: inout M
  ) throws(WireError) {
    try expect(tag, .lengthDelimited)
    let length = try readLength()
    try enterNested(length: length) { (reader: inout WireReader) throws(WireError) in
      try message.merge(from: &reader)
    }
  }

  /// Reads a sub-message field into an optional, merging with what is there.
  @inlinable
  public mutating func readMessage<M: WireMessage>(
    _ tag: WireTag, into message: inout M?
  ) throws(WireError) {
    var value = message ?? M()
    try readMessage(tag, into: &value)
    message = value
  }

  /// Reads one element of a repeated message field.
  @inlinable
  public mutating func readMessage<M: WireMessage>(
    _ tag: WireTag, as type: M.Type
  ) throws(WireError) -> M {
    var value = M()
    try readMessage(tag, into: &value)
    return value
  }

  /// Reads one map entry: `body` sees the entry's fields (key 1, value 2)
  /// and skips any other.
  @inlinable
  public mutating func readMapEntry(
    _ tag: WireTag,
    _ body: (inout WireReader, WireTag) throws(WireError) -> Void
  ) throws(WireError) {
    try expect(tag, .lengthDelimited)
    let length = try readLength()
    try enterNested(length: length) { (reader: inout WireReader) throws(WireError) in
      while let entryTag = try reader.nextTag() {
        try body(&reader, entryTag)
      }
    }
  }

  /// Runs `body` with the reader narrowed to the next `length` bytes, one
  /// level deeper.
  @inlinable
  mutating func enterNested(
    length: Int,
    _ body: (inout WireReader) throws(WireError) -> Void
  ) throws(WireError) {
    guard depth < WireReader.maximumDepth else {
      throw WireError(
        .nestingTooDeep,
        "messages nest deeper than \(WireReader.maximumDepth) levels", offset: position)
    }
    let outerEnd = end
    end = position + length
    depth += 1
    try body(&self)
    depth -= 1
    end = outerEnd
  }

  // MARK: Repeated scalars

  /// Reads a repeated scalar field in either encoding: packed (one
  /// length-delimited run) or one value per tag.
  /// - Parameters:
  ///   - tag: The field's tag as it arrived.
  ///   - wireType: The wire type of one unpacked element.
  ///   - values: Where the elements are appended.
  ///   - read: Reads one element without a tag, such as ``int32Value(_:)``.
  @inlinable
  public mutating func readRepeated<T>(
    _ tag: WireTag,
    elementWireType wireType: WireType,
    into values: inout [T],
    read: (inout WireReader) throws(WireError) -> T
  ) throws(WireError) {
    if tag.wireType == wireType {
      values.append(try read(&self))
      return
    }
    guard tag.wireType == .lengthDelimited else {
      throw wrongWireType(tag, expected: wireType)
    }
    let length = try readLength()
    let outerEnd = end
    end = position + length
    switch wireType {
    case .fixed32: values.reserveCapacity(values.count + length / 4)
    case .fixed64: values.reserveCapacity(values.count + length / 8)
    default: break
    }
    while position < end {
      values.append(try read(&self))
    }
    end = outerEnd
  }

  /// Reads one packed `int32`.
  @inlinable
  public static func int32Value(_ reader: inout WireReader) throws(WireError) -> Int32 {
    Int32(truncatingIfNeeded: try reader.readVarint())
  }

  /// Reads one packed `int64`.
  @inlinable
  public static func int64Value(_ reader: inout WireReader) throws(WireError) -> Int64 {
    Int64(bitPattern: try reader.readVarint())
  }

  /// Reads one packed `uint32`.
  @inlinable
  public static func uint32Value(_ reader: inout WireReader) throws(WireError) -> UInt32 {
    UInt32(truncatingIfNeeded: try reader.readVarint())
  }

  /// Reads one packed `uint64`.
  @inlinable
  public static func uint64Value(_ reader: inout WireReader) throws(WireError) -> UInt64 {
    try reader.readVarint()
  }

  /// Reads one packed `sint32`.
  @inlinable
  public static func sint32Value(_ reader: inout WireReader) throws(WireError) -> Int32 {
    ZigZag.decode(UInt32(truncatingIfNeeded: try reader.readVarint()))
  }

  /// Reads one packed `sint64`.
  @inlinable
  public static func sint64Value(_ reader: inout WireReader) throws(WireError) -> Int64 {
    ZigZag.decode(try reader.readVarint())
  }

  /// Reads one packed `bool`.
  @inlinable
  public static func boolValue(_ reader: inout WireReader) throws(WireError) -> Bool {
    try reader.readVarint() != 0
  }

  /// Reads one packed enum value.
  @inlinable
  public static func enumValue<E: WireEnum>(_ reader: inout WireReader) throws(WireError) -> E {
    E(rawValue: Int32(truncatingIfNeeded: try reader.readVarint()))
  }

  /// Reads one packed `fixed32`.
  @inlinable
  public static func fixed32Value(_ reader: inout WireReader) throws(WireError) -> UInt32 {
    try reader.readFixed32()
  }

  /// Reads one packed `sfixed32`.
  @inlinable
  public static func sfixed32Value(_ reader: inout WireReader) throws(WireError) -> Int32 {
    Int32(bitPattern: try reader.readFixed32())
  }

  /// Reads one packed `float`.
  @inlinable
  public static func floatValue(_ reader: inout WireReader) throws(WireError) -> Float {
    Float(bitPattern: try reader.readFixed32())
  }

  /// Reads one packed `fixed64`.
  @inlinable
  public static func fixed64Value(_ reader: inout WireReader) throws(WireError) -> UInt64 {
    try reader.readFixed64()
  }

  /// Reads one packed `sfixed64`.
  @inlinable
  public static func sfixed64Value(_ reader: inout WireReader) throws(WireError) -> Int64 {
    Int64(bitPattern: try reader.readFixed64())
  }

  /// Reads one packed `double`.
  @inlinable
  public static func doubleValue(_ reader: inout WireReader) throws(WireError) -> Double {
    Double(bitPattern: try reader.readFixed64())
  }

  // MARK: Unknown fields

  /// Skips a field the message does not know and keeps its bytes, tag
  /// included, so re-encoding writes it back unchanged.
  @inlinable
  public mutating func skip(_ tag: WireTag, into unknown: inout UnknownFields) throws(WireError) {
    let start = tagStart
    try skip(tag)
    unknown.append(
      UnsafeRawBufferPointer(start: base.unsafelyUnwrapped + start, count: position - start))
  }

  /// Skips a field's value, whatever its wire type, including whole groups.
  public mutating func skip(_ tag: WireTag) throws(WireError) {
    switch tag.wireType {
    case .varint:
      _ = try readVarint()
    case .fixed64:
      _ = try readFixed64()
    case .fixed32:
      _ = try readFixed32()
    case .lengthDelimited:
      position += try readLength()
    case .startGroup:
      try skipGroup(fieldNumber: tag.fieldNumber)
    case .endGroup:
      throw WireError(
        .unmatchedGroup, "group end for field \(tag.fieldNumber) without a start",
        offset: tagStart)
    }
  }

  /// Skips everything up to the end-group tag that closes `fieldNumber`.
  mutating func skipGroup(fieldNumber: Int) throws(WireError) {
    let groupStart = tagStart
    guard depth < WireReader.maximumDepth else {
      throw WireError(
        .nestingTooDeep,
        "groups nest deeper than \(WireReader.maximumDepth) levels", offset: groupStart)
    }
    depth += 1
    defer { depth -= 1 }
    while let inner = try nextTag() {
      if inner.wireType == .endGroup {
        guard inner.fieldNumber == fieldNumber else {
          throw WireError(
            .unmatchedGroup,
            "group for field \(fieldNumber) closed by field \(inner.fieldNumber)",
            offset: tagStart)
        }
        return
      }
      try skip(inner)
    }
    throw WireError(
      .truncated, "input ends inside the group for field \(fieldNumber)", offset: groupStart)
  }
}
