// Measures audited policy validations per second through the real Store:
// many concurrent callers, one group-committing writer, a temporary database.
//
//   swift run -c release store-bench [total-validations] [concurrent-callers]

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

let arguments = CommandLine.arguments
let total = arguments.count > 1 ? Int(arguments[1]) ?? 200_000 : 200_000
let callers = arguments.count > 2 ? Int(arguments[2]) ?? 64 : 64

let directory = FileManager.default.temporaryDirectory
  .appendingPathComponent("store-bench-\(UUID().uuidString)")
try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
defer { try? FileManager.default.removeItem(at: directory) }

let store = try Store(path: directory.appendingPathComponent("bench.db").path)
let (user, _) = try await store.addUser(name: "bench", isAdmin: false)
let sender = try EmailAddress(parsing: "outreach@yourdomain.com")
let recipients = try (0..<1_000).map { try EmailAddress(parsing: "editor\($0)@site\($0 % 50).com") }

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
let audited = try await store.auditEntries(AuditQuery(), pageToken: nil, pageSize: 1)
store.close()

print(
  "validations: \(done) by \(callers) concurrent callers in \(String(format: "%.2f", seconds)) s")
print("throughput:  \(Int(Double(done) / seconds)) audited validations/s")
print("cpu:         \(String(format: "%.2f", cpu * 1e6 / Double(done))) µs per validation")
print("last audit id: \(audited.items.first?.id ?? 0)")
