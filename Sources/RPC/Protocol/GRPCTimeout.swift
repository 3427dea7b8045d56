/// The `grpc-timeout` header: 1 to 8 ASCII digits followed by one unit,
/// `H` hours, `M` minutes, `S` seconds, `m` milliseconds, `u` microseconds
/// or `n` nanoseconds.
package enum GRPCTimeout {
  private static let maxDigits = 8
  private static let maxValue: Int64 = 99_999_999

  /// Parses a header value; `nil` when it is malformed.
  package static func parse(_ value: some StringProtocol) -> Duration? {
    let bytes = Array(value.utf8)
    guard bytes.count >= 2, bytes.count <= maxDigits + 1 else { return nil }

    var amount: Int64 = 0
    for byte in bytes.dropLast() {
      guard byte >= UInt8(ascii: "0"), byte <= UInt8(ascii: "9") else { return nil }
      amount = amount * 10 + Int64(byte - UInt8(ascii: "0"))
    }

    switch bytes.last! {
    case UInt8(ascii: "H"): return .seconds(amount * 3600)
    case UInt8(ascii: "M"): return .seconds(amount * 60)
    case UInt8(ascii: "S"): return .seconds(amount)
    case UInt8(ascii: "m"): return .milliseconds(amount)
    case UInt8(ascii: "u"): return .microseconds(amount)
    case UInt8(ascii: "n"): return .nanoseconds(amount)
    default: return nil
    }
  }

  /// Formats a timeout in the finest unit that fits in 8 digits, rounding
  /// up so the server never sees a shorter deadline than the client's.
  package static func format(_ duration: Duration) -> String {
    let (seconds, attoseconds) = duration.components
    guard seconds >= 0, duration > .zero else { return "0n" }

    let nanoseconds = (attoseconds + 999_999_999) / 1_000_000_000
    let total = Double(seconds) * 1e9 + Double(nanoseconds)
    let units: [(Character, Double)] = [
      ("n", 1), ("u", 1e3), ("m", 1e6), ("S", 1e9), ("M", 60e9), ("H", 3600e9),
    ]
    for (unit, scale) in units {
      let amount = (total / scale).rounded(.up)
      if amount <= Double(maxValue) {
        return "\(Int64(amount))\(unit)"
      }
    }
    return "\(maxValue)H"
  }
}
