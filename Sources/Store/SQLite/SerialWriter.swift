import Foundation

/// One queued write: a closure run inside the writer's transaction, and the
/// continuation resumed after that transaction commits.
private protocol QueuedWrite: AnyObject {
  /// Runs the body on the writer thread, remembering its result.
  func perform(on connection: SQLiteConnection) -> Bool
  /// Resumes the waiting task: with the result if the batch committed, with
  /// `commitError` otherwise.
  func finish(commitError: StoreError?)
}

/// A write whose body returns `T`.
///
/// `@unchecked Sendable`: `result` is written and read only on the writer
/// thread, and the continuation is resumed exactly once, from that thread.
private final class TypedWrite<T: Sendable>: QueuedWrite, @unchecked Sendable {
  private let body: (SQLiteConnection) throws(StoreError) -> T
  private let continuation: CheckedContinuation<T, any Error>
  private var result: Result<T, StoreError>?

  init(
    body: @escaping (SQLiteConnection) throws(StoreError) -> T,
    continuation: CheckedContinuation<T, any Error>
  ) {
    self.body = body
    self.continuation = continuation
  }

  func perform(on connection: SQLiteConnection) -> Bool {
    do {
      result = .success(try body(connection))
      return true
    } catch {
      result = .failure(error)
      return false
    }
  }

  func finish(commitError: StoreError?) {
    switch (result, commitError) {
    case (.success, let error?), (nil, let error?):
      continuation.resume(throwing: error)
    case (.success(let value), nil):
      continuation.resume(returning: value)
    case (.failure(let error), _):
      continuation.resume(throwing: error)
    case (nil, nil):
      continuation.resume(throwing: StoreError(.closed, "The store was closed."))
    }
  }
}

/// The one connection that writes, owned by one dedicated thread that commits
/// queued writes in groups.
///
/// Each turn the thread takes every queued write (up to ``maximumBatch``),
/// runs them in one `BEGIN IMMEDIATE … COMMIT`, and only after `COMMIT`
/// returns resumes their callers; a failing write is answered alone and the
/// others run again without it. One commit, and with it one WAL append,
/// serves the whole group; because the writes run one after another on one
/// connection, each sees every earlier write of the group, which makes
/// check-then-reserve sequences atomic without any further locking.
///
/// `@unchecked Sendable`: the queue is guarded by `condition`; the connection
/// is touched only by the writer thread after `start()`.
final class SerialWriter: @unchecked Sendable {
  /// The largest group committed at once, bounding each transaction's size.
  static let maximumBatch = 2_000

  private let connection: SQLiteConnection
  private let condition = NSCondition()
  private var queue: [any QueuedWrite] = []
  private var isClosed = false
  private var isStopped = false
  private var thread: Thread?

  /// Takes ownership of `connection`.
  init(connection: SQLiteConnection) {
    self.connection = connection
  }

  /// Starts the writer thread.
  func start() {
    let thread = Thread { [self] in run() }
    thread.name = "outreach.store.writer"
    thread.qualityOfService = .userInitiated
    self.thread = thread
    thread.start()
  }

  /// Enqueues `body` and returns its result once the group it ran in has
  /// committed, so its effects are durable before the caller continues.
  func write<T: Sendable>(
    _ body: @escaping @Sendable (SQLiteConnection) throws(StoreError) -> T
  ) async throws -> T {
    try await withCheckedThrowingContinuation { continuation in
      let write = TypedWrite(body: body, continuation: continuation)
      condition.lock()
      if isClosed {
        condition.unlock()
        write.finish(commitError: StoreError(.closed, "The store was closed."))
        return
      }
      queue.append(write)
      condition.signal()
      condition.unlock()
    }
  }

  /// Finishes queued writes, stops the thread and waits for it to end.
  func close() {
    condition.lock()
    isClosed = true
    condition.broadcast()
    while thread != nil && !isStopped { condition.wait() }
    condition.unlock()
  }

  private func run() {
    while let batch = nextBatch() {
      commit(batch)
    }
    condition.lock()
    isStopped = true
    condition.broadcast()
    condition.unlock()
  }

  /// Waits for work; `nil` once closed and drained.
  private func nextBatch() -> [any QueuedWrite]? {
    condition.lock()
    defer { condition.unlock() }
    while queue.isEmpty && !isClosed { condition.wait() }
    if queue.isEmpty { return nil }
    let count = min(queue.count, Self.maximumBatch)
    let batch = Array(queue.prefix(count))
    queue.removeFirst(count)
    return batch
  }

  /// Runs one group in one transaction and resumes its callers.
  ///
  /// Writes that fail are rare (SQLite errors, or a conflict such as settling
  /// an attempt twice), so the group runs without per-write savepoints, which
  /// would copy every touched page into a statement journal. When a write
  /// fails, the transaction is rolled back, that write alone is answered with
  /// its error, and the rest of the group runs again: write bodies depend only
  /// on their captured arguments and the database, so running one again
  /// yields the same effect.
  private func commit(_ batch: [any QueuedWrite]) {
    var remaining = batch
    while !remaining.isEmpty {
      do {
        try connection.execute("BEGIN IMMEDIATE")
      } catch {
        for write in remaining { write.finish(commitError: error) }
        return
      }
      let failedIndex = remaining.firstIndex { !$0.perform(on: connection) }
      if let failedIndex {
        try? connection.executeScript("ROLLBACK")
        remaining.remove(at: failedIndex).finish(commitError: nil)
        continue
      }
      var commitError: StoreError?
      do {
        try connection.execute("COMMIT")
      } catch {
        commitError = error
        try? connection.executeScript("ROLLBACK")
      }
      for write in remaining { write.finish(commitError: commitError) }
      return
    }
  }
}
