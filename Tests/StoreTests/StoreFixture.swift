import Foundation
import Policy
import Synchronization

@testable import Store

/// A clock tests move by hand.
final class ManualClock: Sendable {
  private let current: Mutex<Date>

  init(_ start: Date = Date(timeIntervalSince1970: 1_796_428_800 + 12 * 3_600)) {
    current = Mutex(start)
  }

  var now: Date { current.withLock { $0 } }

  func advance(by interval: TimeInterval) {
    current.withLock { $0 = $0.addingTimeInterval(interval) }
  }

  func set(_ date: Date) {
    current.withLock { $0 = date }
  }
}

/// A temporary directory with a store in it, removed when the test ends.
final class StoreFixture {
  let directory: URL
  let clock: ManualClock
  let limits: PolicyLimits
  private(set) var store: Store

  var path: String { directory.appendingPathComponent("outreach.db").path }

  init(limits: PolicyLimits = .standard, clock: ManualClock = ManualClock()) throws {
    directory = FileManager.default.temporaryDirectory
      .appendingPathComponent("store-tests-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    self.clock = clock
    self.limits = limits
    store = try Store(
      path: directory.appendingPathComponent("outreach.db").path,
      options: Self.options(limits: limits, clock: clock))
  }

  deinit {
    store.close()
    try? FileManager.default.removeItem(at: directory)
  }

  /// Closes the store and opens the same file again.
  func reopen() throws {
    store.close()
    store = try Store(path: path, options: Self.options(limits: limits, clock: clock))
  }

  static func options(limits: PolicyLimits, clock: ManualClock) -> Store.Options {
    Store.Options(limits: limits, clock: { clock.now })
  }
}

/// Parses an address the test knows to be valid.
func address(_ text: String) -> EmailAddress {
  try! EmailAddress(parsing: text)
}

/// An intent from `user` to `recipient`.
func intent(
  _ user: UserRecord, to recipient: String, from sender: String = "outreach@yourdomain.com",
  subject: String = "Guest Post: AI Marketing Trends", leadID: Int64? = nil
) -> SendIntent {
  SendIntent(
    userID: user.id, leadID: leadID, sender: address(sender), recipient: address(recipient),
    subject: subject)
}

/// Waits up to `seconds` for `condition`, polling.
func eventually(seconds: Double = 10, _ condition: () -> Bool) async -> Bool {
  let deadline = ContinuousClock.now + .seconds(seconds)
  while ContinuousClock.now < deadline {
    if condition() { return true }
    try? await Task.sleep(for: .milliseconds(5))
  }
  return condition()
}
