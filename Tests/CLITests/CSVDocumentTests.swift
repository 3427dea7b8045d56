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
}
