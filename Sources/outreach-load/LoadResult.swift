import ClientTools
import Foundation
import RPC
import Wire

/// The outcome of a run, as text for people or JSON for scripts.
struct LoadResult: Sendable {
  let options: LoadOptions
  /// Requests started (closed loop) or issued by the scheduler (open loop).
  let issued: Int
  let elapsed: Duration
  let tally: Tally
  /// True when the run ended early because the server could not be reached.
  let stoppedBecauseServerUnreachable: Bool

  /// Calls that completed, whatever their status.
  var completed: Int { tally.statusCounts.reduce(0, +) }
  var succeeded: Int { tally.statusCounts[0] }
  var seconds: Double { DurationText.seconds(elapsed) }
  var requestsPerSecond: Double { seconds > 0 ? Double(completed) / seconds : 0 }

  /// Status names with their counts, codes in order.
  var statuses: [(name: String, count: Int)] {
    tally.statusCounts.enumerated().filter { $0.element > 0 }.map { code, count in
      (code == tally.statusCounts.count - 1 ? "OTHER" : StatusCode(rawValue: code).name, count)
    }
  }

  private static let percentiles: [(label: String, fraction: Double)] = [
    ("p50", 0.5), ("p90", 0.9), ("p99", 0.99), ("p99.9", 0.999),
  ]

  private func milliseconds(_ nanoseconds: Double) -> Double { nanoseconds / 1e6 }

  /// The report for people.
  var text: String {
    var lines = [
      "method:      \(options.method.descriptor.fullName)",
      "load:        \(options.connections) connection(s), \(options.concurrency) in flight, "
        + (options.rate.map { "open loop at \(Self.format($0)) req/s" } ?? "closed loop"),
      "requests:    \(completed) completed of \(issued) issued in \(Self.format(seconds)) s",
      "throughput:  \(Self.format(requestsPerSecond)) req/s",
    ]
    if stoppedBecauseServerUnreachable {
      lines.append("stopped:     the server could not be reached; no further requests were issued")
    }
    if options.rate != nil {
      lines.append("offered:     \(Self.format(Double(issued) / max(seconds, 1e-9))) req/s")
    }
    let histogram = tally.latencies
    if histogram.count > 0 {
      let values =
        Self.percentiles.map {
          "\($0.label) \(Self.format(milliseconds(Double(histogram.percentile($0.fraction)))))"
        } + [
          "max \(Self.format(milliseconds(Double(histogram.maximum))))",
          "mean \(Self.format(milliseconds(histogram.mean)))",
        ]
      lines.append("latency ms:  " + values.joined(separator: "  "))
    }
    lines.append("status:")
    for (name, count) in statuses {
      lines.append("  \(name.padding(toLength: 20, withPad: " ", startingAt: 0)) \(count)")
    }
    if !tally.errors.isEmpty {
      lines.append("errors:")
      for (message, count) in tally.errors.sorted(by: { $0.value > $1.value }) {
        lines.append(
          "  \(String(count).padding(toLength: 8, withPad: " ", startingAt: 0)) \(message)")
      }
    }
    return lines.joined(separator: "\n")
  }

  /// The report for scripts, one JSON object.
  var json: String {
    var writer = JSONWriter()
    writer.beginObject()
    writer.writeField("method", options.method.descriptor.fullName)
    writer.writeField("connections", Int32(options.connections))
    writer.writeField("concurrency", Int32(options.concurrency))
    if let rate = options.rate {
      writer.writeKey("rate")
      writer.writeNumber(Self.format(rate))
      writer.writeKey("offeredRps")
      writer.writeNumber(Self.format(Double(issued) / max(seconds, 1e-9)))
    }
    writer.writeKey("issued")
    writer.writeNumber(String(issued))
    writer.writeKey("serverUnreachable")
    writer.writeBool(stoppedBecauseServerUnreachable)
    writer.writeKey("completed")
    writer.writeNumber(String(completed))
    writer.writeKey("succeeded")
    writer.writeNumber(String(succeeded))
    writer.writeKey("durationSeconds")
    writer.writeNumber(Self.format(seconds))
    writer.writeKey("rps")
    writer.writeNumber(Self.format(requestsPerSecond))
    writer.writeKey("latencyMs")
    writer.beginObject()
    let histogram = tally.latencies
    for (label, fraction) in Self.percentiles {
      writer.writeKey(label)
      writer.writeNumber(Self.format(milliseconds(Double(histogram.percentile(fraction)))))
    }
    writer.writeKey("max")
    writer.writeNumber(Self.format(milliseconds(Double(histogram.maximum))))
    writer.writeKey("mean")
    writer.writeNumber(Self.format(milliseconds(histogram.mean)))
    writer.endObject()
    writer.writeKey("status")
    writer.beginObject()
    for (name, count) in statuses {
      writer.writeKey(name)
      writer.writeNumber(String(count))
    }
    writer.endObject()
    writer.writeKey("errors")
    writer.beginArray()
    for (message, count) in tally.errors.sorted(by: { $0.value > $1.value }) {
      writer.beginObject()
      writer.writeField("message", message)
      writer.writeKey("count")
      writer.writeNumber(String(count))
      writer.endObject()
    }
    writer.endArray()
    writer.endObject()
    return writer.output
  }

  /// A number with three decimals, trailing zeros dropped.
  static func format(_ value: Double) -> String {
    var text = String(format: "%.3f", value)
    while text.hasSuffix("0") { text.removeLast() }
    if text.hasSuffix(".") { text.removeLast() }
    return text
  }
}
