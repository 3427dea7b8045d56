/// A point in time every step of one send must finish by.
struct Deadline: Sendable {
  /// When time runs out.
  let instant: ContinuousClock.Instant

  /// A deadline `duration` from now.
  static func after(_ duration: Duration) -> Deadline {
    Deadline(instant: .now + duration)
  }

  /// Milliseconds left, rounded up, 0 once passed: a `poll(2)` timeout.
  var remainingMilliseconds: Int32 {
    let left = instant - .now
    guard left > .zero else { return 0 }
    let milliseconds = left / .milliseconds(1)
    return Int32(min(milliseconds.rounded(.up), Double(Int32.max)))
  }

  /// Whether the deadline has passed.
  var hasPassed: Bool { ContinuousClock.now >= instant }
}
