import Synchronization

/// Counts deliveries in progress so a shutdown can wait for their
/// bookkeeping before it closes the store.
final class DeliveryTracker: Sendable {
  private struct State {
    var running = 0
    var waiters: [CheckedContinuation<Void, Never>] = []
  }

  private let state = Mutex(State())

  /// Deliveries started and not yet settled.
  var running: Int { state.withLock { $0.running } }

  /// Runs `work` in an unstructured task that the caller's cancellation does
  /// not reach, counted until it ends, and returns its result.
  func shielded<Result: Sendable>(
    _ work: @escaping @Sendable () async throws -> Result
  ) async throws -> Result {
    state.withLock { $0.running += 1 }
    let task = Task {
      defer { self.finishOne() }
      return try await work()
    }
    return try await task.value
  }

  /// Returns once no delivery is in progress.
  func waitUntilIdle() async {
    await withCheckedContinuation { continuation in
      let isIdle = state.withLock { state in
        if state.running == 0 { return true }
        state.waiters.append(continuation)
        return false
      }
      if isIdle { continuation.resume() }
    }
  }

  private func finishOne() {
    let waiters = state.withLock { state in
      state.running -= 1
      guard state.running == 0 else { return [CheckedContinuation<Void, Never>]() }
      defer { state.waiters = [] }
      return state.waiters
    }
    for waiter in waiters { waiter.resume() }
  }
}
