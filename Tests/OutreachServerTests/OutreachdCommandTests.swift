import Foundation
import OutreachAPI
import Testing

@testable import OutreachServer

/// The `outreachd` executable: operator commands and start-up failures.
@Suite("The outreachd command")
struct OutreachdCommandTests {
  /// Runs `outreachd` with `arguments` against a database in `directory`.
  private func outreachd(
    _ arguments: [String], in directory: URL, environment: [String: String] = [:]
  ) async throws -> (status: Int32, output: String, errors: String) {
    var variables = ["OUTREACH_DB": directory.appendingPathComponent("outreach.db").path]
    variables.merge(environment) { $1 }
    let child = try ChildProcess(TestEnvironment.outreachd, arguments, environment: variables)
    return await child.finish(within: .seconds(60))
  }

  /// Starts `outreachd serve` on `database`, on an ephemeral loopback port,
  /// writing mail into `directory`, with `blocked` signals blocked.
  private func serve(database: String, in directory: URL, blocked: [Int32] = []) throws
    -> ChildProcess
  {
    try ChildProcess(
      TestEnvironment.outreachd, ["serve"],
      environment: [
        "OUTREACH_DB": database, "OUTREACH_LISTEN": "127.0.0.1:0",
        "SMTP_FROM_EMAIL": "outreach@sender.test",
        "OUTREACH_MAIL_DROP": directory.appendingPathComponent("mail").path,
      ], blocked: blocked)
  }

  /// Waits (up to a minute) until `child` logs that it listens, or exits.
  private func waitUntilListening(_ child: ChildProcess, poll: Duration = .milliseconds(20))
    async throws
  {
    let deadline = ContinuousClock.now.advanced(by: .seconds(60))
    while !child.standardError.contains("outreachd listening") && child.isRunning
      && ContinuousClock.now < deadline
    {
      try await Task.sleep(for: poll)
    }
  }

  private func temporaryDirectory() throws -> URL {
    let directory = FileManager.default.temporaryDirectory
      .appendingPathComponent("outreachd-cli-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    return directory
  }

  @Test("users are added with a token shown once, listed, and revoked")
  func userLifecycle() async throws {
    let directory = try temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: directory) }

    let added = try await outreachd(["user", "add", "alice", "--admin"], in: directory)
    #expect(added.status == 0)
    let token = added.output.trimmingCharacters(in: .whitespacesAndNewlines)
    #expect(!token.isEmpty && !token.contains(" "))
    #expect(added.errors.contains("admin alice"))
    #expect(!added.errors.contains(token))

    let duplicate = try await outreachd(["user", "add", "alice"], in: directory)
    #expect(duplicate.status == 1)
    #expect(!duplicate.errors.contains("SELECT") && !duplicate.errors.contains("INSERT"))

    let listed = try await outreachd(["user", "list"], in: directory)
    #expect(listed.status == 0)
    #expect(listed.output.contains("alice\tadmin"))
    #expect(!listed.output.contains(token))

    let revoked = try await outreachd(["token", "revoke", token], in: directory)
    #expect(revoked.status == 0)
    let again = try await outreachd(["token", "revoke", token], in: directory)
    #expect(again.status == 1)

    _ = try await outreachd(["user", "add", "bob"], in: directory)
    let userRevoked = try await outreachd(["user", "revoke", "bob"], in: directory)
    #expect(userRevoked.status == 0)
    #expect(userRevoked.errors.contains("revoked 1 token"))
    let unknown = try await outreachd(["user", "revoke", "nobody"], in: directory)
    #expect(unknown.status == 1)
  }

  @Test(
    "usage errors and bad settings exit with status 2 and one line naming the problem",
    arguments: [
      (["frobnicate"], [:], "unknown command frobnicate"),
      (["user", "add"], [:], "user add takes one NAME"),
      (["serve"], ["SMTP_HOST": ""], "SMTP_HOST is required"),
      (["serve"], ["OUTREACH_LISTEN": "example.com:1"], "OUTREACH_LISTEN has example.com:1"),
      (["serve"], ["OUTREACH_DAILY_USER_CAP": "-5"], "OUTREACH_DAILY_USER_CAP must be"),
      (
        ["user", "list"], ["OUTREACH_DB": "/nonexistent-outreach/outreach.db"],
        "OUTREACH_DB /nonexistent-outreach/outreach.db cannot be opened"
      ),
    ] as [([String], [String: String], String)])
  func failsClearly(arguments: [String], environment: [String: String], message: String)
    async throws
  {
    let directory = try temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: directory) }
    var variables = environment
    for name in ["SMTP_HOST", "SMTP_USER", "SMTP_PASS", "SMTP_FROM_EMAIL", "OUTREACH_MAIL_DROP"]
    where variables[name] == nil {
      variables[name] = ""
    }

    let result = try await outreachd(arguments, in: directory, environment: variables)

    #expect(result.status == 2)
    #expect(result.errors.hasPrefix("outreachd: \(message)"))
  }

  @Test("--help prints the commands")
  func help() async throws {
    let directory = try temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: directory) }
    let result = try await outreachd(["--help"], in: directory)
    #expect(result.status == 0)
    #expect(result.output.contains("outreachd user add NAME [--admin]"))
  }

  @Test("serving with SMTP_VERIFY_TLS=false warns at start-up, and SIGTERM drains to exit 0")
  func warnsAndDrains() async throws {
    let directory = try temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: directory) }
    let child = try ChildProcess(
      TestEnvironment.outreachd, ["serve"],
      environment: [
        "OUTREACH_DB": directory.appendingPathComponent("outreach.db").path,
        "OUTREACH_LISTEN": "127.0.0.1:0,[::1]:0", "SMTP_HOST": "127.0.0.1", "SMTP_USER": "u",
        "SMTP_PASS": "secret-password", "SMTP_FROM_EMAIL": "outreach@sender.test",
        "SMTP_VERIFY_TLS": "false", "OUTREACH_MAIL_DROP": "",
      ])
    try await waitUntilListening(child)
    child.kill(signal: SIGTERM)
    let result = await child.finish(within: .seconds(30))

    #expect(result.status == 0, "\(result.errors)")
    #expect(
      result.errors.contains("level=warning") && result.errors.contains("SMTP_VERIFY_TLS=false"))
    #expect(result.errors.contains("outreach.listen=127.0.0.1:0,[::1]:0"))
    #expect(result.errors.contains("outreachd stopped"))
    #expect(!result.errors.contains("secret-password"))
    // A clean stop folds the write-ahead log into the database file.
    let database = directory.appendingPathComponent("outreach.db").path
    #expect(FileManager.default.fileExists(atPath: database))
    #expect(!FileManager.default.fileExists(atPath: database + "-wal"))
    #expect(!FileManager.default.fileExists(atPath: database + "-shm"))
  }

  @Test("SIGTERM at any moment of start-up never leaves the database open")
  func stoppedDuringStartUp() async throws {
    let directory = try temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: directory) }
    // From before the process reaches its own code to after it listens, in
    // steps short enough to land inside opening, migrating and recovering.
    for (round, delay) in stride(from: 0, through: 60, by: 3).enumerated() {
      let roundDirectory = directory.appendingPathComponent("round-\(round)")
      try FileManager.default.createDirectory(
        at: roundDirectory, withIntermediateDirectories: true)
      let database = roundDirectory.appendingPathComponent("outreach.db").path
      let child = try serve(database: database, in: roundDirectory)
      try await Task.sleep(for: .milliseconds(delay))
      child.kill(signal: SIGTERM)
      let result = await child.finish(within: .seconds(30))

      // Killed before it touched the file is fine; once it has, it drains.
      guard FileManager.default.fileExists(atPath: database) else { continue }
      #expect(result.status == 0, "after \(delay) ms: \(result.errors)")
      #expect(!FileManager.default.fileExists(atPath: database + "-wal"), "after \(delay) ms")
      #expect(!FileManager.default.fileExists(atPath: database + "-shm"), "after \(delay) ms")
    }
  }

  @Test("SIGTERM drains to exit 0 even when the server was started with it blocked")
  func blockedAtStart() async throws {
    let directory = try temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: directory) }
    let database = directory.appendingPathComponent("outreach.db").path
    let child = try serve(database: database, in: directory, blocked: [SIGTERM, SIGINT])
    try await waitUntilListening(child)
    child.kill(signal: SIGTERM)
    let result = await child.finish(within: .seconds(30))

    #expect(result.status == 0, "\(result.errors)")
    #expect(result.errors.contains("outreachd stopped"))
    #expect(!FileManager.default.fileExists(atPath: database + "-wal"))
  }

  @Test("a second SIGTERM ends the drain's grace period at once, still exiting 0")
  func secondSignalEndsGrace() async throws {
    let directory = try temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: directory) }
    let added = try await outreachd(["user", "add", "alice"], in: directory)
    let token = added.output.trimmingCharacters(in: .whitespacesAndNewlines)
    let database = directory.appendingPathComponent("outreach.db").path
    let child = try serve(database: database, in: directory)
    try await waitUntilListening(child)
    let port = try #require(
      child.standardError.split(separator: " ").first { $0.hasPrefix("outreach.ports=") }?
        .dropFirst("outreach.ports=".count))
    // An import that sends nothing holds the drain for its whole grace
    // period (ten seconds), unless something ends it.
    let caller = try TestCaller(target: "127.0.0.1:\(port)", token: token)
    let held = Task {
      try await caller.leads.import { _ in try await Task.sleep(for: .seconds(60)) }
    }
    defer { held.cancel() }
    try await Task.sleep(for: .milliseconds(300))

    let start = ContinuousClock.now
    child.kill(signal: SIGTERM)
    try await Task.sleep(for: .milliseconds(300))
    child.kill(signal: SIGTERM)
    let result = await child.finish(within: .seconds(30))
    let stopped = ContinuousClock.now - start

    #expect(result.status == 0, "\(result.errors)")
    #expect(stopped < .seconds(5), "stopped after \(stopped)")
    #expect(result.errors.contains("ending the grace period"))
    #expect(!FileManager.default.fileExists(atPath: database + "-wal"))
  }

  @Test("SIGTERM the moment the listening line appears still drains to exit 0")
  func drainsWhenStoppedRightAfterListening() async throws {
    let directory = try temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: directory) }
    // A supervisor stops the server as soon as it reads the line; a few
    // rounds make landing in the moment right after it likely.
    for round in 1...15 {
      let child = try serve(
        database: directory.appendingPathComponent("outreach.db").path, in: directory)
      try await waitUntilListening(child, poll: .milliseconds(1))
      child.kill(signal: SIGTERM)
      let result = await child.finish(within: .seconds(30))

      #expect(result.status == 0, "round \(round): \(result.errors)")
      #expect(result.errors.contains("outreachd stopped"), "round \(round)")
    }
  }
}
