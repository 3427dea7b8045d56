/// A CSV file (RFC 4180, leniently): records of fields, each with the line
/// it starts on, read from UTF-8 text with or without a byte-order mark and
/// with CRLF, LF or CR line ends.
///
/// Quoted fields may hold commas, doubled quotes and line breaks. A record
/// that cannot be read is kept as ``Row/malformed(line:reason:)`` and reading
/// goes on with the next line, so one bad row costs one row. Blank lines are
/// skipped.
public struct CSVDocument: Sendable {
  /// One record of the file.
  public enum Row: Sendable, Hashable {
    /// The fields of a record that starts on `line` (counted from 1).
    case record(line: Int, fields: [String])
    /// A record starting on `line` that could not be read, and why.
    case malformed(line: Int, reason: String)

    /// The line the record starts on.
    public var line: Int {
      switch self {
      case .record(let line, _), .malformed(let line, _): line
      }
    }
  }

  /// Every record in file order, the header row included.
  public let rows: [Row]

  /// Reads a file's bytes.
  /// - Throws: ``CSVError`` when the bytes are not UTF-8 text.
  public init(bytes: [UInt8]) throws(CSVError) {
    var text = bytes[...]
    if text.starts(with: [0xEF, 0xBB, 0xBF]) {
      text = text.dropFirst(3)
    }
    try Self.checkText(text)
    var parser = Parser(bytes: text)
    rows = parser.parseAll()
  }

  /// Fails unless `bytes` are UTF-8 text: valid sequences and no NUL byte.
  private static func checkText(_ bytes: ArraySlice<UInt8>) throws(CSVError) {
    if let nul = bytes.firstIndex(of: 0) {
      throw CSVError(
        "contains a NUL byte on line \(line(of: nul, in: bytes)); it looks like a binary file")
    }
    var index = bytes.startIndex
    while index < bytes.endIndex {
      let length = sequenceLength(bytes, at: index)
      guard length > 0 else {
        throw CSVError(
          "is not UTF-8 text: invalid byte 0x\(String(bytes[index], radix: 16, uppercase: true))"
            + " on line \(line(of: index, in: bytes))")
      }
      index += length
    }
  }

  /// The length of the well-formed UTF-8 sequence at `index`, or 0.
  private static func sequenceLength(_ bytes: ArraySlice<UInt8>, at index: Int) -> Int {
    let lead = bytes[index]
    let length: Int
    let lowest: UInt32
    switch lead {
    case 0x00...0x7F: return 1
    case 0xC2...0xDF: (length, lowest) = (2, 0x80)
    case 0xE0...0xEF: (length, lowest) = (3, 0x800)
    case 0xF0...0xF4: (length, lowest) = (4, 0x10000)
    default: return 0
    }
    guard index + length <= bytes.endIndex else { return 0 }
    var scalar = UInt32(lead) & (0xFF >> (length + 1))
    for offset in 1..<length {
      let byte = bytes[index + offset]
      guard byte & 0xC0 == 0x80 else { return 0 }
      scalar = scalar << 6 | UInt32(byte & 0x3F)
    }
    let isSurrogate = (0xD800...0xDFFF).contains(scalar)
    return scalar >= lowest && scalar <= 0x10FFFF && !isSurrogate ? length : 0
  }

  /// The line (from 1) that the byte at `index` is on.
  private static func line(of index: Int, in bytes: ArraySlice<UInt8>) -> Int {
    1 + bytes[..<index].reduce(0) { $0 + ($1 == UInt8(ascii: "\n") ? 1 : 0) }
  }
}

/// A file that is not CSV text at all.
public struct CSVError: Error, Sendable, Hashable, CustomStringConvertible {
  /// What is wrong, as the end of a sentence that starts with the file name.
  public let message: String

  init(_ message: String) {
    self.message = message
  }

  public var description: String { message }
}

/// The record reader: one pass over the bytes, counting lines.
private struct Parser {
  private static let quote = UInt8(ascii: "\"")
  private static let comma = UInt8(ascii: ",")
  private static let lineFeed = UInt8(ascii: "\n")
  private static let carriageReturn = UInt8(ascii: "\r")

  let bytes: ArraySlice<UInt8>
  var index: Int
  var line = 1

  init(bytes: ArraySlice<UInt8>) {
    self.bytes = bytes
    index = bytes.startIndex
  }

  mutating func parseAll() -> [CSVDocument.Row] {
    var rows: [CSVDocument.Row] = []
    while index < bytes.endIndex {
      if isAtLineEnd {
        consumeLineEnd()
        continue
      }
      rows.append(parseRecord())
    }
    return rows
  }

  private var isAtLineEnd: Bool {
    bytes[index] == Self.lineFeed || bytes[index] == Self.carriageReturn
  }

  /// Steps over one CRLF, LF or CR.
  private mutating func consumeLineEnd() {
    if bytes[index] == Self.carriageReturn, index + 1 < bytes.endIndex,
      bytes[index + 1] == Self.lineFeed
    {
      index += 1
    }
    index += 1
    line += 1
  }

  /// Reads one record, ending after its line end.
  private mutating func parseRecord() -> CSVDocument.Row {
    let startLine = line
    var fields: [String] = []
    while true {
      var field: [UInt8] = []
      if index < bytes.endIndex, bytes[index] == Self.quote {
        let fieldLine = line
        index += 1
        var isClosed = false
        while index < bytes.endIndex {
          let byte = bytes[index]
          if byte == Self.quote {
            if index + 1 < bytes.endIndex, bytes[index + 1] == Self.quote {
              field.append(Self.quote)
              index += 2
              continue
            }
            index += 1
            isClosed = true
            break
          }
          if isAtLineEnd {
            // Keep the break as written, but count the line.
            let start = index
            consumeLineEnd()
            field.append(contentsOf: bytes[start..<index])
            continue
          }
          field.append(byte)
          index += 1
        }
        guard isClosed else {
          return .malformed(
            line: startLine,
            reason: "the quoted field opened on line \(fieldLine) is never closed")
        }
        if index < bytes.endIndex, bytes[index] != Self.comma, !isAtLineEnd {
          skipRestOfLine()
          return .malformed(
            line: startLine,
            reason: "field \(fields.count + 1) has text after its closing quote")
        }
      } else {
        while index < bytes.endIndex, bytes[index] != Self.comma, !isAtLineEnd {
          field.append(bytes[index])
          index += 1
        }
      }
      fields.append(String(decoding: field, as: UTF8.self))

      guard index < bytes.endIndex else { break }
      if bytes[index] == Self.comma {
        index += 1
        continue
      }
      consumeLineEnd()
      break
    }
    return .record(line: startLine, fields: fields)
  }

  private mutating func skipRestOfLine() {
    while index < bytes.endIndex, !isAtLineEnd {
      index += 1
    }
    if index < bytes.endIndex {
      consumeLineEnd()
    }
  }
}
