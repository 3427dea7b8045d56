// Measures messages per second through an SMTP relay with mandatory STARTTLS
// and AUTH, with and without session reuse. Driven by bench/smtp/run.sh.
//
//   smtp-bench --port P --ca-file CA --user U --password W --count N
//              [--host localhost] [--sessions K]

import Foundation
import Logging
import Mail
import Synchronization

/// Command-line options, `--name value` pairs.
struct Options {
  var host = "localhost"
  var port: UInt16 = 0
  var caFile = ""
  var user = ""
  var password = ""
  var count = 200
  var sessions = 4

  init(arguments: [String]) {
    var iterator = arguments.makeIterator()
    while let name = iterator.next() {
      guard let value = iterator.next() else { break }
      switch name {
      case "--host": host = value
      case "--port": port = UInt16(value) ?? 0
      case "--ca-file": caFile = value
      case "--user": user = value
      case "--password": password = value
      case "--count": count = Int(value) ?? count
      case "--sessions": sessions = Int(value) ?? sessions
      default: fatalError("unknown option \(name)")
      }
    }
  }
}

/// A failure count shared by the parallel workers.
final class Counter: Sendable {
  private let storage = Mutex(0)
  func add() { storage.withLock { $0 += 1 } }
  var value: Int { storage.withLock { $0 } }
}

let options = Options(arguments: Array(CommandLine.arguments.dropFirst()))
let logger = Logger(label: "smtp-bench", level: .error)

func configuration(maxSessions: Int) -> SMTPConfiguration {
  SMTPConfiguration(
    host: options.host, port: options.port, username: options.user, password: options.password,
    verifiesTLS: true, sendTimeout: .seconds(30),
    fromAddress: try! MailAddress("bench@outreach.test"), caFile: options.caFile,
    maxSessions: maxSessions, idleTimeout: .seconds(60), heloName: "bench.test")
}

/// The message every mode sends; bench/smtp/smtplib_bench.py sends the same.
func benchmarkMessage(_ index: Int) -> OutgoingMessage {
  try! OutgoingMessage(
    from: "bench@outreach.test", fromName: "Outreach Bench", to: "lead\(index)@example.test",
    subject: "Benchmark message \(index)",
    textBody: String(repeating: "The quick brown fox jumps over the lazy dog.\n", count: 20))
}

/// Prints one aligned result line.
func report(_ label: String, count: Int, seconds: Double, failures: Int) {
  let padded = label.padding(toLength: 36, withPad: " ", startingAt: 0)
  let figures = String(
    format: "%6d msgs %8.3f s %9.1f msg/s  failures=%d", count, seconds,
    Double(count) / seconds, failures)
  print(padded + figures)
}

/// Sends `count` messages and prints one result line.
func measure(_ label: String, count: Int, send: (Int) async -> DeliveryResult) async {
  let clock = ContinuousClock()
  var failures = 0
  let elapsed = await clock.measure {
    for index in 0..<count where !(await send(index)).isDelivered { failures += 1 }
  }
  let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
  report(label, count: count, seconds: seconds, failures: failures)
}

// Warm-up: one send, so the first measured message pays no cold start.
let warmup = try SMTPSender(configuration: configuration(maxSessions: 1), logger: logger)
_ = await warmup.send(benchmarkMessage(0))
await warmup.shutdown()

// 1. New session per message: connect, EHLO, STARTTLS, EHLO, AUTH, send, QUIT.
await measure("swift new session per message", count: options.count) { index in
  let sender = try! SMTPSender(configuration: configuration(maxSessions: 1), logger: logger)
  let result = await sender.send(benchmarkMessage(index))
  await sender.shutdown()
  return result
}

// 2. One reused session, messages one after another (RSET between them).
let reusing = try SMTPSender(configuration: configuration(maxSessions: 1), logger: logger)
await measure("swift one reused session", count: options.count) { index in
  await reusing.send(benchmarkMessage(index))
}
await reusing.shutdown()

// 3. Reused sessions in parallel, the way the server uses the sender.
let pool = try SMTPSender(
  configuration: configuration(maxSessions: options.sessions), logger: logger)
let parallelCount = options.count
let parallelFailures = Counter()
let elapsed = await ContinuousClock().measure {
  await withTaskGroup(of: Void.self) { group in
    for worker in 0..<options.sessions {
      group.addTask {
        var index = worker
        while index < parallelCount {
          if !(await pool.send(benchmarkMessage(index))).isDelivered {
            parallelFailures.add()
          }
          index += options.sessions
        }
      }
    }
  }
}
await pool.shutdown()
report(
  "swift \(options.sessions) reused sessions in parallel", count: parallelCount,
  seconds: Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18,
  failures: parallelFailures.value)
