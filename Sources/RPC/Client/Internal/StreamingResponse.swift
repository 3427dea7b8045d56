import Synchronization

/// The response messages of a streaming call, handed from the connection's
/// loop to the task reading them.
///
/// The loop delivers messages and the final status; the reader takes them
/// with ``next(onDrained:)``. While messages sit unread the loop withholds
/// the stream's flow-control credit, and once the reader drains the queue
/// it asks the loop (through `onDrained`) to release it, so a slow reader
/// slows the server instead of growing this queue.
final class StreamingResponse: Sendable {
  private struct State {
    var messages = MessageQueue()
    var outcome: Result<Void, RPCError>?
    var messageWaiter: CheckedContinuation<[UInt8]?, any Error>?
    var statusWaiter: CheckedContinuation<Void, any Error>?
    var hasWithheldCredit = false
    var isDiscarding = false
  }

  private let state = Mutex(State())

  init() {}

  // MARK: Loop side

  /// Loop: one complete response message.
  func deliver(_ message: [UInt8]) {
    let waiter = state.withLock { state -> CheckedContinuation<[UInt8]?, any Error>? in
      if state.isDiscarding { return nil }
      if let waiter = state.messageWaiter {
        state.messageWaiter = nil
        return waiter
      }
      state.messages.append(message)
      return nil
    }
    waiter?.resume(returning: message)
  }

  /// Loop: whether the reader is behind, in which case the bytes just
  /// received are held back and the reader will ask for them to be credited.
  func shouldWithholdCredit() -> Bool {
    state.withLock { state in
      guard !state.messages.isEmpty, !state.isDiscarding else { return false }
      state.hasWithheldCredit = true
      return true
    }
  }

  /// Loop: the call ended; queued messages stay readable before the status.
  func finish(_ outcome: Result<Void, RPCError>) {
    let (messageWaiter, statusWaiter) = state.withLock { state in
      state.outcome = outcome
      let messageWaiter = state.messages.isEmpty ? state.messageWaiter : nil
      if messageWaiter != nil { state.messageWaiter = nil }
      let statusWaiter = state.statusWaiter
      state.statusWaiter = nil
      return (messageWaiter, statusWaiter)
    }
    switch outcome {
    case .success:
      messageWaiter?.resume(returning: nil)
      statusWaiter?.resume()
    case .failure(let error):
      messageWaiter?.resume(throwing: error)
      statusWaiter?.resume(throwing: error)
    }
  }

  // MARK: Reader side

  /// What the reader can do next.
  private enum Step {
    case message([UInt8], releaseCredit: Bool)
    case end(Result<Void, RPCError>)
    case wait
  }

  /// Takes the next queued message or the outcome, under the lock.
  private static func step(_ state: inout State) -> Step {
    if let message = state.messages.popFirst() {
      let release = state.messages.isEmpty && state.hasWithheldCredit
      if release { state.hasWithheldCredit = false }
      return .message(message, releaseCredit: release)
    }
    if let outcome = state.outcome { return .end(outcome) }
    return .wait
  }

  /// The next message, `nil` after the last one of a call that ended OK.
  ///
  /// - Parameter onDrained: asks the loop to credit held-back bytes; called
  ///   when this read empties a queue the loop had stopped crediting.
  /// - Throws: the call's ``RPCError`` once its messages are read.
  func next(onDrained: @Sendable () -> Void) async throws -> [UInt8]? {
    let step = state.withLock { Self.step(&$0) }
    switch step {
    case .message(let message, let releaseCredit):
      if releaseCredit { onDrained() }
      return message
    case .end(.success):
      return nil
    case .end(.failure(let error)):
      throw error
    case .wait:
      break
    }

    return try await withCheckedThrowingContinuation { continuation in
      let step = state.withLock { state -> Step in
        let step = Self.step(&state)
        if case .wait = step { state.messageWaiter = continuation }
        return step
      }
      switch step {
      case .message(let message, let releaseCredit):
        if releaseCredit { onDrained() }
        continuation.resume(returning: message)
      case .end(.success):
        continuation.resume(returning: nil)
      case .end(.failure(let error)):
        continuation.resume(throwing: error)
      case .wait:
        break
      }
    }
  }

  /// Drops unread and future messages and releases held-back credit; used
  /// once the reader has stopped reading so the server is never stuck.
  func discardRemaining(onDrained: () -> Void) {
    let release = state.withLock { state in
      state.isDiscarding = true
      state.messages.removeAll()
      let release = state.hasWithheldCredit
      state.hasWithheldCredit = false
      return release
    }
    if release { onDrained() }
  }

  /// Waits for the call's status.
  ///
  /// - Throws: the call's ``RPCError`` unless it ended OK.
  func waitForStatus() async throws {
    try await withCheckedThrowingContinuation {
      (continuation: CheckedContinuation<Void, any Error>) in
      let outcome = state.withLock { state -> Result<Void, RPCError>? in
        if let outcome = state.outcome { return outcome }
        state.statusWaiter = continuation
        return nil
      }
      switch outcome {
      case .none: break
      case .success: continuation.resume()
      case .failure(let error): continuation.resume(throwing: error)
      }
    }
  }
}
