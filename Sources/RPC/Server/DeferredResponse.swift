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
  private struct State {
    var completion: (@Sendable (Result<[UInt8], any Error>) -> Void)?
    var mapError: (@Sendable (any Error) -> any Error)?
  }

  private let state: Mutex<State>

  /// A response that hands its one result to `completion`: the serialized
  /// response message, or the error the call ends with.
  ///
  /// The transport makes these for its calls; wrappers (authentication,
  /// error mapping) either make one around another to adjust the result or,
  /// cheaper, adjust failures with ``mapErrors(_:)``.
  public init(_ completion: @escaping @Sendable (Result<[UInt8], any Error>) -> Void) {
    state = Mutex(State(completion: completion))
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
    let (completion, mapError) = state.withLock { state in
      defer { state.completion = nil }
      return (state.completion, state.mapError)
    }
    guard let completion else { return }
    if case .failure(let error) = result, let mapError {
      completion(.failure(mapError(error)))
    } else {
      completion(result)
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
