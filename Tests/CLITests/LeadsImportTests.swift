import Foundation
import Testing

/// `outreach leads import` with files as people export them.
@Suite("Importing leads from CSV files", .serialized)
struct LeadsImportTests {
  /// A generated file: 10,000 rows, 3 % of them bad in four ways, with the
  /// line numbers and outcome each bad row must get.
  struct GeneratedFile {
    var text = ""
    var line = 0
    var rows = 0
    var expectedAdded = 0
    var expectedMerged = 0
    /// Line → a word the reason must contain, for every rejected row.
    var expectedRejections: [Int: String] = [:]

    mutating func append(_ row: String, lines: Int = 1) {
      text += row + "\r\n"
      line += lines
      rows += 1
    }

    init(rows total: Int) {
      // Columns in an unusual order; a BOM in front; CRLF line ends.
      text = "\u{FEFF}"
      append("name,email,company")
      for index in 1...total {
        let email = "person\(index)@example.com"
        switch index % 100 {
        case 7:
          append("Bad \(index),person\(index)@@example.com,Acme")
          expectedRejections[line] = "email"
        case 37:
          append("Short \(index),\(email)")
          expectedRejections[line] = "field"
        case 67:
          // A quoted name holding a line break: one row over two lines,
          // which the server rejects as a name must be one line.
          append("\"Two\nLines \(index)\",\(email),Acme", lines: 2)
          expectedRejections[line - 1] = "name"
        default:
          if index % 100 == 97 {
            append("\"Case, \"\"Dup\"\" \(index)\",PERSON\(index - 1)@EXAMPLE.COM,Acme")
            expectedMerged += 1
          } else {
            append("\"Name, \(index)\",\(email),\"Acme, Inc.\"")
            expectedAdded += 1
          }
        }
      }
    }
  }

  @Test("a 10,000-row file with 3 % bad rows: counts and the line of every rejected row")
  func largeFileWithBadRows() async throws {
    let file = GeneratedFile(rows: 10_000)
    #expect(file.expectedRejections.count == 300)
    try await ServerProcess.withServer { server in
      let path = server.folder.appendingPathComponent("leads.csv")
      try Data(file.text.utf8).write(to: path)
      let output = try await Tools.run(
        "outreach", ["leads", "import", path.path], environment: server.clientEnvironment)
      #expect(output.status == 0, "\(output.standardError)")
      #expect(output.standardError.isEmpty, "no progress bar when stderr is not a terminal")
      #expect(
        output.lines.first
          == "\(path.path): \(file.expectedAdded) added, \(file.expectedMerged) merged, 300 rejected"
      )

      var reported: [Int: String] = [:]
      for line in output.lines.dropFirst() {
        let text = line.trimmingCharacters(in: .whitespaces)
        let number = Int(text.dropFirst("line ".count).prefix { $0.isNumber })
        reported[try #require(number, "\(line)")] = text
      }
      #expect(reported.keys.sorted() == file.expectedRejections.keys.sorted())
      for (line, word) in file.expectedRejections {
        #expect(reported[line]?.contains(word) == true, "line \(line): \(reported[line] ?? "")")
      }

      let listed = try await Tools.run(
        "outreach", ["leads", "list", "--json"], environment: server.clientEnvironment)
      #expect(listed.lines.count == file.expectedAdded)
    }
  }

  @Test("--json reports the counts and every rejection in line order")
  func jsonReport() async throws {
    let text = "email,name\nok@example.com,A\nbroken\n\"x@example.com,B\n"
    try await ServerProcess.withServer { server in
      let path = server.folder.appendingPathComponent("small.csv")
      try Data(text.utf8).write(to: path)
      let output = try await Tools.run(
        "outreach", ["leads", "import", path.path, "--json"], environment: server.clientEnvironment)
      #expect(output.status == 0)
      let report = try #require(
        try JSONSerialization.jsonObject(with: Data(output.standardOutput.utf8)) as? [String: Any])
      #expect(report["added"] as? String == "1")
      #expect(report["merged"] as? String == "0")
      #expect(report["rejected"] as? String == "2")
      let errors = try #require(report["errors"] as? [[String: Any]])
      #expect(errors.map { $0["line"] as? String } == ["3", "4"])
      #expect((errors[1]["reason"] as? String)?.contains("never closed") == true)
    }
  }

  @Test("a file with only a header imports nothing and says so")
  func headerOnly() async throws {
    try await ServerProcess.withServer { server in
      let path = server.folder.appendingPathComponent("empty.csv")
      try Data("email,name\r\n".utf8).write(to: path)
      let output = try await Tools.run(
        "outreach", ["leads", "import", path.path], environment: server.clientEnvironment)
      #expect(output.status == 0)
      #expect(output.standardOutput == "\(path.path): 0 added, 0 merged, 0 rejected\n")
    }
  }

  @Test(
    "files that are not CSV text are refused with a clear message",
    arguments: [
      (
        "binary", [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0x00, 0x00] as [UInt8], "binary"
      ),
      ("latin1", Array("email,name\ncaf".utf8) + [0xE9] + Array("@example.com,x\n".utf8), "line 2"),
      ("noemail", Array("mail,name\na@example.com,b\n".utf8), "no email column"),
    ])
  func unusableFiles(name: String, bytes: [UInt8], expected: String) async throws {
    let folder = FileManager.default.temporaryDirectory
    let path = folder.appendingPathComponent("outreach-import-\(UUID().uuidString).csv")
    try Data(bytes).write(to: path)
    defer { try? FileManager.default.removeItem(at: path) }
    // No server is needed: the file is refused before connecting.
    let output = try await Tools.run(
      "outreach", ["leads", "import", path.path, "--server", "127.0.0.1:1"])
    #expect(output.status == 2)
    #expect(output.standardOutput.isEmpty)
    #expect(output.standardError.split(separator: "\n").count == 1, "\(output.standardError)")
    #expect(output.standardError.contains(expected), "\(output.standardError)")
  }
}
