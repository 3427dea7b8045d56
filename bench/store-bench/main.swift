// Drives the real Store from many concurrent tasks.
//
//   store-bench [total-validations] [concurrent-callers]
//     Measures audited policy validations per second against a temporary
//     database and prints throughput and process CPU per validation.
//
//   store-bench --until-killed DATABASE
//     Sends and validates against DATABASE until the process is killed,
//     writing one line to standard output after each call returns:
//     `sent <attempt id>` or `validated` (half of the validations use the
//     callback form and print from inside their completion). Whatever was
//     printed was acknowledged, so it must be in the database however the
//     process dies.

import Foundation
import Policy
import Store

/// Process CPU time (user + system) in seconds.
func processCPUSeconds() -> Double {
  var usage = rusage()
  getrusage(RUSAGE_SELF.rawValue, &usage)
  let user = Double(usage.ru_utime.tv_sec) + Double(usage.ru_utime.tv_usec) / 1e6
  let system = Double(usage.ru_stime.tv_sec) + Double(usage.ru_stime.tv_usec) / 1e6
  return user + system
}

/// Writes one line with a single unbuffered `write(2)`, so nothing printed
/// waits in a buffer when the process is killed.
func acknowledge(_ line: String) {
  let bytes = Array((line + "\n").utf8)
  _ = bytes.withUnsafeBytes { write(STDOUT_FILENO, $0.baseAddress, $0.count) }
}

/// Runs sends and validations until killed; stops by itself after 60 s.
func runUntilKilled(path: String) async throws {
  let limits = PolicyLimits(dailyUserCap: 1_000_000, dailyDomainCap: 1_000_000)
  let store = try Store(path: path, options: Store.Options(limits: limits))
  let (user, _) = try await store.addUser(name: "probe-\(getpid())", isAdmin: false)
  let sender = try EmailAddress(parsing: "outreach@yourdomain.com")
  let deadline = ContinuousClock.now + .seconds(60)
  try await withThrowingTaskGroup(of: Void.self) { group in
    for caller in 0..<16 {
      group.addTask {
        var index = 0
        while ContinuousClock.now < deadline {
          index += 1
          let recipient = try EmailAddress(parsing: "r\(caller)-\(index)@site\(index % 97).com")
          let intent = SendIntent(
            userID: user.id, sender: sender, recipient: recipient, subject: "Probe")
          if index % 4 == 0 {
            // The callback form acknowledges from the writer thread, in the
            // completion that follows the commit.
            try await withCheckedThrowingContinuation { continuation in
              store.validate(intent) { outcome in
                if case .success = outcome { acknowledge("validated") }
                continuation.resume(with: outcome.map { _ in })
              }
            }
          } else if index % 2 == 0 {
            _ = try await store.validate(intent)
            acknowledge("validated")
          } else if let attempt = try await store.reserveSend(intent).attempt {
            try await store.markDeliveryStarted(attemptID: attempt.id)
            try await store.completeSend(attemptID: attempt.id, messageID: "<\(attempt.id)@probe>")
            acknowledge("sent \(attempt.id)")
          }
        }
      }
    }
    try await group.waitForAll()
  }
  store.close()
}

/// Measures validations per second against a temporary database.
func measure(total: Int, callers: Int) async throws {
  let directory = FileManager.default.temporaryDirectory
    .appendingPathComponent("store-bench-\(UUID().uuidString)")
  try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
  defer { try? FileManager.default.removeItem(at: directory) }

  let store = try Store(path: directory.appendingPathComponent("bench.db").path)
  let (user, _) = try await store.addUser(name: "bench", isAdmin: false)
  let sender = try EmailAddress(parsing: "outreach@yourdomain.com")
  let recipients = try (0..<1_000).map {
    try EmailAddress(parsing: "editor\($0)@site\($0 % 50).com")
  }

  let perCaller = total / callers
  let cpuBefore = processCPUSeconds()
  let started = ContinuousClock.now
  try await withThrowingTaskGroup(of: Void.self) { group in
    for caller in 0..<callers {
      group.addTask {
        for index in 0..<perCaller {
          let intent = SendIntent(
            userID: user.id, sender: sender, recipient: recipients[(caller + index) % 1_000],
            subject: "Guest Post \(index % 7)")
          _ = try await store.validate(intent)
        }
      }
    }
    try await group.waitForAll()
  }
  let elapsed = ContinuousClock.now - started
  let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
  let cpu = processCPUSeconds() - cpuBefore
  let done = perCaller * callers
  store.close()

  print(
    "validations: \(done) by \(callers) concurrent callers in \(String(format: "%.2f", seconds)) s")
  print("throughput:  \(Int(Double(done) / seconds)) audited validations/s")
  print("cpu:         \(String(format: "%.2f", cpu * 1e6 / Double(done))) µs per validation")
}

let arguments = CommandLine.arguments
if arguments.count > 2, arguments[1] == "--until-killed" {
  try await runUntilKilled(path: arguments[2])
} else {
  let total = arguments.count > 1 ? Int(arguments[1]) ?? 200_000 : 200_000
  let callers = arguments.count > 2 ? Int(arguments[2]) ?? 64 : 64
  try await measure(total: total, callers: callers)
}
