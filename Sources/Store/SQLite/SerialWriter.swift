import Foundation

/// One queued write: work run inside the writer's transaction, and the
/// completion called after that transaction commits.
protocol QueuedWrite: AnyObject {
  /// Runs the write on the writer thread, remembering its result.
  func perform(on connection: SQLiteConnection) -> Bool
  /// Hands the result to the caller: the write's if the batch committed,
  /// `commitError` otherwise.
  func finish(commitError: StoreError?)
}

/// A write whose work returns `T`; subclasses say what the work is.
///
/// `@unchecked Sendable`: `result` is written and read only on the writer
/// thread, and the completion is called exactly once, from that thread.
class TypedWrite<T: Sendable>: QueuedWrite, @unchecked Sendable {
  private let completion: (Result<T, StoreError>) -> Void
  private var result: Result<T, StoreError>?

  init(completion: @escaping (Result<T, StoreError>) -> Void) {
    self.completion = completion
  }

  /// The write itself, run inside the group's transaction.
  func run(on connection: SQLiteConnection) throws(StoreError) -> T {
    preconditionFailure("TypedWrite.run must be overridden")
  }

  final func perform(on connection: SQLiteConnection) -> Bool {
    do {
      result = .success(try run(on: connection))
      return true
    } catch {
      result = .failure(error)
      return false
    }
  }

  final func finish(commitError: StoreError?) {
    // Not a switch over the pair: matching a tuple of a generic type makes
    // the runtime build its metadata on every call.
    if case .failure(let error)? = result {
      completion(.failure(error))
    } else if let commitError {
      completion(.failure(commitError))
    } else if case .success(let value)? = result {
      completion(.success(value))
    } else {
      completion(.failure(StoreError(.closed, "The store was closed.")))
    }
  }
}

/// A write whose work is a closure.
private final class ClosureWrite<T: Sendable>: TypedWrite<T>, @unchecked Sendable {
  private let body: (SQLiteConnection) throws(StoreError) -> T

  init(
    body: @escaping (SQLiteConnection) throws(StoreError) -> T,
    completion: @escaping (Result<T, StoreError>) -> Void
  ) {
    self.body = body
    super.init(completion: completion)
  }

  override func run(on connection: SQLiteConnection) throws(StoreError) -> T {
    try body(connection)
  }
}

/// Work that the writes of a group leave for the end of the group: rows
/// gathered from many writes and inserted together, just before `COMMIT`.
///
/// Called only on the writer thread.
protocol GroupFinisher: AnyObject {
  /// Runs after every write of the group, inside its transaction. An error
  /// fails the whole group, as a failed `COMMIT` would.
  func finishGroup(on connection: SQLiteConnection) throws(StoreError)
  /// Forgets what the group gathered: its transaction was rolled back.
  func discardGroup()
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
  private let finisher: (any GroupFinisher)?
  private let condition = NSCondition()
  private var queue: [any QueuedWrite] = []
  private var isClosed = false
  private var isStopped = false
  /// A write was queued for an idle writer without waking it: see
  /// ``write(_:wakeLater:completion:)``.
  private var isWakeOwed = false
  private var thread: Thread?

  /// Takes ownership of `connection`; `finisher` ends every group.
  init(connection: SQLiteConnection, finisher: (any GroupFinisher)? = nil) {
    self.connection = connection
    self.finisher = finisher
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
      write(body) { continuation.resume(with: $0) }
    }
  }

  /// Enqueues `body` and calls `completion` with its result on the writer
  /// thread, right after the group it ran in has committed (or with the
  /// error that kept it from committing). `completion` must be quick: the
  /// rest of the group waits for it.
  ///
  /// With `wakeLater`, an idle writer is not woken now: the caller promises
  /// to call ``wakeIfOwed()`` soon, after queueing whatever else it has at
  /// hand, so that one group takes the whole burst. An event loop queueing
  /// the calls of one read that way saves a wake-up per call and, above
  /// all, lets their entries share one commit instead of racing the writer
  /// into several small ones.
  func write<T: Sendable>(
    _ body: @escaping @Sendable (SQLiteConnection) throws(StoreError) -> T,
    wakeLater: Bool = false,
    completion: @escaping @Sendable (Result<T, StoreError>) -> Void
  ) {
    enqueue(ClosureWrite(body: body, completion: completion), wakeLater: wakeLater)
  }

  /// Enqueues `write`, as ``write(_:wakeLater:completion:)`` does a closure:
  /// for a frequent write that carries its arguments in one object instead
  /// of a closure context and a wrapper.
  func enqueue(_ write: some QueuedWrite, wakeLater: Bool = false) {
    condition.lock()
    if isClosed {
      condition.unlock()
      write.finish(commitError: StoreError(.closed, "The store was closed."))
      return
    }
    queue.append(write)
    // Only an idle writer needs waking; a busy one drains the whole queue
    // before its next commit. A wake owed to earlier writes is paid now.
    if queue.count == 1 || isWakeOwed {
      if wakeLater {
        isWakeOwed = true
      } else {
        isWakeOwed = false
        condition.signal()
      }
    }
    condition.unlock()
  }

  /// Wakes the writer for writes queued with `wakeLater`, if it has not
  /// woken for them already.
  func wakeIfOwed() {
    condition.lock()
    if isWakeOwed {
      isWakeOwed = false
      condition.signal()
    }
    condition.unlock()
  }

  /// Finishes queued writes, stops the thread, waits for it to end and
  /// closes the connection.
  func close() {
    condition.lock()
    isClosed = true
    condition.broadcast()
    while thread != nil && !isStopped { condition.wait() }
    condition.unlock()
    connection.close()
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
    isWakeOwed = false
    return takeQueued(limit: Self.maximumBatch)
  }

  /// Takes up to `limit` queued writes, oldest first. Caller holds the lock.
  private func takeQueued(limit: Int) -> [any QueuedWrite] {
    if queue.count <= limit {
      defer { queue.removeAll(keepingCapacity: true) }
      return queue
    }
    let batch = Array(queue.prefix(limit))
    queue.removeFirst(limit)
    return batch
  }

  /// Writes queued since the group was taken, up to the batch limit: they
  /// join the open transaction instead of waiting for the next one.
  private func latecomers(joining count: Int) -> [any QueuedWrite] {
    guard count < Self.maximumBatch else { return [] }
    condition.lock()
    defer { condition.unlock() }
    return queue.isEmpty ? [] : takeQueued(limit: Self.maximumBatch - count)
  }

  /// Runs one group in one transaction and resumes its callers.
  ///
  /// Writes queued while the group runs join it before `COMMIT`, so under
  /// load groups grow with the arrival rate and one commit (one WAL append)
  /// serves more callers.
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
      var performed = 0
      var failedIndex: Int?
      while failedIndex == nil {
        while performed < remaining.count {
          guard remaining[performed].perform(on: connection) else {
            failedIndex = performed
            break
          }
          performed += 1
        }
        guard failedIndex == nil else { break }
        let joining = latecomers(joining: remaining.count)
        if joining.isEmpty { break }
        remaining.append(contentsOf: joining)
      }
      if let failedIndex {
        try? connection.executeScript("ROLLBACK")
        finisher?.discardGroup()
        remaining.remove(at: failedIndex).finish(commitError: nil)
        continue
      }
      var commitError: StoreError?
      do {
        try finisher?.finishGroup(on: connection)
        try connection.execute("COMMIT")
      } catch {
        commitError = error
        try? connection.executeScript("ROLLBACK")
        finisher?.discardGroup()
      }
      for write in remaining { write.finish(commitError: commitError) }
      return
    }
  }
}
