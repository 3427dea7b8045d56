import Synchronization
import Wire

/// The one answer of a deferred unary call, given later from any thread.
///
/// A deferred handler starts its work on the event loop and returns at once;
/// whatever finishes the work (a callback on another thread, typically)
/// completes this object exactly once. The transport then sends the answer
/// from the connection's event loop, without a task on the concurrency pool.
///
/// Only the first completion counts; later ones are ignored. A completion
/// that arrives after the call has ended (the client cancelled, or the
/// deadline passed and `DEADLINE_EXCEEDED` went out) is dropped.
public final class DeferredResponse: Sendable {
  /// Where the one result goes.
  private enum Target {
    case closure(@Sendable (Result<[UInt8], any Error>) -> Void)
    case call(ServerCall, DeferredCompletions)
  }

  private struct State {
    var isCompleted = false
    var mapError: (@Sendable (any Error) -> any Error)?
  }

  private let target: Target
  private let state = Mutex(State())

  /// A response that hands its one result to `completion`: the serialized
  /// response message, or the error the call ends with.
  ///
  /// The transport makes its own for its calls; wrappers (authentication,
  /// error mapping) either make one around another to adjust the result or,
  /// cheaper, adjust failures with ``mapErrors(_:)``.
  public init(_ completion: @escaping @Sendable (Result<[UInt8], any Error>) -> Void) {
    target = .closure(completion)
  }

  /// The response of `call`, answered through its connection's loop.
  init(call: ServerCall, completions: DeferredCompletions) {
    target = .call(call, completions)
  }

  /// Passes every failure through `transform` before it ends the call: how
  /// a layer wrapping handlers maps their errors without wrapping each
  /// response. Install it before the response is handed on. A transform
  /// installed later (by a layer further in) runs first, this one on its
  /// result.
  public func mapErrors(_ transform: @escaping @Sendable (any Error) -> any Error) {
    state.withLock { state in
      if let outer = state.mapError {
        state.mapError = { outer(transform($0)) }
      } else {
        state.mapError = transform
      }
    }
  }

  /// Answers with `message`.
  public func succeed(_ message: some WireMessage) {
    complete(.success(message.serializedBytes()))
  }

  /// Ends the call with `error`: an ``RPCError`` keeps its status, anything
  /// else becomes `UNKNOWN`.
  public func fail(_ error: any Error) {
    complete(.failure(error))
  }

  /// Completes with an already serialized response message or an error.
  public func complete(_ result: Result<[UInt8], any Error>) {
    let isFirst = state.withLock { state in
      defer { state.isCompleted = true }
      return !state.isCompleted
    }
    guard isFirst else { return }
    var result = result
    // The transform is read only for a failure: a closure handed out of the
    // lock's generic closure is wrapped in a new context on the way.
    if case .failure(let error) = result, let mapError = state.withLock({ $0.mapError }) {
      result = .failure(mapError(error))
    }
    switch target {
    case .closure(let completion): completion(result)
    case .call(let call, let completions): completions.add(call, result)
    }
  }

  /// Completes with the outcome of `body`, run now on the caller's thread.
  public func complete(_ body: () throws -> some WireMessage) {
    do {
      succeed(try body())
    } catch {
      fail(error)
    }
  }
}

/// The answers of one connection's deferred calls, handed to its loop in
/// bursts: a commit that completes many calls at once queues them here and
/// wakes the loop once, with no task allocated per call.
///
/// Holds its connection strongly until the connection closes and detaches
/// it (a weak reference would move the connection's reference count to a
/// side table, slowing every retain of it); answers that arrive after that
/// are dropped.
///
/// `@unchecked Sendable`: the queue is behind a mutex; the connection is
/// touched only on its loop, by the drain and by ``detach()``.
final class DeferredCompletions: @unchecked Sendable {
  private typealias Completion = (call: ServerCall, outcome: Result<[UInt8], any Error>)

  private let queue = Mutex<[Completion]>([])
  private var draining: [Completion] = []
  private var connection: ServerConnection?
  private let loop: EventLoop

  init(connection: ServerConnection) {
    self.connection = connection
    loop = connection.loop
  }

  /// Queues `outcome` for `call`; the first of a burst wakes the loop.
  func add(_ call: ServerCall, _ outcome: Result<[UInt8], any Error>) {
    let wasEmpty = queue.withLock { queue in
      queue.append((call, outcome))
      return queue.count == 1
    }
    if wasEmpty { loop.execute { [self] in drain() } }
  }

  /// Loop thread: the connection has closed; later answers are dropped.
  func detach() {
    connection = nil
  }

  /// Loop thread: hands every queued answer to the connection.
  private func drain() {
    queue.withLock { queue in swap(&queue, &draining) }
    if let connection {
      for completion in draining {
        connection.handlerReturned(completion.call, completion.outcome)
      }
    }
    draining.removeAll(keepingCapacity: true)
  }
}
