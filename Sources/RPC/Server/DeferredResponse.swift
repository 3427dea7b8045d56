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
  private let completion: Mutex<(@Sendable (Result<[UInt8], any Error>) -> Void)?>

  /// A response that hands its one result to `completion`: the serialized
  /// response message, or the error the call ends with.
  ///
  /// The transport makes these for its calls; wrappers (authentication,
  /// error mapping) make one around another to adjust the result.
  public init(_ completion: @escaping @Sendable (Result<[UInt8], any Error>) -> Void) {
    self.completion = Mutex(completion)
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
    let completion = self.completion.withLock { completion in
      defer { completion = nil }
      return completion
    }
    completion?(result)
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
