import ClientTools
import Testing

@Suite("Latency histogram and request templates")
struct LoadToolsTests {
  @Test("percentiles stay within 1 % of the exact values, with bounded memory")
  func percentiles() {
    var histogram = LatencyHistogram()
    // 1 µs … 100 ms, spread over five decades.
    var values: [UInt64] = []
    var value = 1_000.0
    while value < 100_000_000 {
      values.append(UInt64(value))
      value *= 1.0007
    }
    for value in values { histogram.record(nanoseconds: value) }
    let sorted = values.sorted()
    for fraction in [0.5, 0.9, 0.99, 0.999] {
      let exact = Double(sorted[Int((fraction * Double(sorted.count)).rounded(.up)) - 1])
      let estimate = Double(histogram.percentile(fraction))
      #expect(abs(estimate - exact) / exact < 0.01, "p\(fraction * 100): \(estimate) vs \(exact)")
    }
    #expect(histogram.maximum == sorted.last)
    #expect(histogram.count == UInt64(values.count))
  }

  @Test("merging histograms equals recording everything in one")
  func merging() {
    var first = LatencyHistogram()
    var second = LatencyHistogram()
    var both = LatencyHistogram()
    for value in stride(from: UInt64(100), to: 10_000_000, by: 997) {
      if value % 2 == 0 {
        first.record(nanoseconds: value)
      } else {
        second.record(nanoseconds: value)
      }
      both.record(nanoseconds: value)
    }
    first.merge(second)
    for fraction in [0.1, 0.5, 0.99] {
      #expect(first.percentile(fraction) == both.percentile(fraction))
    }
    #expect(first.count == both.count)
  }

  @Test("values beyond the range land in the last bucket instead of being lost")
  func hugeValues() {
    var histogram = LatencyHistogram()
    histogram.record(nanoseconds: .max)
    histogram.record(nanoseconds: 0)
    #expect(histogram.count == 2)
    #expect(histogram.percentile(1) <= UInt64.max)
    #expect(histogram.percentile(0.5) == 0)
  }

  @Test("templates number requests, pick domains from the list and make UUIDs")
  func templates() throws {
    let template = try RequestTemplate(
      #"{"n": {{seq}}, "to": "{{ random_email }}", "id": "{{uuid}}"}"#,
      domains: ["a.test", "b.test"])
    #expect(!template.isConstant)
    var generator = SystemRandomNumberGenerator()
    var domains: Set<Substring> = []
    for sequence in 1...200 {
      let text = template.render(sequence: sequence, using: &generator)
      #expect(text.hasPrefix("{\"n\": \(sequence), \"to\": \"r"))
      let address = text.split(separator: "\"")[5]
      domains.insert(address.split(separator: "@")[1])
      let uuid = text.split(separator: "\"")[9]
      #expect(uuid.count == 36 && uuid.split(separator: "-").map(\.count) == [8, 4, 4, 4, 12])
    }
    #expect(domains == ["a.test", "b.test"])
    #expect(try RequestTemplate("{}").isConstant)
    #expect(throws: UsageError.self) { try RequestTemplate("{{when}}") }
  }

  @Test(
    "durations read as people type them",
    arguments: [
      ("10s", Duration.seconds(10)), ("500ms", .milliseconds(500)), ("2m", .seconds(120)),
      ("1.5", .milliseconds(1500)), ("250us", .microseconds(250)),
    ])
  func durations(text: String, expected: Duration) {
    #expect(DurationText.parse(text) == expected)
  }

  @Test("malformed durations are refused", arguments: ["", "s", "-1s", "ten", "1d"])
  func badDurations(text: String) {
    #expect(DurationText.parse(text) == nil)
  }
}
