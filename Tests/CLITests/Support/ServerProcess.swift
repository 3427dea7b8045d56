import Foundation
import Testing

/// An `outreachd` of its own for a test: a fresh database in a temporary
/// folder, a user and an admin with tokens, mail written to a folder, and
/// an ephemeral loopback port read back from its start-up log.
final class ServerProcess: Sendable {
  let folder: URL
  let port: Int
  /// The bearer tokens of `alice` (a user) and `root` (an admin).
  let userToken: String
  let adminToken: String
  private let process: Process

  /// `127.0.0.1:PORT`.
  var address: String { "127.0.0.1:\(port)" }

  /// The environment a client needs to reach this server as `alice`.
  var clientEnvironment: [String: String] {
    ["OUTREACH_SERVER": address, "OUTREACH_TOKEN": userToken]
  }

  /// Starts a server; call ``stop()`` when done (``withServer(_:)`` does).
  private init(extraEnvironment: [String: String]) async throws {
    folder = FileManager.default.temporaryDirectory.appendingPathComponent(
      "outreach-cli-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    let database = folder.appendingPathComponent("outreach.db").path
    let environment = ["OUTREACH_DB": database]

    userToken = try await Self.addUser("alice", admin: false, environment: environment)
    adminToken = try await Self.addUser("root", admin: true, environment: environment)

    let log = folder.appendingPathComponent("outreachd.log")
    _ = FileManager.default.createFile(atPath: log.path, contents: nil)
    process = Process()
    process.executableURL = URL(fileURLWithPath: Tools.path("outreachd"))
    var variables = ProcessInfo.processInfo.environment
    variables.merge(environment) { $1 }
    variables["OUTREACH_LISTEN"] = "127.0.0.1:0"
    variables["OUTREACH_MAIL_DROP"] = folder.appendingPathComponent("mail").path
    variables["SMTP_FROM_EMAIL"] = "outreach@sender.test"
    variables.merge(extraEnvironment) { $1 }
    process.environment = variables
    process.standardOutput = FileHandle.nullDevice
    process.standardError = try FileHandle(forWritingTo: log)
    try process.run()

    // The log line `outreachd listening … outreach.ports=N` names the port.
    let deadline = ContinuousClock.now + .seconds(60)
    var found: Int?
    while found == nil && ContinuousClock.now < deadline && process.isRunning {
      let text = (try? String(contentsOf: log, encoding: .utf8)) ?? ""
      if let range = text.range(of: "outreach.ports=") {
        found = Int(text[range.upperBound...].prefix { $0.isNumber })
      } else {
        try await Task.sleep(for: .milliseconds(25))
      }
    }
    guard let found else {
      process.terminate()
      let text = (try? String(contentsOf: log, encoding: .utf8)) ?? ""
      throw ServerStartError(log: text)
    }
    port = found
  }

  /// Runs `body` with a fresh server, stopping it and removing its folder
  /// afterwards, whether `body` throws or not.
  static func withServer<Result>(
    environment: [String: String] = [:], _ body: (ServerProcess) async throws -> Result
  ) async throws -> Result {
    let server = try await ServerProcess(extraEnvironment: environment)
    do {
      let result = try await body(server)
      await server.stop()
      return result
    } catch {
      await server.stop()
      throw error
    }
  }

  /// Stops the server (SIGTERM, then SIGKILL) and removes its folder.
  func stop() async {
    if process.isRunning {
      process.terminate()
      if !(await Tools.waitForExit(process, timeout: .seconds(20))) {
        kill(process.processIdentifier, SIGKILL)
        process.waitUntilExit()
      }
    }
    try? FileManager.default.removeItem(at: folder)
  }

  /// Kills the server at once, as a crash would.
  func crash() {
    Foundation.kill(process.processIdentifier, SIGKILL)
    process.waitUntilExit()
  }

  private static func addUser(_ name: String, admin: Bool, environment: [String: String])
    async throws -> String
  {
    let output = try await Tools.run(
      "outreachd", ["user", "add", name] + (admin ? ["--admin"] : []), environment: environment)
    guard output.status == 0, let token = output.lines.last else {
      throw ServerStartError(log: output.standardError)
    }
    return token
  }
}

/// `outreachd` did not start; the log says why.
struct ServerStartError: Error, CustomStringConvertible {
  let log: String
  var description: String { "outreachd did not start:\n\(log)" }
}
