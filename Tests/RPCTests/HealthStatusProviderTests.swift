import Foundation
import Synchronization
import Testing

@testable import RPC

@Suite("Health statuses and their watchers")
struct HealthStatusProviderTests {
  @Test("watchers see the current status, then each change, then the drain")
  func watcherSequence() async {
    let provider = HealthStatusProvider()
    provider.setStatus(.notServing, forService: "mail")
    let updates = provider.updates(forService: "mail")
    let consumer = Task {
      var statuses: [ServingStatus] = []
      for await status in updates { statuses.append(status) }
      return statuses
    }
    // bufferingNewest(1): give the consumer each status before the next.
    try? await Task.sleep(for: .milliseconds(50))
    provider.setStatus(.serving, forService: "mail")
    try? await Task.sleep(for: .milliseconds(50))
    provider.enterDraining()
    let seen = await consumer.value
    #expect(seen == [.notServing, .serving, .notServing])
    #expect(provider.status(forService: "mail") == .notServing)
  }

  /// A watcher whose task is cancelled while the drain tells it: the
  /// cancellation runs the stream's termination handler with the task's
  /// own lock held, and that handler takes the provider's; the drain must
  /// not hold the provider's lock while it resumes the task.
  @Test("draining while watchers are cancelled never deadlocks")
  func drainRacingCancellation() async throws {
    let finished = Atomic<Int>(0)
    let rounds = 300
    let worker = Thread {
      for _ in 0..<rounds {
        let provider = HealthStatusProvider()
        let consumers = (0..<8).map { _ in
          let updates = provider.updates(forService: "")
          return Task.detached {
            for await _ in updates {}
          }
        }
        let canceller = Thread {
          for consumer in consumers { consumer.cancel() }
        }
        canceller.start()
        provider.enterDraining()
        provider.setStatus(.notServing)
        finished.add(1, ordering: .relaxed)
      }
    }
    worker.start()
    let deadline = ContinuousClock.now + .seconds(60)
    while finished.load(ordering: .relaxed) < rounds && ContinuousClock.now < deadline {
      try await Task.sleep(for: .milliseconds(20))
    }
    #expect(finished.load(ordering: .relaxed) == rounds, "a round never finished: deadlock")
  }
}
