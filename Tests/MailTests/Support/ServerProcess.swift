import Foundation

#if canImport(Glibc)
  import Glibc
#endif

/// A Python server the tests start on an ephemeral loopback port and always
/// stop: `withServer` terminates it on every path, and the scripts also exit
/// by themselves once the test process is gone.
final class ServerProcess: Sendable {
  /// The child's process id.
  private let pid: pid_t
  /// The port the server printed when it became ready.
  let port: UInt16

  private init(pid: pid_t, port: UInt16) {
    self.pid = pid
    self.port = port
  }

  /// Starts `script` with `arguments`, waits for the port line on its
  /// standard output, runs `body`, and stops the server whatever happens.
  static func withServer<Result>(
    script: String, arguments: [String], body: (ServerProcess) async throws -> Result
  ) async throws -> Result {
    let server = try await start(script: script, arguments: arguments)
    do {
      let result = try await body(server)
      server.stop()
      return result
    } catch {
      server.stop()
      throw error
    }
  }

  /// Spawns the script with `posix_spawn`, its standard output on a pipe.
  private static func start(script: String, arguments: [String]) async throws -> ServerProcess {
    var pipeEnds: [Int32] = [0, 0]
    guard pipe(&pipeEnds) == 0 else { throw TestFailure("pipe failed") }
    var actions = posix_spawn_file_actions_t()
    posix_spawn_file_actions_init(&actions)
    defer { posix_spawn_file_actions_destroy(&actions) }
    posix_spawn_file_actions_adddup2(&actions, pipeEnds[1], 1)
    posix_spawn_file_actions_addclose(&actions, pipeEnds[0])
    posix_spawn_file_actions_addclose(&actions, pipeEnds[1])

    let argv = [TestEnvironment.python, "-u", script] + arguments
    var cArguments = argv.map { strdup($0) } + [nil]
    defer { for pointer in cArguments { free(pointer) } }
    var pid: pid_t = 0
    let status = posix_spawn(&pid, TestEnvironment.python, &actions, nil, &cArguments, environ)
    close(pipeEnds[1])
    guard status == 0 else {
      close(pipeEnds[0])
      throw TestFailure("cannot start \(script): \(String(cString: strerror(status)))")
    }

    let reader = pipeEnds[0]
    let line: String = await withCheckedContinuation { continuation in
      DispatchQueue.global().async {
        var bytes: [UInt8] = []
        var byte: UInt8 = 0
        while read(reader, &byte, 1) == 1 && byte != 10 { bytes.append(byte) }
        close(reader)
        continuation.resume(returning: String(decoding: bytes, as: UTF8.self))
      }
    }
    let server = ServerProcess(pid: pid, port: UInt16(line) ?? 0)
    guard server.port > 0 else {
      server.stop()
      throw TestFailure("\(script) did not report a port (got \"\(line)\")")
    }
    return server
  }

  /// Terminates the server and reaps it.
  func stop() {
    kill(pid, SIGKILL)
    var status: Int32 = 0
    while waitpid(pid, &status, 0) < 0 && errno == EINTR {}
  }
}

/// The scripted misbehaving SMTP server and what it recorded.
struct FaultServer {
  let process: ServerProcess
  let transcriptPath: String

  /// The server's port.
  var port: UInt16 { process.port }

  /// Starts a fault server running `scenario` and runs `body` with it.
  static func with<Result>(
    scenario: String,
    certificate: TestCertificates.Pair = TestCertificates.shared.server,
    body: (FaultServer) async throws -> Result
  ) async throws -> Result {
    let directory = try TestEnvironment.makeTemporaryDirectory()
    defer { try? FileManager.default.removeItem(at: directory) }
    let transcript = directory.appendingPathComponent("transcript.txt").path
    _ = FileManager.default.createFile(atPath: transcript, contents: nil)
    return try await ServerProcess.withServer(
      script: TestEnvironment.script("smtp-fault-server.py"),
      arguments: [
        "--scenario", scenario, "--cert", certificate.certificate, "--key", certificate.key,
        "--user", SenderFixture.username, "--password", SenderFixture.password,
        "--transcript", transcript,
      ]
    ) { process in
      try await body(FaultServer(process: process, transcriptPath: transcript))
    }
  }

  /// Every recorded event, as `<connection> <channel> <text>` lines.
  var transcript: [String] {
    let text = (try? String(contentsOfFile: transcriptPath, encoding: .utf8)) ?? ""
    return text.split(separator: "\n").map(String.init)
  }

  /// What the client sent over `channel` (`plain` or `tls`), all connections.
  func received(over channel: String) -> [String] {
    transcript.compactMap { line in
      let parts = line.split(separator: " ", maxSplits: 2, omittingEmptySubsequences: false)
      guard parts.count == 3, parts[1] == channel else { return nil }
      return String(parts[2])
    }
  }

  /// Commands (first word, uppercased) the client sent over `channel`.
  func verbs(over channel: String) -> [String] {
    received(over: channel).map { $0.split(separator: " ").first.map { $0.uppercased() } ?? "" }
  }

  /// How many connections the server accepted.
  var connectionCount: Int {
    transcript.filter { $0.hasSuffix(" event open") }.count
  }
}
