// wire-bench: encodes and decodes typical messages in a loop and prints
// nanoseconds and heap allocations per operation.
//
//   swift run -c release wire-bench [iterations]

import Foundation
import OutreachAPI
import Wire

/// The result of one measured loop.
struct Measurement {
  let nanosecondsPerOperation: Double
}

/// Runs `body` `iterations` times after a warm-up and measures it.
func measure<Result>(iterations: Int, _ body: () -> Result) -> Measurement {
  for _ in 0..<(iterations / 10) { blackHole(body()) }
  let clock = ContinuousClock()
  let start = clock.now
  for _ in 0..<iterations { blackHole(body()) }
  let elapsed = clock.now - start
  let nanoseconds =
    Double(elapsed.components.seconds) * 1e9 + Double(elapsed.components.attoseconds) / 1e9
  return Measurement(nanosecondsPerOperation: nanoseconds / Double(iterations))
}

/// Keeps the optimiser from discarding a result.
@inline(never)
func blackHole<T>(_ value: T) {
  withExtendedLifetime(value) {}
}

/// Prints one result line.
func report(_ name: String, _ measurement: Measurement) {
  let nanoseconds = String(format: "%8.1f", measurement.nanosecondsPerOperation)
  print("\(name.padding(toLength: 30, withPad: " ", startingAt: 0)) \(nanoseconds) ns/op")
}

// Arguments: an iteration count, and optionally one row to run alone (for
// counting allocations under valgrind, which reports heap totals at exit).
let arguments = Array(CommandLine.arguments.dropFirst())
let iterations = arguments.first.flatMap { Int($0) } ?? 1_000_000
let onlyRow = arguments.count > 1 ? arguments[1] : nil

let validateResponse = ValidateResponse.with {
  $0.allowed = true
  $0.reason = "All checks passed"
  $0.legalBasis = "legitimate_interest"
  $0.dailyUserCount = 23
  $0.dailyUserLimit = 100
  $0.dailyDomainCount = 5
  $0.dailyDomainLimit = 20
  $0.region = "US"
}

let sendRequest = SendRequest.with {
  $0.leadId = 4_815_162_342
  $0.subject = "Guest Post: AI Marketing Trends"
  $0.bodyText =
    "Hello,\n\nI enjoyed your article on marketing automation and would like to"
    + " propose a guest post on AI marketing trends.\n\nBest regards,\nAlex"
  $0.bodyHtml =
    "<p>Hello,</p><p>I enjoyed your article on marketing automation and would"
    + " like to propose a guest post on AI marketing trends.</p><p>Best regards,<br>Alex</p>"
  $0.senderEmail = "outreach@yourdomain.com"
}

let validateBytes = validateResponse.serializedBytes()
let sendBytes = sendRequest.serializedBytes()

/// The measured operations, by name.
let rows: [(name: String, run: (Int) -> Measurement)] = [
  ("ValidateResponse encode", { measure(iterations: $0) { validateResponse.serializedBytes() } }),
  (
    "ValidateResponse decode",
    { measure(iterations: $0) { try! ValidateResponse(serializedBytes: validateBytes) } }
  ),
  ("SendRequest encode", { measure(iterations: $0) { sendRequest.serializedBytes() } }),
  (
    "SendRequest decode",
    { measure(iterations: $0) { try! SendRequest(serializedBytes: sendBytes) } }
  ),
  (
    "ValidateResponse JSON encode",
    { measure(iterations: $0 / 10) { validateResponse.jsonString() } }
  ),
]

print("wire-bench: \(iterations) iterations per row")
print("ValidateResponse: \(validateBytes.count) bytes; SendRequest: \(sendBytes.count) bytes")
for row in rows where onlyRow == nil || row.name == onlyRow {
  report(row.name, row.run(iterations))
}
