import CSQLite

/// A prepared statement, reused for every call with the same SQL and
/// finalized when its connection drops it.
final class SQLiteStatement {
  fileprivate let handle: OpaquePointer
  fileprivate unowned let connection: SQLiteConnection

  init(handle: OpaquePointer, connection: SQLiteConnection) {
    self.handle = handle
    self.connection = connection
  }

  deinit { sqlite3_finalize(handle) }

  /// Binds `values`, steps through every row, and resets the statement so it
  /// holds no read snapshot or lock afterwards.
  func run(
    _ values: [SQLiteValue], each: (SQLiteRow) throws(StoreError) -> Void
  ) throws(StoreError) {
    defer {
      sqlite3_reset(handle)
      sqlite3_clear_bindings(handle)
    }
    try bind(values, from: 0, each: each).get()
  }

  /// Binds `values` from `index` on, then steps through every row.
  ///
  /// Text and blobs are bound in place (`SQLITE_STATIC`), with no copy on
  /// either side: each is bound inside the closure that keeps its bytes valid,
  /// the remaining values and the whole stepping run nested inside it, and
  /// the bindings are cleared before the outermost closure returns.
  private func bind(
    _ values: [SQLiteValue], from index: Int, each: (SQLiteRow) throws(StoreError) -> Void
  ) -> Result<Void, StoreError> {
    guard index < values.count else {
      defer {
        sqlite3_reset(handle)
        sqlite3_clear_bindings(handle)
      }
      return Result { () throws(StoreError) in try step(each) }
    }
    let position = Int32(index + 1)
    let status: Int32
    switch values[index] {
    case .null:
      status = sqlite3_bind_null(handle, position)
    case .integer(let number):
      status = sqlite3_bind_int64(handle, position, number)
    case .text(var text):
      return text.withUTF8 { bytes in
        // Up to the first NUL, as binding a C string would.
        let length = bytes.firstIndex(of: 0) ?? bytes.count
        let status =
          bytes.baseAddress.map { start in
            start.withMemoryRebound(to: CChar.self, capacity: length) {
              sqlite3_bind_text(handle, position, $0, Int32(length), csqlite_static())
            }
          } ?? sqlite3_bind_text(handle, position, "", 0, csqlite_transient())
        return bound(status, values, from: index, each: each)
      }
    case .blob(let bytes):
      return bytes.withUnsafeBytes { buffer in
        let status = sqlite3_bind_blob(
          handle, position, buffer.baseAddress, Int32(buffer.count), csqlite_static())
        return bound(status, values, from: index, each: each)
      }
    }
    return bound(status, values, from: index, each: each)
  }

  /// Continues ``bind(_:from:each:)`` after value `index` was bound with
  /// `status`.
  private func bound(
    _ status: Int32, _ values: [SQLiteValue], from index: Int,
    each: (SQLiteRow) throws(StoreError) -> Void
  ) -> Result<Void, StoreError> {
    guard status == SQLITE_OK else {
      return .failure(connection.error(status, "A value could not be bound to a statement."))
    }
    return bind(values, from: index + 1, each: each)
  }

  /// Steps through every row of the bound statement.
  fileprivate func step(_ each: (SQLiteRow) throws(StoreError) -> Void) throws(StoreError) {
    while true {
      let status = sqlite3_step(handle)
      if status == SQLITE_DONE { return }
      guard status == SQLITE_ROW else {
        throw connection.error(status, "A database statement failed.")
      }
      try each(SQLiteRow(handle: handle))
    }
  }
}

extension SQLiteStatement {
  // Binding one value at a time, for hot paths that bind many values from
  // memory they keep valid themselves (one buffer for a whole group of
  // rows) instead of nesting a closure per value. Bind, then
  // ``stepWithoutRows()``, then ``clear()``; positions start at 1.

  /// Binds an integer to parameter `position`.
  func bind(_ value: Int64, at position: Int32) throws(StoreError) {
    try check(sqlite3_bind_int64(handle, position, value))
  }

  /// Binds NULL to parameter `position`.
  func bindNull(at position: Int32) throws(StoreError) {
    try check(sqlite3_bind_null(handle, position))
  }

  /// Binds UTF-8 text to parameter `position`, without copying it: the
  /// bytes must stay valid until ``clear()``.
  func bindText(_ text: UnsafeBufferPointer<UInt8>, at position: Int32) throws(StoreError) {
    // Any valid pointer serves for zero bytes (a null one would bind NULL).
    let empty: StaticString = ""
    let start = UnsafeRawPointer(text.baseAddress ?? empty.utf8Start)
    let characters = start.assumingMemoryBound(to: CChar.self)
    try check(sqlite3_bind_text(handle, position, characters, Int32(text.count), csqlite_static()))
  }

  /// Binds `count` bytes at `start` as a blob to parameter `position`,
  /// without copying them: they must stay valid until ``clear()``.
  func bindBlob(_ start: UnsafeRawPointer?, count: Int, at position: Int32) throws(StoreError) {
    try check(sqlite3_bind_blob(handle, position, start, Int32(count), csqlite_static()))
  }

  /// Runs the bound statement to its end, ignoring any rows.
  func stepWithoutRows() throws(StoreError) {
    try step { _ throws(StoreError) in }
  }

  /// Runs the bound statement and maps its first row, if any.
  func firstRow<T>(_ read: (SQLiteRow) -> T) throws(StoreError) -> T? {
    var result: T?
    try step { row in
      if result == nil { result = read(row) }
    }
    return result
  }

  /// Resets the statement and drops every binding, so it holds no snapshot,
  /// lock or pointer into the caller's memory.
  func clear() {
    sqlite3_reset(handle)
    sqlite3_clear_bindings(handle)
  }

  private func check(_ status: Int32) throws(StoreError) {
    guard status == SQLITE_OK else {
      throw connection.error(status, "A value could not be bound to a statement.")
    }
  }
}

/// The current row of a statement; valid only inside the row callback.
struct SQLiteRow {
  fileprivate let handle: OpaquePointer

  /// Whether column `index` is NULL.
  func isNull(_ index: Int32) -> Bool { sqlite3_column_type(handle, index) == SQLITE_NULL }

  /// Column `index` as an integer (0 for NULL).
  func integer(_ index: Int32) -> Int64 { sqlite3_column_int64(handle, index) }

  /// Column `index` as an integer, or `nil` for NULL.
  func optionalInteger(_ index: Int32) -> Int64? { isNull(index) ? nil : integer(index) }

  /// Column `index` as text ("" for NULL).
  func text(_ index: Int32) -> String {
    guard let pointer = sqlite3_column_text(handle, index) else { return "" }
    let count = Int(sqlite3_column_bytes(handle, index))
    return String(decoding: UnsafeBufferPointer(start: pointer, count: count), as: UTF8.self)
  }

  /// Column `index` as text, or `nil` for NULL.
  func optionalText(_ index: Int32) -> String? { isNull(index) ? nil : text(index) }

  /// Column `index` as bytes.
  func blob(_ index: Int32) -> [UInt8] {
    let count = Int(sqlite3_column_bytes(handle, index))
    guard count > 0, let pointer = sqlite3_column_blob(handle, index) else { return [] }
    return Array(UnsafeRawBufferPointer(start: pointer, count: count))
  }
}
