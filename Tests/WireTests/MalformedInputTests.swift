import Testing
import Wire

/// A malformed buffer and the error it must raise.
struct MalformedCase: Sendable, CustomStringConvertible {
  let description: String
  let bytes: [UInt8]
  let code: WireError.Code
  let offset: Int
}

/// `Tree` nested `depth` levels below the top message.
func nestedTree(depth: Int) -> [UInt8] {
  var bytes: [UInt8] = []
  for _ in 0..<depth {
    var length = bytes.count
    var prefix: [UInt8] = [0x0A]
    while length >= 0x80 {
      prefix.append(UInt8(length & 0x7F) | 0x80)
      length >>= 7
    }
    prefix.append(UInt8(length))
    bytes = prefix + bytes
  }
  return bytes
}

@Suite("Malformed binary input")
struct MalformedInputTests {
  static let cases: [MalformedCase] = [
    MalformedCase(
      description: "a varint cut short", bytes: [0x18, 0x80], code: .truncated, offset: 1),
    MalformedCase(
      description: "a fixed64 cut short", bytes: [0x09, 1, 2, 3], code: .truncated, offset: 1),
    MalformedCase(
      description: "a fixed32 cut short", bytes: [0x15, 1], code: .truncated, offset: 1),
    MalformedCase(
      description: "a varint of eleven bytes",
      bytes: [0x18] + Array(repeating: 0xFF, count: 10) + [0x01], code: .overlongVarint,
      offset: 1),
    MalformedCase(
      description: "a ten-byte varint past 64 bits",
      bytes: [0x18] + Array(repeating: 0xFF, count: 9) + [0x02], code: .overlongVarint,
      offset: 1),
    MalformedCase(
      description: "a string length past the buffer", bytes: [0x72, 0x05, 0x61, 0x62],
      code: .lengthOutOfBounds, offset: 1),
    MalformedCase(
      description: "a huge length", bytes: [0x72, 0xFF, 0xFF, 0xFF, 0xFF, 0x0F],
      code: .lengthOutOfBounds, offset: 1),
    MalformedCase(
      description: "an int32 field sent as fixed32", bytes: [0x1D, 0, 0, 0, 0],
      code: .wrongWireType, offset: 0),
    MalformedCase(
      description: "a string field sent as a varint", bytes: [0x18, 0x01, 0x70, 0x01],
      code: .wrongWireType, offset: 2),
    MalformedCase(
      description: "wire type 6", bytes: [0x0E], code: .invalidWireType, offset: 0),
    MalformedCase(
      description: "wire type 7", bytes: [0x18, 0x00, 0x0F], code: .invalidWireType, offset: 2),
    MalformedCase(
      description: "a string that is not UTF-8", bytes: [0x72, 0x02, 0xC3, 0x28],
      code: .invalidUTF8, offset: 2),
    MalformedCase(
      description: "field number 0", bytes: [0x00, 0x01], code: .invalidFieldNumber, offset: 0),
    MalformedCase(
      description: "field number 2^29", bytes: [0x80, 0x80, 0x80, 0x80, 0x10, 0x00],
      code: .invalidFieldNumber, offset: 0),
    MalformedCase(
      description: "an end-group tag without a start", bytes: [0x3C], code: .unmatchedGroup,
      offset: 0),
    MalformedCase(
      description: "a group closed by another field", bytes: [0x3B, 0x44],
      code: .unmatchedGroup, offset: 1),
    MalformedCase(
      description: "a group never closed", bytes: [0x3B, 0x08, 0x05], code: .truncated,
      offset: 0),
    MalformedCase(
      description: "a packed fixed32 run of three bytes", bytes: [0x4A, 0x03, 1, 2, 3],
      code: .truncated, offset: 2),
    MalformedCase(
      description: "a sub-message longer than its parent",
      bytes: [0x0A, 0x03, 0x0A, 0x05, 0x00], code: .lengthOutOfBounds, offset: 3),
  ]

  @Test("each malformed buffer throws the right WireError at the right byte", arguments: cases)
  func rejects(_ malformed: MalformedCase) {
    // Every case uses field numbers that mean something in at least one of
    // these messages; decode with the one whose fields the case targets.
    let decode: ([UInt8]) throws -> Void =
      switch malformed.description {
      case let name where name.contains("packed"): { _ = try Repeated(serializedBytes: $0) }
      case let name where name.contains("group") || name.contains("sub-message"):
        { _ = try Tree(serializedBytes: $0) }
      default: { _ = try Scalars(serializedBytes: $0) }
      }

    #expect {
      try decode(malformed.bytes)
    } throws: { error in
      guard let error = error as? WireError else { return false }
      return error.code == malformed.code && error.offset == malformed.offset
    }
  }

  @Test("messages nested 100 levels deep decode; 101 levels throw nestingTooDeep")
  func nestingLimit() throws {
    let allowed = try Tree(serializedBytes: nestedTree(depth: WireReader.maximumDepth))

    var depth = 0
    var node: Tree? = allowed
    while let current = node, let child = current.children.first {
      depth += 1
      node = child
    }
    #expect(depth == WireReader.maximumDepth)
    #expect {
      try Tree(serializedBytes: nestedTree(depth: WireReader.maximumDepth + 1))
    } throws: { error in
      (error as? WireError)?.code == .nestingTooDeep
    }
  }

  @Test("groups nested past the limit throw nestingTooDeep instead of recursing")
  func groupNestingLimit() {
    let depth = 200
    let bytes = Array(repeating: UInt8(0x3B), count: depth) + Array(repeating: 0x3C, count: depth)

    #expect {
      try VersionOld(serializedBytes: bytes)
    } throws: { error in
      (error as? WireError)?.code == .nestingTooDeep
    }
  }

  @Test("an error message names what failed and the byte offset")
  func errorDescription() {
    #expect {
      try Scalars(serializedBytes: [0x72, 0x05, 0x61])
    } throws: { error in
      "\(error)" == "length 5 runs past the end of the input (1 bytes left) at byte 1"
    }
  }
}
