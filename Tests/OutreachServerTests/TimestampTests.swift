import Foundation
import Testing

@testable import OutreachServer

@Suite("RFC 3339 timestamps")
struct TimestampTests {
  @Test(
    "formats instants in UTC with milliseconds, before 1970 too",
    arguments: [
      (1_796_428_800.5, "2026-12-05T00:00:00.500Z"), (951_782_400, "2000-02-29T00:00:00.000Z"),
      (-0.5, "1969-12-31T23:59:59.500Z"),
    ] as [(Double, String)])
  func format(seconds: Double, text: String) {
    #expect(Timestamp.format(Date(timeIntervalSince1970: seconds)) == text)
  }

  @Test(
    "parses UTC and offset forms to the same instant",
    arguments: [
      "2026-12-05T00:00:00.5Z", "2026-12-05t00:00:00.500z", "2026-12-05T01:30:00.5+01:30",
      "2026-12-04T19:00:00.500-05:00",
    ])
  func parse(text: String) {
    #expect(Timestamp.parse(text) == Date(timeIntervalSince1970: 1_796_428_800.5))
  }

  @Test(
    "refuses text that is not an RFC 3339 date-time",
    arguments: [
      "2026-13-01T00:00:00Z", "2026-12-05", "2026-12-05T00:00:00", "2026-12-05T00:00:00.Z",
    ])
  func refuse(text: String) {
    #expect(Timestamp.parse(text) == nil)
  }
}
