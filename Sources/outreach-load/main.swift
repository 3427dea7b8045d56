// outreach-load: drives one method of an Outreach (or any gRPC) server with
// many calls and reports throughput, latency percentiles and statuses.
//
//   outreach-load METHOD [-d TEMPLATE] [--connections N] [--concurrency N]
//                 [--total N | --duration D] [--rate R] [--json] …

import ClientTools
import Foundation

let usage = """
  usage: outreach-load METHOD [-d TEMPLATE_JSON] [--connections N] [--concurrency N]
                       [--total N | --duration D] [--rate R] [--token T] [--server HOST:PORT]
                       [--timeout D] [--domains a.test,b.test] [--json]

  Calls the unary METHOD (such as grpc.health.v1.Health/Check or Policy/Validate)
  over --connections HTTP/2 connections with --concurrency calls in flight, and
  reports requests per second, latency percentiles (p50 p90 p99 p99.9 max), the
  count per gRPC status and the errors seen.

  Closed loop by default: each of the --concurrency workers starts its next call
  when the last one ends. With --rate R, open loop: R requests per second are
  issued on schedule whether or not earlier ones have answered (at most
  --concurrency in flight); latency counts from when a request was due.

  The template is proto3 JSON; per request it may use {{seq}} (1, 2, …),
  {{random_email}} (a random address at one of --domains) and {{uuid}}.

  Exit status: 0 when every call ended OK, 1 when some did not, 2 for usage.

  example:
    outreach-load grpc.health.v1.Health/Check --connections 4 --concurrency 128 --duration 10s
    outreach-load Policy/Validate --token "$TOKEN" --rate 500 --duration 30s \\
      -d '{"recipientEmail": "{{random_email}}", "subject": "Hello {{seq}}"}'

  options:
  """

/// Shows a one-line progress display on standard error while a run goes on.
func showProgress(of run: LoadRun, every interval: Duration) async {
  let clock = ContinuousClock()
  let start = clock.now
  var lastCount = 0
  var lastTime = start
  while !Task.isCancelled {
    try? await Task.sleep(for: interval)
    let now = clock.now
    let count = run.completed.load(ordering: .relaxed)
    let rate = Double(count - lastCount) / DurationText.seconds(now - lastTime)
    (lastCount, lastTime) = (count, now)
    Terminal.writeError(
      "\r\u{1B}[2K\(LoadResult.format(DurationText.seconds(now - start)))s  \(count) done  "
        + "\(Int(rate)) req/s  \(run.failed.load(ordering: .relaxed)) failed")
  }
  Terminal.writeError("\r\u{1B}[2K")
}

func main() async -> Int32 {
  let parsed: ParsedArguments
  let options: LoadOptions
  do {
    parsed = try parseArguments(
      Array(CommandLine.arguments.dropFirst()), options: LoadOptions.specs)
    if parsed.wantsHelp {
      Terminal.print(usage)
      for option in LoadOptions.specs {
        Terminal.print(
          "  \(option.label.padding(toLength: 26, withPad: " ", startingAt: 0))\(option.help)")
      }
      return 0
    }
    options = try LoadOptions(parsed, environment: ProcessInfo.processInfo.environment) {
      path throws(UsageError) in
      guard let data = FileManager.default.contents(atPath: path) else {
        throw UsageError("cannot read \(path)")
      }
      return String(decoding: data, as: UTF8.self)
    }
  } catch {
    Terminal.printError("outreach-load: \(error.message)\n(outreach-load --help shows the options)")
    return 2
  }

  let run: LoadRun
  do {
    run = try LoadRun(options: options)
  } catch {
    Terminal.printError("outreach-load: \(error.message)")
    return 2
  }
  let progress =
    Terminal.errorIsTerminal ? Task { await showProgress(of: run, every: .milliseconds(250)) } : nil
  let result = await run.run()
  progress?.cancel()
  _ = await progress?.value
  Terminal.print(options.json ? result.json : result.text)
  return result.succeeded == result.completed && result.completed > 0 ? 0 : 1
}

exit(await main())
