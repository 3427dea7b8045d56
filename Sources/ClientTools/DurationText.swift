/// Durations as people type them on a command line.
public enum DurationText {
  /// Parses `10s`, `1.5s`, `500ms`, `2m`, `1h` or a bare number of seconds.
  /// - Returns: `nil` for anything else, and for negative durations.
  public static func parse(_ text: String) -> Duration? {
    let units: [(suffix: String, seconds: Double)] = [
      ("ms", 1e-3), ("us", 1e-6), ("s", 1), ("m", 60), ("h", 3600),
    ]
    var number = Substring(text)
    var scale = 1.0
    for unit in units where text.hasSuffix(unit.suffix) {
      number = text.dropLast(unit.suffix.count)
      scale = unit.seconds
      break
    }
    guard let value = Double(number), value.isFinite, value >= 0 else { return nil }
    let nanoseconds = (value * scale * 1e9).rounded()
    guard nanoseconds < 1e18 else { return nil }
    return .nanoseconds(Int64(nanoseconds))
  }

  /// Seconds as a `Double`.
  public static func seconds(_ duration: Duration) -> Double {
    let (seconds, attoseconds) = duration.components
    return Double(seconds) + Double(attoseconds) / 1e18
  }
}
