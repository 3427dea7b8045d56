import Synchronization

/// A small pool of read-only connections, so reads run concurrently with each
/// other and with the writer (WAL gives each read a consistent snapshot).
final class ReaderPool: Sendable {
  private struct State {
    var idle: [SQLiteConnection] = []
    var openCount = 0
    var waiters: [CheckedContinuation<SQLiteConnection, Never>] = []
    var isClosed = false
  }

  private let path: String
  private let capacity: Int
  private let state = Mutex(State())

  /// Creates a pool that opens at most `capacity` connections to `path`.
  init(path: String, capacity: Int) {
    self.path = path
    self.capacity = max(1, capacity)
  }

  /// Runs `body` with a connection of its own and returns it to the pool.
  func read<T>(_ body: (SQLiteConnection) throws(StoreError) -> T) async throws -> T {
    let connection = try await checkOut()
    defer { checkIn(connection) }
    return try body(connection)
  }

  private enum Acquisition {
    case idle(SQLiteConnection)
    case open
    case wait
    case closed
  }

  private func checkOut() async throws -> SQLiteConnection {
    let acquisition: Acquisition = state.withLock { state in
      if state.isClosed { return .closed }
      if let connection = state.idle.popLast() { return .idle(connection) }
      if state.openCount < capacity {
        state.openCount += 1
        return .open
      }
      return .wait
    }
    switch acquisition {
    case .closed:
      throw StoreError(.closed, "The store was closed.")
    case .idle(let connection):
      return connection
    case .open:
      do {
        return try Self.openReader(path: path)
      } catch {
        state.withLock { $0.openCount -= 1 }
        throw error
      }
    case .wait:
      return await withCheckedContinuation { continuation in
        let ready: SQLiteConnection? = state.withLock { state in
          if let connection = state.idle.popLast() { return connection }
          state.waiters.append(continuation)
          return nil
        }
        if let ready { continuation.resume(returning: ready) }
      }
    }
  }

  private func checkIn(_ connection: SQLiteConnection) {
    let waiter: CheckedContinuation<SQLiteConnection, Never>? = state.withLock { state in
      if !state.waiters.isEmpty { return state.waiters.removeFirst() }
      if !state.isClosed { state.idle.append(connection) }
      return nil
    }
    waiter?.resume(returning: connection)
  }

  /// Refuses further reads and drops idle connections; connections in use
  /// are handed to waiting readers or dropped when returned.
  func close() {
    state.withLock { state in
      state.isClosed = true
      state.idle.removeAll()
    }
  }

  private static func openReader(path: String) throws(StoreError) -> SQLiteConnection {
    let connection = try SQLiteConnection(path: path, readOnly: true)
    try connection.executeScript("PRAGMA busy_timeout = 5000; PRAGMA query_only = ON;")
    return connection
  }
}
