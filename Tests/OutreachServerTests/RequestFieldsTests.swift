import RPC
import Testing

@testable import OutreachServer

@Suite("Request field checks")
struct RequestFieldsTests {
  @Test(
    "a one-line field refuses every control character",
    arguments: ["\r\n", "\n", "\t", "\0", "\u{7F}"])
  func singleLineControls(control: String) {
    #expect(throws: RPCError.self) {
      try RequestFields.singleLine("Hi\(control)Bcc: x", field: "subject")
    }
  }

  @Test("a multi-line field allows tabs and line breaks but not NUL or DEL")
  func multiLineControls() throws {
    let body = "Hello,\r\n\tthere\n"
    #expect(try RequestFields.multiLine(body, field: "body_text") == body)
    for control in ["\0", "\u{7F}", "\u{1B}"] {
      #expect(throws: RPCError.self) {
        try RequestFields.multiLine("a\(control)b", field: "body_text")
      }
    }
  }

  @Test("both refuse over-long and, when required, blank values, naming the field")
  func lengthAndEmptiness() {
    do {
      try RequestFields.singleLine("abcd", field: "name", maxBytes: 3)
      Issue.record("an over-long value was accepted")
    } catch {
      #expect(error.code == .invalidArgument)
      #expect(error.message == "name is longer than 3 bytes")
    }
    do {
      try RequestFields.multiLine(" \n ", field: "body_text", required: true)
      Issue.record("a blank required value was accepted")
    } catch {
      #expect(error.message == "body_text must not be empty")
    }
    #expect(throws: Never.self) { try RequestFields.singleLine("", field: "name") }
  }
}
