import Synchronization

/// The health the server reports through `grpc.health.v1.Health`, set by
/// the application per service.
///
/// The empty name stands for the whole server and starts as `SERVING`;
/// other names are unknown until set. During a graceful shutdown every
/// status turns `NOT_SERVING`.
public final class HealthStatusProvider: Sendable {
  private struct State {
    var statuses: [String: ServingStatus] = ["": .serving]
    var watchers: [Int: (service: String, continuation: AsyncStream<ServingStatus>.Continuation)] =
      [:]
    var nextWatcher = 0
    var isDraining = false
  }

  private let state = Mutex(State())
  /// Held while statuses are handed to watchers, so that each watcher sees
  /// the changes in the order they were made. Never while holding `state`:
  /// yielding resumes the watcher's task, which takes that task's lock, and
  /// a task being cancelled holds its lock while the stream's termination
  /// handler takes `state`.
  private let delivery = Mutex(())

  public init() {}

  /// Sets the status of `service` (empty for the whole server) and tells
  /// every watcher of it. Ignored once the server is draining, except to
  /// mark a service `NOT_SERVING`.
  public func setStatus(_ status: ServingStatus, forService service: String = "") {
    delivery.withLock { _ in
      let watchers = state.withLock { state in
        guard !state.isDraining || status == .notServing else {
          return [AsyncStream<ServingStatus>.Continuation]()
        }
        state.statuses[service] = status
        return state.watchers.values.filter { $0.service == service }.map(\.continuation)
      }
      for continuation in watchers {
        continuation.yield(status)
      }
    }
  }

  /// The status of `service`, or nil when it was never set.
  public func status(forService service: String) -> ServingStatus? {
    state.withLock { $0.statuses[service] }
  }

  /// Turns every known service `NOT_SERVING` for good: the server is
  /// shutting down.
  func enterDraining() {
    let watchers = delivery.withLock { _ in
      let watchers = state.withLock { state in
        state.isDraining = true
        for service in state.statuses.keys {
          state.statuses[service] = .notServing
        }
        return state.watchers.values.map(\.continuation)
      }
      for continuation in watchers {
        continuation.yield(.notServing)
      }
      return watchers
    }
    // Then their streams end, so open Watch calls do not hold the drain up
    // for the whole grace period. Outside the locks: finishing runs the
    // termination handler, which takes `state`.
    for continuation in watchers {
      continuation.finish()
    }
  }

  /// True once the server began shutting down.
  var isDraining: Bool {
    state.withLock { $0.isDraining }
  }

  /// The current status of `service` followed by every change, until the
  /// consumer stops iterating. Unknown services report `SERVICE_UNKNOWN`.
  func updates(forService service: String) -> AsyncStream<ServingStatus> {
    let (stream, continuation) = AsyncStream.makeStream(
      of: ServingStatus.self, bufferingPolicy: .bufferingNewest(1))
    let id = state.withLock { state in
      defer { state.nextWatcher += 1 }
      return state.nextWatcher
    }
    continuation.onTermination = { [weak self] _ in
      self?.state.withLock { _ = $0.watchers.removeValue(forKey: id) }
    }
    let isDraining = delivery.withLock { _ in
      let (current, isDraining) = state.withLock { state in
        state.watchers[id] = (service, continuation)
        return (state.statuses[service] ?? .serviceUnknown, state.isDraining)
      }
      continuation.yield(current)
      return isDraining
    }
    if isDraining { continuation.finish() }
    return stream
  }
}
