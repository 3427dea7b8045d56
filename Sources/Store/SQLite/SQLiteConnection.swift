import CSQLite

/// A value bound to a statement parameter.
enum SQLiteValue {
  case null
  case integer(Int64)
  case text(String)
  case blob([UInt8])
}

/// One SQLite connection and its cache of prepared statements.
///
/// Connections are opened in multi-thread mode (`SQLITE_OPEN_NOMUTEX`): SQLite
/// then requires that no two threads use one connection at the same time.
///
/// - Important: The store hands each connection to exactly one user at a
///   time (the writer thread owns its connection; readers check theirs out of
///   ``ReaderPool``), which is why the `@unchecked Sendable` is sound.
final class SQLiteConnection: @unchecked Sendable {
  private let handle: OpaquePointer
  private var statements: [String: SQLiteStatement] = [:]
  /// A few recently used statements, the busiest drifting to the front: the
  /// hot path runs the same few literal SQL texts, which compare equal by
  /// identity at once, so it skips hashing the whole text for the dictionary.
  private var recentStatements: [(sql: String, statement: SQLiteStatement)] = []
  private static let recentLimit = 8

  /// Process-wide settings, applied once before SQLite initializes: no
  /// memory statistics, so allocations inside SQLite take no global lock
  /// (nothing here reads those statistics).
  private static let processSettings: Void = {
    _ = csqlite_disable_memory_statistics()
  }()

  /// Opens `path`, creating it when `readOnly` is false.
  init(path: String, readOnly: Bool) throws(StoreError) {
    Self.processSettings
    var handle: OpaquePointer?
    let flags =
      (readOnly ? SQLITE_OPEN_READONLY : SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE)
      | SQLITE_OPEN_NOMUTEX
    let status = sqlite3_open_v2(path, &handle, flags, nil)
    guard status == SQLITE_OK, let handle else {
      if let handle { sqlite3_close_v2(handle) }
      throw StoreError(.database, "Cannot open the database file.", sqliteCode: status)
    }
    self.handle = handle
    sqlite3_extended_result_codes(handle, 1)
  }

  deinit {
    close()
  }

  private var isOpen = true

  /// Finalizes the cached statements and closes the connection. When it is
  /// the last connection to the file, SQLite checkpoints the write-ahead
  /// log and deletes it with its shared-memory index, leaving the database
  /// a single file. Nothing may use the connection afterwards.
  func close() {
    guard isOpen else { return }
    isOpen = false
    // Statements must be finalized before the connection can close.
    recentStatements.removeAll()
    statements.removeAll()
    sqlite3_close_v2(handle)
  }

  /// Runs one or more statements that bind nothing and return nothing.
  func executeScript(_ sql: String) throws(StoreError) {
    let status = sqlite3_exec(handle, sql, nil, nil, nil)
    guard status == SQLITE_OK else { throw error(status, "A database command failed.") }
  }

  /// The cached statement for `sql`, prepared on first use.
  func statement(_ sql: String) throws(StoreError) -> SQLiteStatement {
    if let index = recentStatements.firstIndex(where: { $0.sql == sql }) {
      let statement = recentStatements[index].statement
      if index > 0 { recentStatements.swapAt(index, index - 1) }
      return statement
    }
    if let cached = statements[sql] {
      remember(cached, for: sql)
      return cached
    }
    var pointer: OpaquePointer?
    let status = sqlite3_prepare_v3(
      handle, sql, -1, UInt32(SQLITE_PREPARE_PERSISTENT), &pointer, nil)
    guard status == SQLITE_OK, let pointer else {
      throw error(status, "A database statement could not be prepared.")
    }
    let statement = SQLiteStatement(handle: pointer, connection: self)
    statements[sql] = statement
    remember(statement, for: sql)
    return statement
  }

  /// Puts a statement at the end of the recently used list, dropping the
  /// entry that was there when the list is full.
  private func remember(_ statement: SQLiteStatement, for sql: String) {
    if recentStatements.count == Self.recentLimit { recentStatements.removeLast() }
    recentStatements.append((sql, statement))
  }

  /// Runs `sql` with `values` and returns how many rows it changed.
  @discardableResult
  func execute(_ sql: String, _ values: SQLiteValue...) throws(StoreError) -> Int {
    let statement = try statement(sql)
    try statement.run(values) { _ throws(StoreError) in }
    return Int(sqlite3_changes(handle))
  }

  /// Runs `sql` with `values` and maps every result row.
  func query<T>(
    _ sql: String, _ values: SQLiteValue...,
    row: (SQLiteRow) throws(StoreError) -> T
  ) throws(StoreError) -> [T] {
    var results: [T] = []
    try self.statement(sql).run(values) { (current) throws(StoreError) in
      results.append(try row(current))
    }
    return results
  }

  /// Runs `sql` with `values` and maps the first result row, if any.
  func queryFirst<T>(
    _ sql: String, _ values: SQLiteValue...,
    row: (SQLiteRow) throws(StoreError) -> T
  ) throws(StoreError) -> T? {
    var result: T?
    try self.statement(sql).run(values) { (current) throws(StoreError) in
      if result == nil { result = try row(current) }
    }
    return result
  }

  /// Rows inserted, changed or deleted through this connection since it
  /// opened.
  var totalChanges: Int64 { sqlite3_total_changes64(handle) }

  /// The row id of the last successful insert.
  var lastInsertRowID: Int64 { sqlite3_last_insert_rowid(handle) }

  /// An error carrying SQLite's extended result code.
  func error(_ status: Int32, _ message: String) -> StoreError {
    let code = sqlite3_extended_errcode(handle)
    if status & 0xFF == SQLITE_CONSTRAINT {
      return StoreError(
        .conflict, "The change conflicts with an existing record.", sqliteCode: code)
    }
    return StoreError(.database, message, sqliteCode: code)
  }
}
