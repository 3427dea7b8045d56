import Foundation
import Testing
import Wire

@Suite("Binary format against protoc")
struct GoldenTests {
  @Test("our encoder writes the bytes protoc --encode writes", arguments: GoldenCase.all)
  func encodesLikeProtoc(_ golden: GoldenCase) throws {
    let expected = try Protoc.encode(golden.messageName, text: golden.text)

    #expect(golden.message.serializedBytes() == expected)
  }

  @Test("our decoder reads protoc's bytes back to the same values", arguments: GoldenCase.all)
  func decodesProtocBytes(_ golden: GoldenCase) throws {
    let bytes = try Protoc.encode(golden.messageName, text: golden.text)

    let decoded = try type(of: golden.message).init(serializedBytes: bytes)
    let matches = isEqual(decoded, golden.message)

    #expect(matches, "decoded \(decoded)")
  }

  @Test("negative zero survives a round trip with its sign")
  func negativeZeroKeepsItsSign() throws {
    let bytes = Scalars.with { $0.fDouble = -0.0 }.serializedBytes()

    let decoded = try Scalars(serializedBytes: bytes)

    #expect(decoded.fDouble.sign == .minus)
  }

  @Test("maps with several entries decode from protoc and protoc reads ours")
  func multiEntryMaps() throws {
    let text = #"""
      string_to_int32 { key: "a" value: 1 } string_to_int32 { key: "b" value: -2 }
      string_to_int32 { key: "c" value: 3 } int64_to_string { key: 1 value: "x" }
      int64_to_string { key: -1 value: "y" } bool_to_bytes { key: false value: "" }
      bool_to_bytes { key: true value: "z" }
      """#
    let expected = Maps.with {
      $0.stringToInt32 = ["a": 1, "b": -2, "c": 3]
      $0.int64ToString = [1: "x", -1: "y"]
      $0.boolToBytes = [false: [], true: [122]]
    }

    let fromProtoc = try Maps(serializedBytes: try Protoc.encode(Maps.protoMessageName, text: text))
    let protocText = try Protoc.decode(Maps.protoMessageName, bytes: expected.serializedBytes())
    let roundTrip = try Maps(
      serializedBytes: try Protoc.encode(Maps.protoMessageName, text: protocText))

    #expect(fromProtoc == expected)
    #expect(roundTrip == expected)
  }

  @Test("unknown fields of every wire type are kept and written back unchanged")
  func unknownFieldsRoundTrip() throws {
    let text = #"""
      id: 7 name: "later" stamp: 18446744073709551615 small: 3 values: [1, -1]
      nested { f_string: "inner" }
      """#
    let newer = try Protoc.encode(VersionNew.protoMessageName, text: text)

    let older = try VersionOld(serializedBytes: newer)

    #expect(older.id == 7)
    #expect(!older.unknownFields.isEmpty)
    #expect(older.serializedBytes() == newer)
  }

  @Test("an unknown group is skipped, kept and written back")
  func unknownGroupRoundTrip() throws {
    // Field 1 = 1, then group 7 holding field 1 = 5 and a nested group 8.
    let bytes: [UInt8] = [0x08, 0x01, 0x3B, 0x08, 0x05, 0x43, 0x44, 0x3C]

    let message = try VersionOld(serializedBytes: bytes)

    #expect(message.id == 1)
    #expect(message.unknownFields.bytes == Array(bytes[2...]))
    #expect(message.serializedBytes() == bytes)
  }

  @Test("repeated scalars decode from unpacked, packed and mixed encodings")
  func unpackedRepeatedAccepted() throws {
    let bytes: [UInt8] = [
      0x18, 0x01, 0x18, 0x02, 0x1A, 0x01, 0x03,  // r_int32: 1, 2 unpacked, then [3] packed
      0x4D, 0x04, 0x00, 0x00, 0x00,  // r_fixed32: 4, unpacked
      0x80, 0x01, 0x01, 0x80, 0x01, 0x0A,  // r_enum: RED, BLUE, unpacked
    ]

    let message = try Repeated(serializedBytes: bytes)

    #expect(message.rInt32 == [1, 2, 3])
    #expect(message.rFixed32 == [4])
    #expect(message.rEnum == [.red, .blue])
  }

  @Test("the last value of a repeated scalar field wins, in a oneof too")
  func lastValueWins() throws {
    let scalars = try Scalars(serializedBytes: [0x18, 0x01, 0x18, 0x02])
    let choice = try Choice(serializedBytes: [0x08, 0x05, 0x12, 0x01, 0x61])

    #expect(scalars.fInt32 == 2)
    #expect(choice.value == .text("a"))
  }

  @Test("a sub-message that appears twice is merged, as protoc merges it")
  func subMessagesMerge() throws {
    let first = try Protoc.encode(Outer.protoMessageName, text: "inner { id: 1 }")
    let second = try Protoc.encode(Outer.protoMessageName, text: #"inner { deep { note: "n" } }"#)

    let merged = try Outer(serializedBytes: first + second)

    #expect(merged.inner?.id == 1)
    #expect(merged.inner?.deep?.note == "n")
  }

  @Test("an enum number the schema does not name is kept")
  func unknownEnumValueKept() throws {
    let bytes: [UInt8] = [0x80, 0x01, 0x63]  // f_enum = 99

    let message = try Scalars(serializedBytes: bytes)

    #expect(message.fEnum == .unrecognized(99))
    #expect(message.serializedBytes() == bytes)
  }

  @Test("protoc accepts every schema file unchanged")
  func protocAcceptsSchema() throws {
    let schema = Repository.root.appendingPathComponent("schema")
    let files = FileManager.default.enumerator(atPath: schema.path)!
      .compactMap { $0 as? String }.filter { $0.hasSuffix(".proto") }.sorted()

    let result = try runProcess(
      Protoc.executable, ["-I\(schema.path)", "--descriptor_set_out=/dev/null"] + files, input: [])

    #expect(files.count >= 7)
    #expect(result.status == 0, "\(result.error)")
  }
}
