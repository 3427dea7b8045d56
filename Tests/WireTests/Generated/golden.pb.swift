// Generated from Tests/WireTests/Fixtures/golden.proto by schemac. Do not edit.

import Wire

/// One field of every scalar type, plus an enum.
public struct Scalars: WireMessage {
  public static let protoMessageName = "golden.v1.Scalars"

  public var fDouble: Double = 0

  public var fFloat: Float = 0

  public var fInt32: Int32 = 0

  public var fInt64: Int64 = 0

  public var fUint32: UInt32 = 0

  public var fUint64: UInt64 = 0

  public var fSint32: Int32 = 0

  public var fSint64: Int64 = 0

  public var fFixed32: UInt32 = 0

  public var fFixed64: UInt64 = 0

  public var fSfixed32: Int32 = 0

  public var fSfixed64: Int64 = 0

  public var fBool: Bool = false

  public var fString: String = ""

  public var fBytes: [UInt8] = []

  public var fEnum: Color = .unspecified

  /// Fields received that this schema does not declare, written back on encode.
  public var unknownFields = UnknownFields()

  /// A message with every field at its default.
  public init() {}
}

/// Every scalar type repeated: numbers packed, strings and bytes not.
public struct Repeated: WireMessage {
  public static let protoMessageName = "golden.v1.Repeated"

  public var rDouble: [Double] = []

  public var rFloat: [Float] = []

  public var rInt32: [Int32] = []

  public var rInt64: [Int64] = []

  public var rUint32: [UInt32] = []

  public var rUint64: [UInt64] = []

  public var rSint32: [Int32] = []

  public var rSint64: [Int64] = []

  public var rFixed32: [UInt32] = []

  public var rFixed64: [UInt64] = []

  public var rSfixed32: [Int32] = []

  public var rSfixed64: [Int64] = []

  public var rBool: [Bool] = []

  public var rString: [String] = []

  public var rBytes: [[UInt8]] = []

  public var rEnum: [Color] = []

  public var rMessage: [Scalars] = []

  /// Fields received that this schema does not declare, written back on encode.
  public var unknownFields = UnknownFields()

  /// A message with every field at its default.
  public init() {}
}

/// Fields with explicit presence: written even when they hold the default.
public struct Optionals: WireMessage {
  public static let protoMessageName = "golden.v1.Optionals"

  public var oInt32: Int32?

  public var oString: String?

  public var oEnum: Color?

  public var oDouble: Double?

  public var oBool: Bool?

  /// Fields received that this schema does not declare, written back on encode.
  public var unknownFields = UnknownFields()

  /// A message with every field at its default.
  public init() {}
}

/// Maps with every kind of key and of value.
public struct Maps: WireMessage {
  public static let protoMessageName = "golden.v1.Maps"

  public var stringToInt32: [String: Int32] = [:]

  public var int64ToString: [Int64: String] = [:]

  public var boolToBytes: [Bool: [UInt8]] = [:]

  public var uint32ToMessage: [UInt32: Scalars] = [:]

  public var sint64ToEnum: [Int64: Color] = [:]

  public var fixed32ToDouble: [UInt32: Double] = [:]

  /// Fields received that this schema does not declare, written back on encode.
  public var unknownFields = UnknownFields()

  /// A message with every field at its default.
  public init() {}
}

/// A oneof of several kinds, beside an ordinary field.
public struct Choice: WireMessage {
  public static let protoMessageName = "golden.v1.Choice"

  public var label: String = ""

  /// What was chosen.
  public var value: Value?

  /// Which field of `value` is set, with its value.
  public enum Value: Sendable, Hashable {
    case number(Int32)
    case text(String)
    case scalars(Scalars)
    case blob([UInt8])
    case color(Color)
  }

  /// Fields received that this schema does not declare, written back on encode.
  public var unknownFields = UnknownFields()

  /// A message with every field at its default.
  public init() {}
}

/// Nested messages, a keyword as a field name, reserved numbers and a high
/// field number.
public struct Outer: WireMessage {
  public static let protoMessageName = "golden.v1.Outer"

  public var inner: Outer.Inner?

  public var inners: [Outer.Inner] = []

  public var deep: Outer.Inner.Deep?

  public var far: Int32 = 0

  /// Fields received that this schema does not declare, written back on encode.
  public var unknownFields = UnknownFields()

  /// A message with every field at its default.
  public init() {}

  /// A message inside another.
  public struct Inner: WireMessage {
    public static let protoMessageName = "golden.v1.Outer.Inner"

    public var id: Int32 = 0

    public var deep: Outer.Inner.Deep?

    public var `default`: String = ""

    /// Fields received that this schema does not declare, written back on encode.
    public var unknownFields = UnknownFields()

    /// A message with every field at its default.
    public init() {}

    /// A message two levels down.
    public struct Deep: WireMessage {
      public static let protoMessageName = "golden.v1.Outer.Inner.Deep"

      public var note: String = ""

      /// Fields received that this schema does not declare, written back on encode.
      public var unknownFields = UnknownFields()

      /// A message with every field at its default.
      public init() {}
    }
  }
}

/// The first version of a message, which does not know VersionNew's fields.
public struct VersionOld: WireMessage {
  public static let protoMessageName = "golden.v1.VersionOld"

  public var id: Int32 = 0

  /// Fields received that this schema does not declare, written back on encode.
  public var unknownFields = UnknownFields()

  /// A message with every field at its default.
  public init() {}
}

/// A later version of VersionOld, with fields of every wire type.
public struct VersionNew: WireMessage {
  public static let protoMessageName = "golden.v1.VersionNew"

  public var id: Int32 = 0

  public var name: String = ""

  public var stamp: UInt64 = 0

  public var small: UInt32 = 0

  public var values: [Int32] = []

  public var nested: Scalars?

  /// Fields received that this schema does not declare, written back on encode.
  public var unknownFields = UnknownFields()

  /// A message with every field at its default.
  public init() {}
}

/// A message that contains itself through a repeated field, for depth limits.
public struct Tree: WireMessage {
  public static let protoMessageName = "golden.v1.Tree"

  public var children: [Tree] = []

  public var value: Int32 = 0

  /// Fields received that this schema does not declare, written back on encode.
  public var unknownFields = UnknownFields()

  /// A message with every field at its default.
  public init() {}
}

/// A colour, with a gap in its numbers.
public enum Color: WireEnum {
  /// No colour.
  case unspecified
  /// Red.
  case red
  /// Green.
  case green
  /// Blue, numbered past a gap.
  case blue
  /// A number this version of the schema does not name.
  case unrecognized(Int32)

  public static let protoEnumName = "golden.v1.Color"

  /// The value numbered 0, `COLOR_UNSPECIFIED`.
  public init() {
    self = .unspecified
  }

  public init(rawValue: Int32) {
    switch rawValue {
    case 0: self = .unspecified
    case 1: self = .red
    case 2: self = .green
    case 10: self = .blue
    default: self = .unrecognized(rawValue)
    }
  }

  public init?(protoName: String) {
    switch protoName {
    case "COLOR_UNSPECIFIED": self = .unspecified
    case "COLOR_RED": self = .red
    case "COLOR_GREEN": self = .green
    case "COLOR_BLUE": self = .blue
    default: return nil
    }
  }

  public var rawValue: Int32 {
    switch self {
    case .unspecified: 0
    case .red: 1
    case .green: 2
    case .blue: 10
    case .unrecognized(let number): number
    }
  }

  public var protoName: String? {
    switch self {
    case .unspecified: "COLOR_UNSPECIFIED"
    case .red: "COLOR_RED"
    case .green: "COLOR_GREEN"
    case .blue: "COLOR_BLUE"
    case .unrecognized: nil
    }
  }
}

extension Scalars {
  public func encodedSize() -> Int {
    var size = unknownFields.encodedSize
    if self.fDouble.bitPattern != 0 {
      size += 9
    }
    if self.fFloat.bitPattern != 0 {
      size += 5
    }
    if self.fInt32 != 0 {
      size += 1 + WireSize.int32(self.fInt32)
    }
    if self.fInt64 != 0 {
      size += 1 + WireSize.int64(self.fInt64)
    }
    if self.fUint32 != 0 {
      size += 1 + WireSize.uint32(self.fUint32)
    }
    if self.fUint64 != 0 {
      size += 1 + WireSize.uint64(self.fUint64)
    }
    if self.fSint32 != 0 {
      size += 1 + WireSize.sint32(self.fSint32)
    }
    if self.fSint64 != 0 {
      size += 1 + WireSize.sint64(self.fSint64)
    }
    if self.fFixed32 != 0 {
      size += 5
    }
    if self.fFixed64 != 0 {
      size += 9
    }
    if self.fSfixed32 != 0 {
      size += 5
    }
    if self.fSfixed64 != 0 {
      size += 9
    }
    if self.fBool {
      size += 2
    }
    if !self.fString.isEmpty {
      size += 1 + WireSize.string(self.fString)
    }
    if !self.fBytes.isEmpty {
      size += 1 + WireSize.bytes(self.fBytes)
    }
    if self.fEnum.rawValue != 0 {
      size += 2 + WireSize.enumValue(self.fEnum)
    }
    return size
  }

  public func encode(to writer: inout WireWriter) {
    if self.fDouble.bitPattern != 0 {
      writer.writeDouble(self.fDouble, tag: 9)
    }
    if self.fFloat.bitPattern != 0 {
      writer.writeFloat(self.fFloat, tag: 21)
    }
    if self.fInt32 != 0 {
      writer.writeInt32(self.fInt32, tag: 24)
    }
    if self.fInt64 != 0 {
      writer.writeInt64(self.fInt64, tag: 32)
    }
    if self.fUint32 != 0 {
      writer.writeUInt32(self.fUint32, tag: 40)
    }
    if self.fUint64 != 0 {
      writer.writeUInt64(self.fUint64, tag: 48)
    }
    if self.fSint32 != 0 {
      writer.writeSInt32(self.fSint32, tag: 56)
    }
    if self.fSint64 != 0 {
      writer.writeSInt64(self.fSint64, tag: 64)
    }
    if self.fFixed32 != 0 {
      writer.writeFixed32(self.fFixed32, tag: 77)
    }
    if self.fFixed64 != 0 {
      writer.writeFixed64(self.fFixed64, tag: 81)
    }
    if self.fSfixed32 != 0 {
      writer.writeSFixed32(self.fSfixed32, tag: 93)
    }
    if self.fSfixed64 != 0 {
      writer.writeSFixed64(self.fSfixed64, tag: 97)
    }
    if self.fBool {
      writer.writeBool(self.fBool, tag: 104)
    }
    if !self.fString.isEmpty {
      writer.writeString(self.fString, tag: 114)
    }
    if !self.fBytes.isEmpty {
      writer.writeBytes(self.fBytes, tag: 122)
    }
    if self.fEnum.rawValue != 0 {
      writer.writeEnum(self.fEnum, tag: 128)
    }
    writer.writeUnknown(unknownFields)
  }

  public mutating func merge(from reader: inout WireReader) throws(WireError) {
    while let tag = try reader.nextTag() {
      switch tag.fieldNumber {
      case 1:
        self.fDouble = try reader.readDouble(tag)
      case 2:
        self.fFloat = try reader.readFloat(tag)
      case 3:
        self.fInt32 = try reader.readInt32(tag)
      case 4:
        self.fInt64 = try reader.readInt64(tag)
      case 5:
        self.fUint32 = try reader.readUInt32(tag)
      case 6:
        self.fUint64 = try reader.readUInt64(tag)
      case 7:
        self.fSint32 = try reader.readSInt32(tag)
      case 8:
        self.fSint64 = try reader.readSInt64(tag)
      case 9:
        self.fFixed32 = try reader.readFixed32(tag)
      case 10:
        self.fFixed64 = try reader.readFixed64(tag)
      case 11:
        self.fSfixed32 = try reader.readSFixed32(tag)
      case 12:
        self.fSfixed64 = try reader.readSFixed64(tag)
      case 13:
        self.fBool = try reader.readBool(tag)
      case 14:
        self.fString = try reader.readString(tag)
      case 15:
        self.fBytes = try reader.readBytes(tag)
      case 16:
        self.fEnum = try reader.readEnum(tag) as Color
      default:
        try reader.skip(tag, into: &unknownFields)
      }
    }
  }

  public func writeJSON(to writer: inout JSONWriter) {
    writer.beginObject()
    if self.fDouble.bitPattern != 0 {
      writer.writeField("fDouble", self.fDouble)
    }
    if self.fFloat.bitPattern != 0 {
      writer.writeField("fFloat", self.fFloat)
    }
    if self.fInt32 != 0 {
      writer.writeField("fInt32", self.fInt32)
    }
    if self.fInt64 != 0 {
      writer.writeField("fInt64", self.fInt64)
    }
    if self.fUint32 != 0 {
      writer.writeField("fUint32", self.fUint32)
    }
    if self.fUint64 != 0 {
      writer.writeField("fUint64", self.fUint64)
    }
    if self.fSint32 != 0 {
      writer.writeField("fSint32", self.fSint32)
    }
    if self.fSint64 != 0 {
      writer.writeField("fSint64", self.fSint64)
    }
    if self.fFixed32 != 0 {
      writer.writeField("fFixed32", self.fFixed32)
    }
    if self.fFixed64 != 0 {
      writer.writeField("fFixed64", self.fFixed64)
    }
    if self.fSfixed32 != 0 {
      writer.writeField("fSfixed32", self.fSfixed32)
    }
    if self.fSfixed64 != 0 {
      writer.writeField("fSfixed64", self.fSfixed64)
    }
    if self.fBool {
      writer.writeField("fBool", self.fBool)
    }
    if !self.fString.isEmpty {
      writer.writeField("fString", self.fString)
    }
    if !self.fBytes.isEmpty {
      writer.writeBytesField("fBytes", self.fBytes)
    }
    if self.fEnum.rawValue != 0 {
      writer.writeField("fEnum", self.fEnum)
    }
    writer.endObject()
  }

  public mutating func mergeJSON(
    _ object: JSONObject, path: String
  ) throws(WireError) {
    for (name, value) in object.members where !value.isNull {
      switch name {
      case "fDouble", "f_double":
        self.fDouble = try Double(json: value, path: "\(path).fDouble")
      case "fFloat", "f_float":
        self.fFloat = try Float(json: value, path: "\(path).fFloat")
      case "fInt32", "f_int32":
        self.fInt32 = try Int32(json: value, path: "\(path).fInt32")
      case "fInt64", "f_int64":
        self.fInt64 = try Int64(json: value, path: "\(path).fInt64")
      case "fUint32", "f_uint32":
        self.fUint32 = try UInt32(json: value, path: "\(path).fUint32")
      case "fUint64", "f_uint64":
        self.fUint64 = try UInt64(json: value, path: "\(path).fUint64")
      case "fSint32", "f_sint32":
        self.fSint32 = try Int32(json: value, path: "\(path).fSint32")
      case "fSint64", "f_sint64":
        self.fSint64 = try Int64(json: value, path: "\(path).fSint64")
      case "fFixed32", "f_fixed32":
        self.fFixed32 = try UInt32(json: value, path: "\(path).fFixed32")
      case "fFixed64", "f_fixed64":
        self.fFixed64 = try UInt64(json: value, path: "\(path).fFixed64")
      case "fSfixed32", "f_sfixed32":
        self.fSfixed32 = try Int32(json: value, path: "\(path).fSfixed32")
      case "fSfixed64", "f_sfixed64":
        self.fSfixed64 = try Int64(json: value, path: "\(path).fSfixed64")
      case "fBool", "f_bool":
        self.fBool = try Bool(json: value, path: "\(path).fBool")
      case "fString", "f_string":
        self.fString = try String(json: value, path: "\(path).fString")
      case "fBytes", "f_bytes":
        self.fBytes = try value.decodeBytes(path: "\(path).fBytes")
      case "fEnum", "f_enum":
        self.fEnum = try Color(json: value, path: "\(path).fEnum")
      default:
        throw WireError(.unknownJSONField, "\(path): no field named \"\(name)\"")
      }
    }
  }
}

extension Repeated {
  public func encodedSize() -> Int {
    var size = unknownFields.encodedSize
    if !self.rDouble.isEmpty {
      size += 1 + WireSize.lengthDelimited(self.rDouble.count * 8)
    }
    if !self.rFloat.isEmpty {
      size += 1 + WireSize.lengthDelimited(self.rFloat.count * 4)
    }
    if !self.rInt32.isEmpty {
      size += 1 + WireSize.lengthDelimited(WireSize.packed(self.rInt32, WireSize.int32))
    }
    if !self.rInt64.isEmpty {
      size += 1 + WireSize.lengthDelimited(WireSize.packed(self.rInt64, WireSize.int64))
    }
    if !self.rUint32.isEmpty {
      size += 1 + WireSize.lengthDelimited(WireSize.packed(self.rUint32, WireSize.uint32))
    }
    if !self.rUint64.isEmpty {
      size += 1 + WireSize.lengthDelimited(WireSize.packed(self.rUint64, WireSize.uint64))
    }
    if !self.rSint32.isEmpty {
      size += 1 + WireSize.lengthDelimited(WireSize.packed(self.rSint32, WireSize.sint32))
    }
    if !self.rSint64.isEmpty {
      size += 1 + WireSize.lengthDelimited(WireSize.packed(self.rSint64, WireSize.sint64))
    }
    if !self.rFixed32.isEmpty {
      size += 1 + WireSize.lengthDelimited(self.rFixed32.count * 4)
    }
    if !self.rFixed64.isEmpty {
      size += 1 + WireSize.lengthDelimited(self.rFixed64.count * 8)
    }
    if !self.rSfixed32.isEmpty {
      size += 1 + WireSize.lengthDelimited(self.rSfixed32.count * 4)
    }
    if !self.rSfixed64.isEmpty {
      size += 1 + WireSize.lengthDelimited(self.rSfixed64.count * 8)
    }
    if !self.rBool.isEmpty {
      size += 1 + WireSize.lengthDelimited(self.rBool.count)
    }
    for value in self.rString {
      size += 1 + WireSize.string(value)
    }
    for value in self.rBytes {
      size += 1 + WireSize.bytes(value)
    }
    if !self.rEnum.isEmpty {
      size += 2 + WireSize.lengthDelimited(WireSize.packed(self.rEnum, WireSize.enumValue))
    }
    for value in self.rMessage {
      size += 2 + WireSize.message(value)
    }
    return size
  }

  public func encode(to writer: inout WireWriter) {
    if !self.rDouble.isEmpty {
      writer.writePacked(
        self.rDouble, tag: 10, payloadSize: self.rDouble.count * 8,
        write: WireWriter.doubleValue)
    }
    if !self.rFloat.isEmpty {
      writer.writePacked(
        self.rFloat, tag: 18, payloadSize: self.rFloat.count * 4,
        write: WireWriter.floatValue)
    }
    if !self.rInt32.isEmpty {
      writer.writePacked(
        self.rInt32, tag: 26, payloadSize: WireSize.packed(self.rInt32, WireSize.int32),
        write: WireWriter.int32Value)
    }
    if !self.rInt64.isEmpty {
      writer.writePacked(
        self.rInt64, tag: 34, payloadSize: WireSize.packed(self.rInt64, WireSize.int64),
        write: WireWriter.int64Value)
    }
    if !self.rUint32.isEmpty {
      writer.writePacked(
        self.rUint32, tag: 42, payloadSize: WireSize.packed(self.rUint32, WireSize.uint32),
        write: WireWriter.uint32Value)
    }
    if !self.rUint64.isEmpty {
      writer.writePacked(
        self.rUint64, tag: 50, payloadSize: WireSize.packed(self.rUint64, WireSize.uint64),
        write: WireWriter.uint64Value)
    }
    if !self.rSint32.isEmpty {
      writer.writePacked(
        self.rSint32, tag: 58, payloadSize: WireSize.packed(self.rSint32, WireSize.sint32),
        write: WireWriter.sint32Value)
    }
    if !self.rSint64.isEmpty {
      writer.writePacked(
        self.rSint64, tag: 66, payloadSize: WireSize.packed(self.rSint64, WireSize.sint64),
        write: WireWriter.sint64Value)
    }
    if !self.rFixed32.isEmpty {
      writer.writePacked(
        self.rFixed32, tag: 74, payloadSize: self.rFixed32.count * 4,
        write: WireWriter.fixed32Value)
    }
    if !self.rFixed64.isEmpty {
      writer.writePacked(
        self.rFixed64, tag: 82, payloadSize: self.rFixed64.count * 8,
        write: WireWriter.fixed64Value)
    }
    if !self.rSfixed32.isEmpty {
      writer.writePacked(
        self.rSfixed32, tag: 90, payloadSize: self.rSfixed32.count * 4,
        write: WireWriter.sfixed32Value)
    }
    if !self.rSfixed64.isEmpty {
      writer.writePacked(
        self.rSfixed64, tag: 98, payloadSize: self.rSfixed64.count * 8,
        write: WireWriter.sfixed64Value)
    }
    if !self.rBool.isEmpty {
      writer.writePacked(
        self.rBool, tag: 106, payloadSize: self.rBool.count,
        write: WireWriter.boolValue)
    }
    for value in self.rString {
      writer.writeString(value, tag: 114)
    }
    for value in self.rBytes {
      writer.writeBytes(value, tag: 122)
    }
    if !self.rEnum.isEmpty {
      writer.writePacked(
        self.rEnum, tag: 130, payloadSize: WireSize.packed(self.rEnum, WireSize.enumValue),
        write: WireWriter.enumValue)
    }
    for value in self.rMessage {
      writer.writeMessage(value, tag: 138)
    }
    writer.writeUnknown(unknownFields)
  }

  public mutating func merge(from reader: inout WireReader) throws(WireError) {
    while let tag = try reader.nextTag() {
      switch tag.fieldNumber {
      case 1:
        try reader.readRepeated(
          tag, elementWireType: .fixed64, into: &self.rDouble,
          read: WireReader.doubleValue)
      case 2:
        try reader.readRepeated(
          tag, elementWireType: .fixed32, into: &self.rFloat,
          read: WireReader.floatValue)
      case 3:
        try reader.readRepeated(
          tag, elementWireType: .varint, into: &self.rInt32,
          read: WireReader.int32Value)
      case 4:
        try reader.readRepeated(
          tag, elementWireType: .varint, into: &self.rInt64,
          read: WireReader.int64Value)
      case 5:
        try reader.readRepeated(
          tag, elementWireType: .varint, into: &self.rUint32,
          read: WireReader.uint32Value)
      case 6:
        try reader.readRepeated(
          tag, elementWireType: .varint, into: &self.rUint64,
          read: WireReader.uint64Value)
      case 7:
        try reader.readRepeated(
          tag, elementWireType: .varint, into: &self.rSint32,
          read: WireReader.sint32Value)
      case 8:
        try reader.readRepeated(
          tag, elementWireType: .varint, into: &self.rSint64,
          read: WireReader.sint64Value)
      case 9:
        try reader.readRepeated(
          tag, elementWireType: .fixed32, into: &self.rFixed32,
          read: WireReader.fixed32Value)
      case 10:
        try reader.readRepeated(
          tag, elementWireType: .fixed64, into: &self.rFixed64,
          read: WireReader.fixed64Value)
      case 11:
        try reader.readRepeated(
          tag, elementWireType: .fixed32, into: &self.rSfixed32,
          read: WireReader.sfixed32Value)
      case 12:
        try reader.readRepeated(
          tag, elementWireType: .fixed64, into: &self.rSfixed64,
          read: WireReader.sfixed64Value)
      case 13:
        try reader.readRepeated(
          tag, elementWireType: .varint, into: &self.rBool,
          read: WireReader.boolValue)
      case 14:
        self.rString.append(try reader.readString(tag))
      case 15:
        self.rBytes.append(try reader.readBytes(tag))
      case 16:
        try reader.readRepeated(
          tag, elementWireType: .varint, into: &self.rEnum,
          read: WireReader.enumValue)
      case 17:
        self.rMessage.append(try reader.readMessage(tag, as: Scalars.self))
      default:
        try reader.skip(tag, into: &unknownFields)
      }
    }
  }

  public func writeJSON(to writer: inout JSONWriter) {
    writer.beginObject()
    if !self.rDouble.isEmpty {
      writer.writeField("rDouble", self.rDouble)
    }
    if !self.rFloat.isEmpty {
      writer.writeField("rFloat", self.rFloat)
    }
    if !self.rInt32.isEmpty {
      writer.writeField("rInt32", self.rInt32)
    }
    if !self.rInt64.isEmpty {
      writer.writeField("rInt64", self.rInt64)
    }
    if !self.rUint32.isEmpty {
      writer.writeField("rUint32", self.rUint32)
    }
    if !self.rUint64.isEmpty {
      writer.writeField("rUint64", self.rUint64)
    }
    if !self.rSint32.isEmpty {
      writer.writeField("rSint32", self.rSint32)
    }
    if !self.rSint64.isEmpty {
      writer.writeField("rSint64", self.rSint64)
    }
    if !self.rFixed32.isEmpty {
      writer.writeField("rFixed32", self.rFixed32)
    }
    if !self.rFixed64.isEmpty {
      writer.writeField("rFixed64", self.rFixed64)
    }
    if !self.rSfixed32.isEmpty {
      writer.writeField("rSfixed32", self.rSfixed32)
    }
    if !self.rSfixed64.isEmpty {
      writer.writeField("rSfixed64", self.rSfixed64)
    }
    if !self.rBool.isEmpty {
      writer.writeField("rBool", self.rBool)
    }
    if !self.rString.isEmpty {
      writer.writeField("rString", self.rString)
    }
    if !self.rBytes.isEmpty {
      writer.writeBytesField("rBytes", self.rBytes)
    }
    if !self.rEnum.isEmpty {
      writer.writeField("rEnum", self.rEnum)
    }
    if !self.rMessage.isEmpty {
      writer.writeField("rMessage", self.rMessage)
    }
    writer.endObject()
  }

  public mutating func mergeJSON(
    _ object: JSONObject, path: String
  ) throws(WireError) {
    for (name, value) in object.members where !value.isNull {
      switch name {
      case "rDouble", "r_double":
        self.rDouble = try value.decodeArray(Double.self, path: "\(path).rDouble")
      case "rFloat", "r_float":
        self.rFloat = try value.decodeArray(Float.self, path: "\(path).rFloat")
      case "rInt32", "r_int32":
        self.rInt32 = try value.decodeArray(Int32.self, path: "\(path).rInt32")
      case "rInt64", "r_int64":
        self.rInt64 = try value.decodeArray(Int64.self, path: "\(path).rInt64")
      case "rUint32", "r_uint32":
        self.rUint32 = try value.decodeArray(UInt32.self, path: "\(path).rUint32")
      case "rUint64", "r_uint64":
        self.rUint64 = try value.decodeArray(UInt64.self, path: "\(path).rUint64")
      case "rSint32", "r_sint32":
        self.rSint32 = try value.decodeArray(Int32.self, path: "\(path).rSint32")
      case "rSint64", "r_sint64":
        self.rSint64 = try value.decodeArray(Int64.self, path: "\(path).rSint64")
      case "rFixed32", "r_fixed32":
        self.rFixed32 = try value.decodeArray(UInt32.self, path: "\(path).rFixed32")
      case "rFixed64", "r_fixed64":
        self.rFixed64 = try value.decodeArray(UInt64.self, path: "\(path).rFixed64")
      case "rSfixed32", "r_sfixed32":
        self.rSfixed32 = try value.decodeArray(Int32.self, path: "\(path).rSfixed32")
      case "rSfixed64", "r_sfixed64":
        self.rSfixed64 = try value.decodeArray(Int64.self, path: "\(path).rSfixed64")
      case "rBool", "r_bool":
        self.rBool = try value.decodeArray(Bool.self, path: "\(path).rBool")
      case "rString", "r_string":
        self.rString = try value.decodeArray(String.self, path: "\(path).rString")
      case "rBytes", "r_bytes":
        self.rBytes = try value.decodeBytesArray(path: "\(path).rBytes")
      case "rEnum", "r_enum":
        self.rEnum = try value.decodeArray(Color.self, path: "\(path).rEnum")
      case "rMessage", "r_message":
        self.rMessage = try value.decodeArray(Scalars.self, path: "\(path).rMessage")
      default:
        throw WireError(.unknownJSONField, "\(path): no field named \"\(name)\"")
      }
    }
  }
}

extension Optionals {
  public func encodedSize() -> Int {
    var size = unknownFields.encodedSize
    if let value = self.oInt32 {
      size += 1 + WireSize.int32(value)
    }
    if let value = self.oString {
      size += 1 + WireSize.string(value)
    }
    if let value = self.oEnum {
      size += 1 + WireSize.enumValue(value)
    }
    if self.oDouble != nil {
      size += 9
    }
    if self.oBool != nil {
      size += 2
    }
    return size
  }

  public func encode(to writer: inout WireWriter) {
    if let value = self.oInt32 {
      writer.writeInt32(value, tag: 8)
    }
    if let value = self.oString {
      writer.writeString(value, tag: 18)
    }
    if let value = self.oEnum {
      writer.writeEnum(value, tag: 24)
    }
    if let value = self.oDouble {
      writer.writeDouble(value, tag: 33)
    }
    if let value = self.oBool {
      writer.writeBool(value, tag: 40)
    }
    writer.writeUnknown(unknownFields)
  }

  public mutating func merge(from reader: inout WireReader) throws(WireError) {
    while let tag = try reader.nextTag() {
      switch tag.fieldNumber {
      case 1:
        self.oInt32 = try reader.readInt32(tag)
      case 2:
        self.oString = try reader.readString(tag)
      case 3:
        self.oEnum = try reader.readEnum(tag) as Color
      case 4:
        self.oDouble = try reader.readDouble(tag)
      case 5:
        self.oBool = try reader.readBool(tag)
      default:
        try reader.skip(tag, into: &unknownFields)
      }
    }
  }

  public func writeJSON(to writer: inout JSONWriter) {
    writer.beginObject()
    if let value = self.oInt32 {
      writer.writeField("oInt32", value)
    }
    if let value = self.oString {
      writer.writeField("oString", value)
    }
    if let value = self.oEnum {
      writer.writeField("oEnum", value)
    }
    if let value = self.oDouble {
      writer.writeField("oDouble", value)
    }
    if let value = self.oBool {
      writer.writeField("oBool", value)
    }
    writer.endObject()
  }

  public mutating func mergeJSON(
    _ object: JSONObject, path: String
  ) throws(WireError) {
    for (name, value) in object.members where !value.isNull {
      switch name {
      case "oInt32", "o_int32":
        self.oInt32 = try Int32(json: value, path: "\(path).oInt32")
      case "oString", "o_string":
        self.oString = try String(json: value, path: "\(path).oString")
      case "oEnum", "o_enum":
        self.oEnum = try Color(json: value, path: "\(path).oEnum")
      case "oDouble", "o_double":
        self.oDouble = try Double(json: value, path: "\(path).oDouble")
      case "oBool", "o_bool":
        self.oBool = try Bool(json: value, path: "\(path).oBool")
      default:
        throw WireError(.unknownJSONField, "\(path): no field named \"\(name)\"")
      }
    }
  }
}

extension Maps {
  public func encodedSize() -> Int {
    var size = unknownFields.encodedSize
    for (key, value) in self.stringToInt32 {
      let entrySize = 1 + WireSize.string(key) + 1 + WireSize.int32(value)
      size += 1 + WireSize.lengthDelimited(entrySize)
    }
    for (key, value) in self.int64ToString {
      let entrySize = 1 + WireSize.int64(key) + 1 + WireSize.string(value)
      size += 1 + WireSize.lengthDelimited(entrySize)
    }
    for (_, value) in self.boolToBytes {
      let entrySize = 2 + 1 + WireSize.bytes(value)
      size += 1 + WireSize.lengthDelimited(entrySize)
    }
    for (key, value) in self.uint32ToMessage {
      let entrySize = 1 + WireSize.uint32(key) + 1 + WireSize.message(value)
      size += 1 + WireSize.lengthDelimited(entrySize)
    }
    for (key, value) in self.sint64ToEnum {
      let entrySize = 1 + WireSize.sint64(key) + 1 + WireSize.enumValue(value)
      size += 1 + WireSize.lengthDelimited(entrySize)
    }
    for _ in self.fixed32ToDouble {
      let entrySize = 5 + 9
      size += 1 + WireSize.lengthDelimited(entrySize)
    }
    return size
  }

  public func encode(to writer: inout WireWriter) {
    for key in WireMapKeys.sorted(self.stringToInt32) {
      let value = self.stringToInt32[key]!
      writer.writeTag(10)
      writer.writeVarint(UInt64(1 + WireSize.string(key) + 1 + WireSize.int32(value)))
      writer.writeString(key, tag: 10)
      writer.writeInt32(value, tag: 16)
    }
    for key in WireMapKeys.sorted(self.int64ToString) {
      let value = self.int64ToString[key]!
      writer.writeTag(18)
      writer.writeVarint(UInt64(1 + WireSize.int64(key) + 1 + WireSize.string(value)))
      writer.writeInt64(key, tag: 8)
      writer.writeString(value, tag: 18)
    }
    for key in WireMapKeys.sorted(self.boolToBytes) {
      let value = self.boolToBytes[key]!
      writer.writeTag(26)
      writer.writeVarint(UInt64(2 + 1 + WireSize.bytes(value)))
      writer.writeBool(key, tag: 8)
      writer.writeBytes(value, tag: 18)
    }
    for key in WireMapKeys.sorted(self.uint32ToMessage) {
      let value = self.uint32ToMessage[key]!
      writer.writeTag(34)
      writer.writeVarint(UInt64(1 + WireSize.uint32(key) + 1 + WireSize.message(value)))
      writer.writeUInt32(key, tag: 8)
      writer.writeMessage(value, tag: 18)
    }
    for key in WireMapKeys.sorted(self.sint64ToEnum) {
      let value = self.sint64ToEnum[key]!
      writer.writeTag(42)
      writer.writeVarint(UInt64(1 + WireSize.sint64(key) + 1 + WireSize.enumValue(value)))
      writer.writeSInt64(key, tag: 8)
      writer.writeEnum(value, tag: 16)
    }
    for key in WireMapKeys.sorted(self.fixed32ToDouble) {
      let value = self.fixed32ToDouble[key]!
      writer.writeTag(50)
      writer.writeVarint(UInt64(5 + 9))
      writer.writeFixed32(key, tag: 13)
      writer.writeDouble(value, tag: 17)
    }
    writer.writeUnknown(unknownFields)
  }

  public mutating func merge(from reader: inout WireReader) throws(WireError) {
    while let tag = try reader.nextTag() {
      switch tag.fieldNumber {
      case 1:
        var key: String = ""
        var value: Int32 = 0
        try reader.readMapEntry(tag) { (entry, entryTag) throws(WireError) in
          switch entryTag.fieldNumber {
          case 1:
            key = try entry.readString(entryTag)
          case 2:
            value = try entry.readInt32(entryTag)
          default:
            try entry.skip(entryTag)
          }
        }
        self.stringToInt32[key] = value
      case 2:
        var key: Int64 = 0
        var value: String = ""
        try reader.readMapEntry(tag) { (entry, entryTag) throws(WireError) in
          switch entryTag.fieldNumber {
          case 1:
            key = try entry.readInt64(entryTag)
          case 2:
            value = try entry.readString(entryTag)
          default:
            try entry.skip(entryTag)
          }
        }
        self.int64ToString[key] = value
      case 3:
        var key: Bool = false
        var value: [UInt8] = []
        try reader.readMapEntry(tag) { (entry, entryTag) throws(WireError) in
          switch entryTag.fieldNumber {
          case 1:
            key = try entry.readBool(entryTag)
          case 2:
            value = try entry.readBytes(entryTag)
          default:
            try entry.skip(entryTag)
          }
        }
        self.boolToBytes[key] = value
      case 4:
        var key: UInt32 = 0
        var value = Scalars()
        try reader.readMapEntry(tag) { (entry, entryTag) throws(WireError) in
          switch entryTag.fieldNumber {
          case 1:
            key = try entry.readUInt32(entryTag)
          case 2:
            try entry.readMessage(entryTag, into: &value)
          default:
            try entry.skip(entryTag)
          }
        }
        self.uint32ToMessage[key] = value
      case 5:
        var key: Int64 = 0
        var value: Color = .unspecified
        try reader.readMapEntry(tag) { (entry, entryTag) throws(WireError) in
          switch entryTag.fieldNumber {
          case 1:
            key = try entry.readSInt64(entryTag)
          case 2:
            value = try entry.readEnum(entryTag) as Color
          default:
            try entry.skip(entryTag)
          }
        }
        self.sint64ToEnum[key] = value
      case 6:
        var key: UInt32 = 0
        var value: Double = 0
        try reader.readMapEntry(tag) { (entry, entryTag) throws(WireError) in
          switch entryTag.fieldNumber {
          case 1:
            key = try entry.readFixed32(entryTag)
          case 2:
            value = try entry.readDouble(entryTag)
          default:
            try entry.skip(entryTag)
          }
        }
        self.fixed32ToDouble[key] = value
      default:
        try reader.skip(tag, into: &unknownFields)
      }
    }
  }

  public func writeJSON(to writer: inout JSONWriter) {
    writer.beginObject()
    if !self.stringToInt32.isEmpty {
      writer.writeField("stringToInt32", self.stringToInt32)
    }
    if !self.int64ToString.isEmpty {
      writer.writeField("int64ToString", self.int64ToString)
    }
    if !self.boolToBytes.isEmpty {
      writer.writeBytesField("boolToBytes", self.boolToBytes)
    }
    if !self.uint32ToMessage.isEmpty {
      writer.writeField("uint32ToMessage", self.uint32ToMessage)
    }
    if !self.sint64ToEnum.isEmpty {
      writer.writeField("sint64ToEnum", self.sint64ToEnum)
    }
    if !self.fixed32ToDouble.isEmpty {
      writer.writeField("fixed32ToDouble", self.fixed32ToDouble)
    }
    writer.endObject()
  }

  public mutating func mergeJSON(
    _ object: JSONObject, path: String
  ) throws(WireError) {
    for (name, value) in object.members where !value.isNull {
      switch name {
      case "stringToInt32", "string_to_int32":
        self.stringToInt32 = try value.decodeMap(
          String.self, Int32.self, path: "\(path).stringToInt32")
      case "int64ToString", "int64_to_string":
        self.int64ToString = try value.decodeMap(
          Int64.self, String.self, path: "\(path).int64ToString")
      case "boolToBytes", "bool_to_bytes":
        self.boolToBytes = try value.decodeBytesMap(Bool.self, path: "\(path).boolToBytes")
      case "uint32ToMessage", "uint32_to_message":
        self.uint32ToMessage = try value.decodeMap(
          UInt32.self, Scalars.self, path: "\(path).uint32ToMessage")
      case "sint64ToEnum", "sint64_to_enum":
        self.sint64ToEnum = try value.decodeMap(
          Int64.self, Color.self, path: "\(path).sint64ToEnum")
      case "fixed32ToDouble", "fixed32_to_double":
        self.fixed32ToDouble = try value.decodeMap(
          UInt32.self, Double.self, path: "\(path).fixed32ToDouble")
      default:
        throw WireError(.unknownJSONField, "\(path): no field named \"\(name)\"")
      }
    }
  }
}

extension Choice {
  public func encodedSize() -> Int {
    var size = unknownFields.encodedSize
    if case .number(let value)? = self.value {
      size += 1 + WireSize.int32(value)
    }
    if case .text(let value)? = self.value {
      size += 1 + WireSize.string(value)
    }
    if case .scalars(let value)? = self.value {
      size += 1 + WireSize.message(value)
    }
    if case .blob(let value)? = self.value {
      size += 1 + WireSize.bytes(value)
    }
    if case .color(let value)? = self.value {
      size += 1 + WireSize.enumValue(value)
    }
    if !self.label.isEmpty {
      size += 1 + WireSize.string(self.label)
    }
    return size
  }

  public func encode(to writer: inout WireWriter) {
    if case .number(let value)? = self.value {
      writer.writeInt32(value, tag: 8)
    }
    if case .text(let value)? = self.value {
      writer.writeString(value, tag: 18)
    }
    if case .scalars(let value)? = self.value {
      writer.writeMessage(value, tag: 26)
    }
    if case .blob(let value)? = self.value {
      writer.writeBytes(value, tag: 34)
    }
    if case .color(let value)? = self.value {
      writer.writeEnum(value, tag: 40)
    }
    if !self.label.isEmpty {
      writer.writeString(self.label, tag: 50)
    }
    writer.writeUnknown(unknownFields)
  }

  public mutating func merge(from reader: inout WireReader) throws(WireError) {
    while let tag = try reader.nextTag() {
      switch tag.fieldNumber {
      case 1:
        self.value = .number(try reader.readInt32(tag))
      case 2:
        self.value = .text(try reader.readString(tag))
      case 3:
        var value = Scalars()
        if case .scalars(let existing)? = self.value {
          value = existing
        }
        try reader.readMessage(tag, into: &value)
        self.value = .scalars(value)
      case 4:
        self.value = .blob(try reader.readBytes(tag))
      case 5:
        self.value = .color(try reader.readEnum(tag) as Color)
      case 6:
        self.label = try reader.readString(tag)
      default:
        try reader.skip(tag, into: &unknownFields)
      }
    }
  }

  public func writeJSON(to writer: inout JSONWriter) {
    writer.beginObject()
    if case .number(let value)? = self.value {
      writer.writeField("number", value)
    }
    if case .text(let value)? = self.value {
      writer.writeField("text", value)
    }
    if case .scalars(let value)? = self.value {
      writer.writeField("scalars", value)
    }
    if case .blob(let value)? = self.value {
      writer.writeBytesField("blob", value)
    }
    if case .color(let value)? = self.value {
      writer.writeField("color", value)
    }
    if !self.label.isEmpty {
      writer.writeField("label", self.label)
    }
    writer.endObject()
  }

  public mutating func mergeJSON(
    _ object: JSONObject, path: String
  ) throws(WireError) {
    for (name, value) in object.members where !value.isNull {
      switch name {
      case "number":
        self.value = .number(try Int32(json: value, path: "\(path).number"))
      case "text":
        self.value = .text(try String(json: value, path: "\(path).text"))
      case "scalars":
        self.value = .scalars(try Scalars(json: value, path: "\(path).scalars"))
      case "blob":
        self.value = .blob(try value.decodeBytes(path: "\(path).blob"))
      case "color":
        self.value = .color(try Color(json: value, path: "\(path).color"))
      case "label":
        self.label = try String(json: value, path: "\(path).label")
      default:
        throw WireError(.unknownJSONField, "\(path): no field named \"\(name)\"")
      }
    }
  }
}

extension Outer {
  public func encodedSize() -> Int {
    var size = unknownFields.encodedSize
    if let value = self.inner {
      size += 1 + WireSize.message(value)
    }
    for value in self.inners {
      size += 1 + WireSize.message(value)
    }
    if let value = self.deep {
      size += 1 + WireSize.message(value)
    }
    if self.far != 0 {
      size += 5 + WireSize.int32(self.far)
    }
    return size
  }

  public func encode(to writer: inout WireWriter) {
    if let value = self.inner {
      writer.writeMessage(value, tag: 10)
    }
    for value in self.inners {
      writer.writeMessage(value, tag: 18)
    }
    if let value = self.deep {
      writer.writeMessage(value, tag: 26)
    }
    if self.far != 0 {
      writer.writeInt32(self.far, tag: 4_294_967_288)
    }
    writer.writeUnknown(unknownFields)
  }

  public mutating func merge(from reader: inout WireReader) throws(WireError) {
    while let tag = try reader.nextTag() {
      switch tag.fieldNumber {
      case 1:
        try reader.readMessage(tag, into: &self.inner)
      case 2:
        self.inners.append(try reader.readMessage(tag, as: Outer.Inner.self))
      case 3:
        try reader.readMessage(tag, into: &self.deep)
      case 536_870_911:
        self.far = try reader.readInt32(tag)
      default:
        try reader.skip(tag, into: &unknownFields)
      }
    }
  }

  public func writeJSON(to writer: inout JSONWriter) {
    writer.beginObject()
    if let value = self.inner {
      writer.writeField("inner", value)
    }
    if !self.inners.isEmpty {
      writer.writeField("inners", self.inners)
    }
    if let value = self.deep {
      writer.writeField("deep", value)
    }
    if self.far != 0 {
      writer.writeField("far", self.far)
    }
    writer.endObject()
  }

  public mutating func mergeJSON(
    _ object: JSONObject, path: String
  ) throws(WireError) {
    for (name, value) in object.members where !value.isNull {
      switch name {
      case "inner":
        self.inner = try Outer.Inner(json: value, path: "\(path).inner")
      case "inners":
        self.inners = try value.decodeArray(Outer.Inner.self, path: "\(path).inners")
      case "deep":
        self.deep = try Outer.Inner.Deep(json: value, path: "\(path).deep")
      case "far":
        self.far = try Int32(json: value, path: "\(path).far")
      default:
        throw WireError(.unknownJSONField, "\(path): no field named \"\(name)\"")
      }
    }
  }
}

extension Outer.Inner {
  public func encodedSize() -> Int {
    var size = unknownFields.encodedSize
    if self.id != 0 {
      size += 1 + WireSize.int32(self.id)
    }
    if let value = self.deep {
      size += 1 + WireSize.message(value)
    }
    if !self.`default`.isEmpty {
      size += 1 + WireSize.string(self.`default`)
    }
    return size
  }

  public func encode(to writer: inout WireWriter) {
    if self.id != 0 {
      writer.writeInt32(self.id, tag: 8)
    }
    if let value = self.deep {
      writer.writeMessage(value, tag: 18)
    }
    if !self.`default`.isEmpty {
      writer.writeString(self.`default`, tag: 26)
    }
    writer.writeUnknown(unknownFields)
  }

  public mutating func merge(from reader: inout WireReader) throws(WireError) {
    while let tag = try reader.nextTag() {
      switch tag.fieldNumber {
      case 1:
        self.id = try reader.readInt32(tag)
      case 2:
        try reader.readMessage(tag, into: &self.deep)
      case 3:
        self.`default` = try reader.readString(tag)
      default:
        try reader.skip(tag, into: &unknownFields)
      }
    }
  }

  public func writeJSON(to writer: inout JSONWriter) {
    writer.beginObject()
    if self.id != 0 {
      writer.writeField("id", self.id)
    }
    if let value = self.deep {
      writer.writeField("deep", value)
    }
    if !self.`default`.isEmpty {
      writer.writeField("default", self.`default`)
    }
    writer.endObject()
  }

  public mutating func mergeJSON(
    _ object: JSONObject, path: String
  ) throws(WireError) {
    for (name, value) in object.members where !value.isNull {
      switch name {
      case "id":
        self.id = try Int32(json: value, path: "\(path).id")
      case "deep":
        self.deep = try Outer.Inner.Deep(json: value, path: "\(path).deep")
      case "default":
        self.`default` = try String(json: value, path: "\(path).default")
      default:
        throw WireError(.unknownJSONField, "\(path): no field named \"\(name)\"")
      }
    }
  }
}

extension Outer.Inner.Deep {
  public func encodedSize() -> Int {
    var size = unknownFields.encodedSize
    if !self.note.isEmpty {
      size += 1 + WireSize.string(self.note)
    }
    return size
  }

  public func encode(to writer: inout WireWriter) {
    if !self.note.isEmpty {
      writer.writeString(self.note, tag: 10)
    }
    writer.writeUnknown(unknownFields)
  }

  public mutating func merge(from reader: inout WireReader) throws(WireError) {
    while let tag = try reader.nextTag() {
      switch tag.fieldNumber {
      case 1:
        self.note = try reader.readString(tag)
      default:
        try reader.skip(tag, into: &unknownFields)
      }
    }
  }

  public func writeJSON(to writer: inout JSONWriter) {
    writer.beginObject()
    if !self.note.isEmpty {
      writer.writeField("note", self.note)
    }
    writer.endObject()
  }

  public mutating func mergeJSON(
    _ object: JSONObject, path: String
  ) throws(WireError) {
    for (name, value) in object.members where !value.isNull {
      switch name {
      case "note":
        self.note = try String(json: value, path: "\(path).note")
      default:
        throw WireError(.unknownJSONField, "\(path): no field named \"\(name)\"")
      }
    }
  }
}

extension VersionOld {
  public func encodedSize() -> Int {
    var size = unknownFields.encodedSize
    if self.id != 0 {
      size += 1 + WireSize.int32(self.id)
    }
    return size
  }

  public func encode(to writer: inout WireWriter) {
    if self.id != 0 {
      writer.writeInt32(self.id, tag: 8)
    }
    writer.writeUnknown(unknownFields)
  }

  public mutating func merge(from reader: inout WireReader) throws(WireError) {
    while let tag = try reader.nextTag() {
      switch tag.fieldNumber {
      case 1:
        self.id = try reader.readInt32(tag)
      default:
        try reader.skip(tag, into: &unknownFields)
      }
    }
  }

  public func writeJSON(to writer: inout JSONWriter) {
    writer.beginObject()
    if self.id != 0 {
      writer.writeField("id", self.id)
    }
    writer.endObject()
  }

  public mutating func mergeJSON(
    _ object: JSONObject, path: String
  ) throws(WireError) {
    for (name, value) in object.members where !value.isNull {
      switch name {
      case "id":
        self.id = try Int32(json: value, path: "\(path).id")
      default:
        throw WireError(.unknownJSONField, "\(path): no field named \"\(name)\"")
      }
    }
  }
}

extension VersionNew {
  public func encodedSize() -> Int {
    var size = unknownFields.encodedSize
    if self.id != 0 {
      size += 1 + WireSize.int32(self.id)
    }
    if !self.name.isEmpty {
      size += 1 + WireSize.string(self.name)
    }
    if self.stamp != 0 {
      size += 9
    }
    if self.small != 0 {
      size += 5
    }
    if !self.values.isEmpty {
      size += 1 + WireSize.lengthDelimited(WireSize.packed(self.values, WireSize.int32))
    }
    if let value = self.nested {
      size += 1 + WireSize.message(value)
    }
    return size
  }

  public func encode(to writer: inout WireWriter) {
    if self.id != 0 {
      writer.writeInt32(self.id, tag: 8)
    }
    if !self.name.isEmpty {
      writer.writeString(self.name, tag: 18)
    }
    if self.stamp != 0 {
      writer.writeFixed64(self.stamp, tag: 25)
    }
    if self.small != 0 {
      writer.writeFixed32(self.small, tag: 37)
    }
    if !self.values.isEmpty {
      writer.writePacked(
        self.values, tag: 42, payloadSize: WireSize.packed(self.values, WireSize.int32),
        write: WireWriter.int32Value)
    }
    if let value = self.nested {
      writer.writeMessage(value, tag: 50)
    }
    writer.writeUnknown(unknownFields)
  }

  public mutating func merge(from reader: inout WireReader) throws(WireError) {
    while let tag = try reader.nextTag() {
      switch tag.fieldNumber {
      case 1:
        self.id = try reader.readInt32(tag)
      case 2:
        self.name = try reader.readString(tag)
      case 3:
        self.stamp = try reader.readFixed64(tag)
      case 4:
        self.small = try reader.readFixed32(tag)
      case 5:
        try reader.readRepeated(
          tag, elementWireType: .varint, into: &self.values,
          read: WireReader.int32Value)
      case 6:
        try reader.readMessage(tag, into: &self.nested)
      default:
        try reader.skip(tag, into: &unknownFields)
      }
    }
  }

  public func writeJSON(to writer: inout JSONWriter) {
    writer.beginObject()
    if self.id != 0 {
      writer.writeField("id", self.id)
    }
    if !self.name.isEmpty {
      writer.writeField("name", self.name)
    }
    if self.stamp != 0 {
      writer.writeField("stamp", self.stamp)
    }
    if self.small != 0 {
      writer.writeField("small", self.small)
    }
    if !self.values.isEmpty {
      writer.writeField("values", self.values)
    }
    if let value = self.nested {
      writer.writeField("nested", value)
    }
    writer.endObject()
  }

  public mutating func mergeJSON(
    _ object: JSONObject, path: String
  ) throws(WireError) {
    for (name, value) in object.members where !value.isNull {
      switch name {
      case "id":
        self.id = try Int32(json: value, path: "\(path).id")
      case "name":
        self.name = try String(json: value, path: "\(path).name")
      case "stamp":
        self.stamp = try UInt64(json: value, path: "\(path).stamp")
      case "small":
        self.small = try UInt32(json: value, path: "\(path).small")
      case "values":
        self.values = try value.decodeArray(Int32.self, path: "\(path).values")
      case "nested":
        self.nested = try Scalars(json: value, path: "\(path).nested")
      default:
        throw WireError(.unknownJSONField, "\(path): no field named \"\(name)\"")
      }
    }
  }
}

extension Tree {
  public func encodedSize() -> Int {
    var size = unknownFields.encodedSize
    for value in self.children {
      size += 1 + WireSize.message(value)
    }
    if self.value != 0 {
      size += 1 + WireSize.int32(self.value)
    }
    return size
  }

  public func encode(to writer: inout WireWriter) {
    for value in self.children {
      writer.writeMessage(value, tag: 10)
    }
    if self.value != 0 {
      writer.writeInt32(self.value, tag: 16)
    }
    writer.writeUnknown(unknownFields)
  }

  public mutating func merge(from reader: inout WireReader) throws(WireError) {
    while let tag = try reader.nextTag() {
      switch tag.fieldNumber {
      case 1:
        self.children.append(try reader.readMessage(tag, as: Tree.self))
      case 2:
        self.value = try reader.readInt32(tag)
      default:
        try reader.skip(tag, into: &unknownFields)
      }
    }
  }

  public func writeJSON(to writer: inout JSONWriter) {
    writer.beginObject()
    if !self.children.isEmpty {
      writer.writeField("children", self.children)
    }
    if self.value != 0 {
      writer.writeField("value", self.value)
    }
    writer.endObject()
  }

  public mutating func mergeJSON(
    _ object: JSONObject, path: String
  ) throws(WireError) {
    for (name, value) in object.members where !value.isNull {
      switch name {
      case "children":
        self.children = try value.decodeArray(Tree.self, path: "\(path).children")
      case "value":
        self.value = try Int32(json: value, path: "\(path).value")
      default:
        throw WireError(.unknownJSONField, "\(path): no field named \"\(name)\"")
      }
    }
  }
}
