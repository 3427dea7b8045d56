import Foundation
import Testing

/// `outreach-load` against a real `outreachd`, kept to a few seconds each.
@Suite("The outreach-load harness", .serialized)
struct LoadHarnessTests {
  private func report(_ output: ToolOutput) throws -> [String: Any] {
    let value = try JSONSerialization.jsonObject(with: Data(output.standardOutput.utf8))
    return try #require(value as? [String: Any], "\(output.standardOutput)")
  }

  private func statusCounts(_ report: [String: Any]) -> [String: Int] {
    (report["status"] as? [String: Any] ?? [:]).compactMapValues { $0 as? Int }
  }

  @Test("a counted run completes every request and the counts add up")
  func countedRun() async throws {
    try await ServerProcess.withServer { server in
      let output = try await Tools.run(
        "outreach-load",
        [
          "grpc.health.v1.Health/Check", "--server", server.address, "--total", "50000",
          "--connections", "2", "--concurrency", "64", "--json",
        ])
      #expect(output.status == 0, "\(output.standardError)")
      let result = try report(output)
      #expect(result["issued"] as? Int == 50_000)
      #expect(result["completed"] as? Int == 50_000)
      #expect(statusCounts(result) == ["OK": 50_000])
      let latency = try #require(result["latencyMs"] as? [String: Double])
      let p50 = try #require(latency["p50"])
      let p99 = try #require(latency["p99"])
      let max = try #require(latency["max"])
      #expect(0 < p50 && p50 <= p99 && p99 <= max)
    }
  }

  @Test("an open-loop run issues the requested rate, and statuses match what was sent")
  func openLoopRate() async throws {
    try await ServerProcess.withServer { server in
      // Every call is audited once by the server: the audit log is the
      // server's own count of what was sent.
      let template = #"{"recipientEmail": "{{random_email}}", "subject": "Hello {{seq}}"}"#
      let output = try await Tools.run(
        "outreach-load",
        [
          "Policy/Validate", "--server", server.address, "--token", server.userToken,
          "--rate", "2000", "--duration", "5s", "--concurrency", "200", "--timeout", "60s",
          "-d", template,
          "--domains", "a.test,b.test", "--json",
        ])
      #expect(output.status == 0, "\(output.standardError)")
      let result = try report(output)
      // The scheduler issues exactly rate × duration requests, whatever the
      // machine's load; wall-clock throughput is in docs/benchmarks.md.
      #expect(result["issued"] as? Int == 10_000)
      #expect(result["completed"] as? Int == 10_000)
      #expect(statusCounts(result) == ["OK": 10_000])
      let offered = try #require(result["offeredRps"] as? Double)
      #expect(offered > 2000 * 0.5, "offered \(offered) req/s")

      let audit = try await Tools.run(
        "outreach", ["audit", "list", "--json"], environment: server.clientEnvironment,
        timeout: .seconds(120))
      #expect(audit.lines.count == 10_000, "every validation was audited once")

      // Without a token every call is refused, and counted as such.
      let refused = try await Tools.run(
        "outreach-load",
        ["Policy/Validate", "--server", server.address, "--total", "300", "-d", template, "--json"])
      #expect(refused.status == 1)
      #expect(statusCounts(try report(refused)) == ["UNAUTHENTICATED": 300])
    }
  }

  @Test("a server stopped mid-run ends the run early with a report counting UNAVAILABLE")
  func serverStoppedMidRun() async throws {
    try await ServerProcess.withServer { server in
      let started = ContinuousClock.now
      let run = Task {
        try await Tools.run(
          "outreach-load",
          [
            "Health/Check", "--server", server.address, "--duration", "120s",
            "--concurrency", "16", "--json",
          ], timeout: .seconds(180))
      }
      try await Task.sleep(for: .seconds(1.5))
      server.crash()
      let output = try await run.value
      // Once connections are refused the run stops instead of spinning on
      // refusals until its duration is up.
      #expect(ContinuousClock.now - started < .seconds(100))
      #expect(output.status == 1)
      let result = try report(output)
      let counts = statusCounts(result)
      #expect((counts["OK"] ?? 0) > 0)
      #expect((counts["UNAVAILABLE"] ?? 0) > 0)
      #expect(counts.values.reduce(0, +) == result["completed"] as? Int)
      #expect(Set(counts.keys).isSubset(of: ["OK", "UNAVAILABLE"]))
      let errors = try #require(result["errors"] as? [[String: Any]])
      #expect(errors.contains { ($0["message"] as? String)?.hasPrefix("UNAVAILABLE") == true })
      #expect(result["serverUnreachable"] as? Bool == true)
    }
  }

  @Test("bad usage exits 2 with a message")
  func usage() async throws {
    for arguments in [
      ["Health/Nope"], ["Health/Check", "--total", "0"], ["Audit/List"],
      ["Health/Check", "--total", "5", "--duration", "1s"], ["Health/Check", "-d", "{{nope}}"],
    ] {
      let output = try await Tools.run("outreach-load", arguments)
      #expect(output.status == 2, "\(arguments)")
      #expect(output.standardError.hasPrefix("outreach-load: "))
    }
  }
}
