import ClientTools
import Testing

@Suite("Reading CSV files")
struct CSVDocumentTests {
  @Test("quoted fields keep commas, doubled quotes and line breaks, and lines are counted")
  func quotedFields() throws {
    let text =
      "email,name\r\n\"a@x.test\",\"Doe, \"\"J\"\"\"\r\nb@x.test,\"two\nlines\"\nc@x.test,C\n"
    let document = try CSVDocument(bytes: Array(text.utf8))
    #expect(
      document.rows == [
        .record(line: 1, fields: ["email", "name"]),
        .record(line: 2, fields: ["a@x.test", "Doe, \"J\""]),
        .record(line: 3, fields: ["b@x.test", "two\nlines"]),
        .record(line: 5, fields: ["c@x.test", "C"]),
      ])
  }

  @Test(
    "line ends, byte-order marks, blank lines and a missing final newline read alike",
    arguments: [
      "email\nA\n\nB", "\u{FEFF}email\r\nA\r\n\r\nB\r\n", "email\rA\r\rB\r",
    ])
  func lineEnds(text: String) throws {
    let document = try CSVDocument(bytes: Array(text.utf8))
    #expect(
      document.rows == [
        .record(line: 1, fields: ["email"]), .record(line: 2, fields: ["A"]),
        .record(line: 4, fields: ["B"]),
      ])
  }

  @Test("a malformed row costs that row only")
  func malformedRows() throws {
    let text = "a,b\n\"x\"y,1\n2,3\n\"open,4\n5,6\n"
    let document = try CSVDocument(bytes: Array(text.utf8))
    #expect(document.rows.count == 4)
    #expect(
      document.rows[1] == .malformed(line: 2, reason: "field 1 has text after its closing quote"))
    #expect(document.rows[2] == .record(line: 3, fields: ["2", "3"]))
    #expect(document.rows[3].line == 4, "an unclosed quote runs to the end of the file")
  }

  @Test(
    "bytes that are not UTF-8 text are refused with where they are",
    arguments: [
      ([0x61, 0x0A, 0x62, 0x00], "NUL byte on line 2"),
      ([0x61, 0x0A, 0x0A, 0xC3, 0x28], "invalid byte 0xC3 on line 3"),
      ([0xED, 0xA0, 0x80], "invalid byte 0xED on line 1"),
    ] as [([UInt8], String)])
  func notText(bytes: [UInt8], expected: String) {
    #expect {
      _ = try CSVDocument(bytes: bytes)
    } throws: { error in
      (error as? CSVError)?.message.contains(expected) == true
    }
  }
}
