import Foundation

#if canImport(Glibc)
  import Glibc
#endif

/// A Python `grpcio` server of `clienttest.Echo` (`Fixtures/client_echo_server.py`)
/// in a child process, for testing the Swift client against stock gRPC.
///
/// The script exits by itself when the test process dies; ``stop()`` and
/// ``kill()`` end it earlier.
final class PythonEchoServer: @unchecked Sendable {
  /// The port the server listens on.
  let port: Int
  /// The address it was asked to listen on.
  let address: String
  private let process: Process
  private let directory: URL

  /// Starts a server and waits until it listens.
  ///
  /// - Parameters:
  ///   - address: `host:port` to listen on; port 0 picks a free one.
  ///   - certificates: serve TLS with these when given.
  ///   - maxConcurrentStreams: the limit announced in SETTINGS, when given.
  init(
    address: String = "127.0.0.1:0", certificates: ClientTestCertificates? = nil,
    maxConcurrentStreams: Int? = nil
  ) throws {
    directory = FileManager.default.temporaryDirectory
      .appendingPathComponent("client-echo-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    let portFile = directory.appendingPathComponent("port")
    let log = directory.appendingPathComponent("server.log")
    _ = FileManager.default.createFile(atPath: log.path, contents: nil)

    process = Process()
    process.executableURL = testPython
    var arguments = [
      repositoryRoot.appendingPathComponent("Tests/RPCTests/Fixtures/client_echo_server.py")
        .path,
      "--address", address, "--port-file", portFile.path,
      "--events-file", directory.appendingPathComponent("events").path,
    ]
    if let certificates {
      arguments += ["--cert", certificates.certificateFile, "--key", certificates.privateKeyFile]
    }
    if let maxConcurrentStreams {
      arguments += ["--max-streams", String(maxConcurrentStreams)]
    }
    process.arguments = arguments
    let logHandle = try FileHandle(forWritingTo: log)
    process.standardOutput = logHandle
    process.standardError = logHandle
    try process.run()
    self.address = address

    let deadline = Date().addingTimeInterval(60)
    var port: Int?
    while port == nil {
      if let text = try? String(contentsOf: portFile, encoding: .utf8) {
        port = Int(text)
      } else if !process.isRunning || Date() > deadline {
        process.terminate()
        let output = (try? String(contentsOf: log, encoding: .utf8)) ?? ""
        throw ServerStartError(message: "the Python echo server did not start:\n\(output)")
      } else {
        usleep(20_000)
      }
    }
    self.port = port!
  }

  deinit {
    kill()
    try? FileManager.default.removeItem(at: directory)
  }

  /// `host:port` for a client, brackets added for IPv6.
  var target: String {
    let host = String(address[..<address.lastIndex(of: ":")!])
    return "\(host):\(port)"
  }

  /// Asks the server to stop gracefully and waits for it to exit.
  func stop() {
    guard process.isRunning else { return }
    process.terminate()
    let deadline = Date().addingTimeInterval(5)
    while process.isRunning && Date() < deadline { usleep(10_000) }
    kill()
  }

  /// Kills the server at once: connections drop without GOAWAY.
  func kill() {
    guard process.isRunning else { return }
    Glibc.kill(process.processIdentifier, SIGKILL)
    process.waitUntilExit()
  }

  /// The events the handlers recorded, such as `started x`, `cancelled x`.
  func events() -> [String] {
    let file = directory.appendingPathComponent("events")
    let text = (try? String(contentsOf: file, encoding: .utf8)) ?? ""
    return text.split(separator: "\n").map(String.init)
  }

  /// Waits up to `timeout` for an event to be recorded.
  func waitForEvent(_ event: String, timeout: Duration = .seconds(20)) async throws -> Bool {
    let deadline = ContinuousClock.now + timeout
    while ContinuousClock.now < deadline {
      if events().contains(event) { return true }
      try await Task.sleep(for: .milliseconds(20))
    }
    return false
  }
}

/// The Python server could not be started.
struct ServerStartError: Error, CustomStringConvertible {
  let message: String
  var description: String { message }
}
