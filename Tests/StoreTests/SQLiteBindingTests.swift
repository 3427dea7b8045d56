import CSQLite
import Foundation
import Testing

@testable import Store

@Suite("Values bound to SQLite statements")
struct SQLiteBindingTests {
  private let directory: URL
  private let connection: SQLiteConnection

  init() throws {
    directory = FileManager.default.temporaryDirectory
      .appendingPathComponent("store-binding-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    connection = try SQLiteConnection(
      path: directory.appendingPathComponent("binding.db").path, readOnly: false)
    try connection.execute("CREATE TABLE items (name TEXT, data BLOB, note TEXT)")
  }

  @Test("SQLite keeps no memory statistics, so its allocations take no global lock")
  func noMemoryStatistics() throws {
    try connection.execute(
      "INSERT INTO items (name) VALUES (?)", .text(String(repeating: "x", count: 5_000)))
    #expect(sqlite3_memory_used() == 0)
  }

  /// Removes the temporary directory (the connection closes with the suite).
  private func removeDirectory() {
    try? FileManager.default.removeItem(at: directory)
  }

  @Test(
    "text is stored as given, as text, up to a NUL",
    arguments: [
      ("", ""),
      ("short", "short"),
      (
        String(repeating: "Guest Post: AI Marketing Trends – é ", count: 3),
        String(repeating: "Guest Post: AI Marketing Trends – é ", count: 3)
      ),
      ("before\u{0}after", "before"),
    ])
  func text(input: String, stored: String) throws {
    defer { removeDirectory() }
    try connection.execute(
      "INSERT INTO items (name, data, note) VALUES (?, ?, ?)", .text(input), .blob([1, 2, 3]),
      .text("second"))
    let row = try connection.queryFirst(
      "SELECT typeof(name), name, data, note FROM items WHERE name = ? AND note = ?",
      .text(stored), .text("second")
    ) { ($0.text(0), $0.text(1), $0.blob(2), $0.text(3)) }
    #expect(row?.0 == "text")
    #expect(row?.1 == stored)
    #expect(row?.2 == [1, 2, 3])
    #expect(row?.3 == "second")
  }

  @Test("a statement reused with new values sees only the new ones")
  func reuse() throws {
    defer { removeDirectory() }
    for name in ["first", String(repeating: "x", count: 64), "third"] {
      try connection.execute(
        "INSERT INTO items (name, data, note) VALUES (?, ?, ?)", .text(name), .null,
        .text(name + "!"))
    }
    let rows = try connection.query("SELECT name, note, data IS NULL FROM items ORDER BY rowid") {
      ($0.text(0), $0.text(1), $0.integer(2))
    }
    #expect(rows.map(\.0) == ["first", String(repeating: "x", count: 64), "third"])
    #expect(rows.map(\.1) == ["first!", String(repeating: "x", count: 64) + "!", "third!"])
    #expect(rows.allSatisfy { $0.2 == 1 })
  }
}
