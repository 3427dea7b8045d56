// Drives unary grpc.health.v1.Health/Check calls through RPCClient against
// a server on loopback and prints throughput, latency and the client's CPU
// cost per call, for comparison with h2load against the same server.
//
//   rpc-client-bench [--target 127.0.0.1:50051] [--connections 4]
//                    [--concurrency 32] [--duration 10] [--warmup 2]

import Foundation
import OutreachAPI
import RPC
import Synchronization
import Wire

let check = HealthMethods.check

/// Command-line options with their defaults.
struct Options {
  var target = "127.0.0.1:50051"
  var connections = 4
  var concurrency = 32
  var duration = 10.0
  var warmup = 2.0

  init(_ arguments: [String]) {
    var iterator = arguments.dropFirst().makeIterator()
    while let flag = iterator.next() {
      guard let value = iterator.next() else { break }
      switch flag {
      case "--target": target = value
      case "--connections": connections = Int(value) ?? connections
      case "--concurrency": concurrency = Int(value) ?? concurrency
      case "--duration": duration = Double(value) ?? duration
      case "--warmup": warmup = Double(value) ?? warmup
      default: fatalError("unknown option \(flag)")
      }
    }
  }
}

/// Process CPU time (user + system) in seconds.
func cpuSeconds() -> Double {
  var usage = rusage()
  getrusage(RUSAGE_SELF.rawValue, &usage)
  return Double(usage.ru_utime.tv_sec + usage.ru_stime.tv_sec)
    + Double(usage.ru_utime.tv_usec + usage.ru_stime.tv_usec) / 1e6
}

/// One worker's tallies.
struct Tally: Sendable {
  var succeeded = 0
  var failed = 0
  var latencies: [Duration] = []
}

/// Calls in a loop until `end`, recording only calls started after `measureFrom`.
func runWorker(
  _ client: RPCClient, measureFrom: ContinuousClock.Instant, end: ContinuousClock.Instant
) async -> Tally {
  var tally = Tally()
  tally.latencies.reserveCapacity(1 << 16)
  let request = HealthCheckRequest()
  let clock = ContinuousClock()
  while true {
    let start = clock.now
    if start >= end { break }
    do {
      let response: HealthCheckResponse = try await client.unary(
        check, request: request, options: CallOptions())
      guard start >= measureFrom else { continue }
      if response.status == .serving {
        tally.succeeded += 1
        tally.latencies.append(clock.now - start)
      } else {
        tally.failed += 1
      }
    } catch {
      if start >= measureFrom { tally.failed += 1 }
      if tally.failed == 1 { print("first failure: \(error)") }
    }
  }
  return tally
}

let options = Options(CommandLine.arguments)
let clients = try (0..<options.connections).map { _ in
  try RPCClient(configuration: RPCClient.Configuration(target: options.target))
}
let clock = ContinuousClock()
let begin = clock.now
let measureFrom = begin + .seconds(options.warmup)
let end = measureFrom + .seconds(options.duration)

// Measure CPU from the end of the warm-up, on a side task.
let cpuAtMeasureStart = Mutex<Double>(0)
Task.detached {
  try? await Task.sleep(until: measureFrom, clock: clock)
  let now = cpuSeconds()
  cpuAtMeasureStart.withLock { $0 = now }
}

let tallies = await withTaskGroup(of: Tally.self) { group in
  for client in clients {
    for _ in 0..<options.concurrency {
      group.addTask { await runWorker(client, measureFrom: measureFrom, end: end) }
    }
  }
  var tallies: [Tally] = []
  for await tally in group { tallies.append(tally) }
  return tallies
}
let cpu = cpuSeconds() - cpuAtMeasureStart.withLock { $0 }
for client in clients { client.close() }

let succeeded = tallies.reduce(0) { $0 + $1.succeeded }
let failed = tallies.reduce(0) { $0 + $1.failed }
let latencies = tallies.flatMap(\.latencies).sorted()
func percentile(_ fraction: Double) -> Double {
  guard !latencies.isEmpty else { return 0 }
  let index = min(latencies.count - 1, Int(Double(latencies.count) * fraction))
  let (seconds, attoseconds) = latencies[index].components
  return Double(seconds) * 1e3 + Double(attoseconds) / 1e15
}
let rps = Double(succeeded) / options.duration
print(
  String(
    format:
      "RESULT target=%@ connections=%d concurrency=%d succeeded=%d failed=%d rps=%.0f p50_ms=%.3f p99_ms=%.3f client_cpu_s=%.2f client_us_per_call=%.2f",
    options.target, options.connections, options.concurrency, succeeded, failed, rps,
    percentile(0.5), percentile(0.99), cpu, succeeded > 0 ? cpu / Double(succeeded) * 1e6 : 0))
