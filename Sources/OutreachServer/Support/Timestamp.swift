import Foundation
import Policy

/// The API's time format: RFC 3339 in UTC with milliseconds, such as
/// `2026-12-04T15:04:05.123Z`.
enum Timestamp {
  /// Formats `date` in UTC with milliseconds.
  static func format(_ date: Date) -> String {
    let milliseconds = Int64((date.timeIntervalSince1970 * 1_000).rounded(.down))
    let (days, millisecondOfDay) = floorDivide(milliseconds, 86_400_000)
    let (year, month, day) = UTCDay(number: days).civilDate
    let hour = millisecondOfDay / 3_600_000
    let minute = millisecondOfDay / 60_000 % 60
    let second = millisecondOfDay / 1_000 % 60
    let millisecond = millisecondOfDay % 1_000
    return "\(pad(year, 4))-\(pad(month, 2))-\(pad(day, 2))T\(pad(hour, 2)):\(pad(minute, 2)):"
      + "\(pad(second, 2)).\(pad(millisecond, 3))Z"
  }

  /// Parses an RFC 3339 date-time: `YYYY-MM-DDTHH:MM:SS`, optional
  /// fraction, then `Z` or a `±HH:MM` offset. `nil` when it does not parse.
  static func parse(_ text: String) -> Date? {
    let bytes = Array(text.utf8)
    var index = 0

    func number(_ digits: Int) -> Int64? {
      guard index + digits <= bytes.count else { return nil }
      var value: Int64 = 0
      for byte in bytes[index..<index + digits] {
        guard (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte) else { return nil }
        value = value * 10 + Int64(byte - UInt8(ascii: "0"))
      }
      index += digits
      return value
    }

    func expect(_ characters: String) -> Bool {
      guard index < bytes.count, characters.utf8.contains(bytes[index]) else { return false }
      index += 1
      return true
    }

    guard let year = number(4), expect("-"), let month = number(2), expect("-"),
      let day = number(2), expect("Tt "), let hour = number(2), expect(":"),
      let minute = number(2), expect(":"), let second = number(2),
      (1...12).contains(month), (1...31).contains(day), hour < 24, minute < 60, second < 61
    else { return nil }

    var milliseconds: Int64 = 0
    if index < bytes.count, bytes[index] == UInt8(ascii: ".") {
      index += 1
      var scale: Int64 = 100
      let start = index
      while index < bytes.count, (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(bytes[index]) {
        milliseconds += Int64(bytes[index] - UInt8(ascii: "0")) * scale
        scale /= 10
        index += 1
      }
      guard index > start else { return nil }
    }

    var offsetMinutes: Int64 = 0
    if expect("Zz") {
    } else if index < bytes.count,
      bytes[index] == UInt8(ascii: "+") || bytes[index] == UInt8(ascii: "-")
    {
      let sign: Int64 = bytes[index] == UInt8(ascii: "-") ? -1 : 1
      index += 1
      guard let offsetHours = number(2), expect(":"), let offsetMinute = number(2) else {
        return nil
      }
      offsetMinutes = sign * (offsetHours * 60 + offsetMinute)
    } else {
      return nil
    }
    guard index == bytes.count else { return nil }

    let days = UTCDay(year: year, month: month, day: day).number
    let seconds = days * 86_400 + hour * 3_600 + minute * 60 + second - offsetMinutes * 60
    return Date(timeIntervalSince1970: Double(seconds) + Double(milliseconds) / 1_000)
  }

  private static func pad(_ value: Int64, _ width: Int) -> String {
    let digits = String(value)
    return String(repeating: "0", count: max(0, width - digits.count)) + digits
  }

  private static func floorDivide(_ value: Int64, _ divisor: Int64) -> (Int64, Int64) {
    let quotient = value >= 0 ? value / divisor : (value - divisor + 1) / divisor
    return (quotient, value - quotient * divisor)
  }
}
