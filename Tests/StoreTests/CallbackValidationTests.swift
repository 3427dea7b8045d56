import Foundation
import Policy
import Synchronization
import Testing

@testable import Store

/// A read-only connection used from the store's writer thread alone, inside
/// validation callbacks, which the writer runs one after another.
private final class CommittedAuditReader: @unchecked Sendable {
  private let connection: SQLiteConnection

  init(path: String) throws {
    connection = try SQLiteConnection(path: path, readOnly: true)
  }

  /// The validations another connection can see: only committed ones.
  func committedValidations() -> Int64 {
    let count = try? connection.queryFirst(
      "SELECT count(*) FROM audit_log WHERE action = 'validate'"
    ) { $0.integer(0) }
    return count ?? -1
  }
}

/// What each completion saw, in the order the completions ran.
private final class CompletionLog: Sendable {
  private let counts = Mutex<[Int64]>([])

  func record(_ committed: Int64) {
    counts.withLock { $0.append(committed) }
  }

  var committedCounts: [Int64] { counts.withLock { $0 } }
}

/// Calls the callback form of validation and waits for its completion.
private func validate(
  _ store: Store, _ intent: SendIntent,
  onCompletion: @escaping @Sendable (Result<PolicyDecision, StoreError>) -> Void = { _ in }
) async -> Result<PolicyDecision, StoreError> {
  await withCheckedContinuation { continuation in
    store.validate(intent) { outcome in
      onCompletion(outcome)
      continuation.resume(returning: outcome)
    }
  }
}

@Suite("Validation answered by callback")
struct CallbackValidationTests {
  @Test("each completion runs after its audit entry is committed and visible to other readers")
  func committedBeforeCompletion() async throws {
    let fixture = try StoreFixture()
    let store = fixture.store
    defer { withExtendedLifetime(fixture) {} }
    let (user, _) = try await store.addUser(name: "ann", isAdmin: false)
    let reader = try CommittedAuditReader(path: fixture.path)
    // Per completion: how many validations were committed when it ran.
    let log = CompletionLog()

    let outcomes = await withTaskGroup(of: Result<PolicyDecision, StoreError>.self) { group in
      for index in 0..<64 {
        group.addTask {
          await validate(store, intent(user, to: "r\(index)@example.com")) { _ in
            log.record(reader.committedValidations())
          }
        }
      }
      var outcomes: [Result<PolicyDecision, StoreError>] = []
      for await outcome in group { outcomes.append(outcome) }
      return outcomes
    }

    #expect(outcomes.count == 64)
    for outcome in outcomes {
      #expect((try? outcome.get())?.isAllowed == true)
    }
    // The n-th completion can see at least n committed entries.
    let counts = log.committedCounts
    #expect(counts.count == 64)
    for (index, count) in counts.enumerated() {
      #expect(count >= Int64(index + 1))
    }
    #expect(reader.committedValidations() == 64)
  }

  @Test("a callback validation sees earlier sends and is audited like the async one")
  func sameDecisionAsAsync() async throws {
    let fixture = try StoreFixture()
    let store = fixture.store
    defer { withExtendedLifetime(fixture) {} }
    let (user, _) = try await store.addUser(name: "bob", isAdmin: false)
    let send = intent(user, to: "editor@example.org")
    _ = try #require(try await store.reserveSend(send).attempt)

    let decision = try await validate(store, send).get()
    #expect(decision.outcome == .duplicate)
    #expect(decision.outcome == (try await store.validate(send)).outcome)
    #expect(try CommittedAuditReader(path: fixture.path).committedValidations() == 2)
  }

  @Test("validations queued to wake the writer later wait for the wake, then commit as one group")
  func wakeLater() async throws {
    let fixture = try StoreFixture()
    let store = fixture.store
    defer { withExtendedLifetime(fixture) {} }
    let (user, _) = try await store.addUser(name: "dee", isAdmin: false)
    let reader = try CommittedAuditReader(path: fixture.path)
    // Long enough for the writer to go idle after adding the user: a busy
    // writer takes whatever is queued when it finishes, woken or not.
    try await Task.sleep(for: .milliseconds(100))
    let log = CompletionLog()
    let done = Mutex(0)
    for index in 0..<20 {
      store.validate(intent(user, to: "w\(index)@example.com"), wakeLater: true) { _ in
        log.record(reader.committedValidations())
        done.withLock { $0 += 1 }
      }
    }
    try await Task.sleep(for: .milliseconds(150))
    #expect(done.withLock { $0 } == 0)  // the writer slept on
    store.wakeWriter()
    #expect(await eventually { done.withLock { $0 } == 20 })
    // One commit for all: the first completion already sees all twenty.
    #expect(log.committedCounts == Array(repeating: 20, count: 20))
  }

  @Test("a write that wakes the writer at once also runs those waiting for a later wake")
  func ordinaryWriteWakes() async throws {
    let fixture = try StoreFixture()
    let store = fixture.store
    defer { withExtendedLifetime(fixture) {} }
    let (user, _) = try await store.addUser(name: "eve", isAdmin: false)
    let done = Mutex(false)
    store.validate(intent(user, to: "later@example.com"), wakeLater: true) { _ in
      done.withLock { $0 = true }
    }
    _ = try await store.validate(intent(user, to: "now@example.com"))
    #expect(await eventually { done.withLock { $0 } })
  }

  @Test("a closed store completes at once with a closed error")
  func closedStore() async throws {
    let fixture = try StoreFixture()
    let (user, _) = try await fixture.store.addUser(name: "cy", isAdmin: false)
    fixture.store.close()
    let outcome = await validate(fixture.store, intent(user, to: "x@example.com"))
    #expect(throws: StoreError.self) { try outcome.get() }
    if case .failure(let error) = outcome { #expect(error.code == .closed) }
  }
}
