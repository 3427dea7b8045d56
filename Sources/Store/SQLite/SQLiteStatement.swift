import CSQLite

/// A prepared statement, reused for every call with the same SQL and
/// finalized when its connection drops it.
final class SQLiteStatement {
  private let handle: OpaquePointer
  private unowned let connection: SQLiteConnection

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
    for (offset, value) in values.enumerated() {
      let index = Int32(offset + 1)
      let status: Int32
      switch value {
      case .null:
        status = sqlite3_bind_null(handle, index)
      case .integer(let number):
        status = sqlite3_bind_int64(handle, index, number)
      case .text(let text):
        status = sqlite3_bind_text(handle, index, text, -1, csqlite_transient())
      case .blob(let bytes):
        status = bytes.withUnsafeBytes {
          sqlite3_bind_blob(handle, index, $0.baseAddress, Int32($0.count), csqlite_transient())
        }
      }
      guard status == SQLITE_OK else {
        throw connection.error(status, "A value could not be bound to a statement.")
      }
    }

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
