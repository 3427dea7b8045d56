import Foundation

/// A UTC calendar day, counted in days since 1970-01-01.
///
/// Daily caps reset when this number changes, at midnight UTC.
public struct UTCDay: Sendable, Hashable, Comparable, CustomStringConvertible {
  /// Days since the Unix epoch.
  public let number: Int64

  /// Creates the day from its number.
  public init(number: Int64) { self.number = number }

  /// The UTC day `date` falls on.
  public init(containing date: Date) {
    number = Int64((date.timeIntervalSince1970 / 86_400).rounded(.down))
  }

  /// The day on which the proleptic Gregorian date `year-month-day` falls.
  public init(year: Int64, month: Int64, day: Int64) {
    // Days-from-civil after Howard Hinnant's public-domain algorithm: years
    // start in March so the leap day comes last, in 400-year eras.
    let shiftedYear = month <= 2 ? year - 1 : year
    let era = (shiftedYear >= 0 ? shiftedYear : shiftedYear - 399) / 400
    let yearOfEra = shiftedYear - era * 400
    let dayOfYear = (153 * (month > 2 ? month - 3 : month + 9) + 2) / 5 + day - 1
    let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
    number = era * 146_097 + dayOfEra - 719_468
  }

  /// The day's proleptic Gregorian date, computed without `Calendar`, which
  /// would depend on the process's time-zone settings.
  public var civilDate: (year: Int64, month: Int64, day: Int64) {
    // Civil-from-days, the inverse of ``init(year:month:day:)``.
    let shifted = number + 719_468
    let era = (shifted >= 0 ? shifted : shifted - 146_096) / 146_097
    let dayOfEra = shifted - era * 146_097
    let yearOfEra = (dayOfEra - dayOfEra / 1_460 + dayOfEra / 36_524 - dayOfEra / 146_096) / 365
    let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
    let monthIndex = (5 * dayOfYear + 2) / 153
    let day = dayOfYear - (153 * monthIndex + 2) / 5 + 1
    let month = monthIndex < 10 ? monthIndex + 3 : monthIndex - 9
    let year = yearOfEra + era * 400 + (month <= 2 ? 1 : 0)
    return (year, month, day)
  }

  /// The day as `YYYY-MM-DD`.
  public var description: String {
    let (year, month, day) = civilDate
    let pad = { (value: Int64, width: Int) in
      String(repeating: "0", count: max(0, width - String(value).count)) + String(value)
    }
    return "\(pad(year, 4))-\(pad(month, 2))-\(pad(day, 2))"
  }

  public static func < (lhs: UTCDay, rhs: UTCDay) -> Bool { lhs.number < rhs.number }
}

/// The idempotency rule: one `(sender, recipient, subject)` at most once in
/// a rolling 24 hours.
public enum IdempotencyRule {
  /// How long a used key blocks a repeat: 24 hours from the send.
  public static let window: TimeInterval = 24 * 60 * 60

  /// The text an idempotency key is derived from.
  ///
  /// Sender and recipient use their canonical forms, so spelling variants of
  /// one address share a key; the subject is compared after NFC and trimming
  /// surrounding whitespace, but otherwise exactly (case matters).
  public static func keyMaterial(
    sender: EmailAddress, recipient: EmailAddress, subject: String
  ) -> String {
    withKeyMaterial(sender: sender, recipient: recipient, subject: subject) {
      String(decoding: $0, as: UTF8.self)
    }
  }

  /// Calls `body` with the bytes of ``keyMaterial(sender:recipient:subject:)``,
  /// assembled in temporary memory rather than in a new string.
  public static func withKeyMaterial<Result>(
    sender: EmailAddress, recipient: EmailAddress, subject: String,
    _ body: (UnsafeRawBufferPointer) -> Result
  ) -> Result {
    var subject = normalizedSubject(subject)
    var sender = sender.canonical
    var recipient = recipient.canonical
    let count = sender.utf8.count + 1 + recipient.utf8.count + 1 + subject.utf8.count
    return withUnsafeTemporaryAllocation(byteCount: count, alignment: 1) { buffer in
      var offset = 0
      func put(_ bytes: UnsafeBufferPointer<UInt8>) {
        UnsafeMutableRawBufferPointer(rebasing: buffer[offset...])
          .copyMemory(from: UnsafeRawBufferPointer(bytes))
        offset += bytes.count
      }
      func putNewline() {
        buffer[offset] = UInt8(ascii: "\n")
        offset += 1
      }
      sender.withUTF8(put)
      putNewline()
      recipient.withUTF8(put)
      putNewline()
      subject.withUTF8(put)
      return body(UnsafeRawBufferPointer(buffer))
    }
  }

  /// The subject in NFC without surrounding whitespace; ASCII subjects, the
  /// common case, skip the Unicode normalisation.
  static func normalizedSubject(_ subject: String) -> Substring {
    var contiguous = subject
    if contiguous.withUTF8({ bytes in bytes.allSatisfy { $0 < 0x80 } }) {
      // ASCII: NFC is the identity and whitespace is a handful of bytes.
      let isSpace: (UInt8) -> Bool = { $0 == 0x20 || (0x09...0x0D).contains($0) }
      let bytes = subject.utf8
      guard let first = bytes.firstIndex(where: { !isSpace($0) }) else { return "" }
      let last = bytes.lastIndex(where: { !isSpace($0) })!
      return subject[first...last]
    }
    let normalized = subject.precomposedStringWithCanonicalMapping
    let isOuterSpace: (Character) -> Bool = { $0.isWhitespace || $0.isNewline }
    guard let first = normalized.firstIndex(where: { !isOuterSpace($0) }) else { return "" }
    let last = normalized.lastIndex(where: { !isOuterSpace($0) })!
    return normalized[first...last]
  }
}
