import Dispatch
import Foundation
import Logging

@testable import RPC

/// Runs an in-process server with the echo service for one test.
enum TestServer {
  /// Two loops on an ephemeral loopback port, quiet logs.
  static func configuration() -> RPCServer.Configuration {
    var configuration = RPCServer.Configuration(listenAddresses: ["127.0.0.1:0"])
    configuration.loopCount = 2
    configuration.shutdownGracePeriod = .seconds(5)
    configuration.logger = Logger(label: "rpc.test", level: .critical)
    return configuration
  }

  /// Starts a server on an ephemeral loopback port, runs `body`, and shuts
  /// the server down whatever happens.
  static func with(
    _ configuration: RPCServer.Configuration = TestServer.configuration(),
    _ body: (RPCServer, Int, EchoObservations) async throws -> Void
  ) async throws {
    let server = RPCServer(configuration: configuration)
    let observations = EchoObservations()
    server.register(EchoService(observations: observations))
    try server.start()
    do {
      try await body(server, server.listeningPorts[0], observations)
    } catch {
      await server.shutdown()
      throw error
    }
    await server.shutdown()
  }
}

/// Runs blocking client code on a thread of its own, never on the
/// concurrency pool the server's handlers need (nor on Dispatch's small
/// pool, which blocked readers would starve).
func blocking<Result: Sendable>(_ body: @escaping @Sendable () -> Result) async -> Result {
  await withCheckedContinuation { continuation in
    let thread = Thread { continuation.resume(returning: body()) }
    thread.start()
  }
}

/// Waits up to `seconds` for `condition`, polling.
func eventually(seconds: Double = 15, _ condition: @Sendable () -> Bool) async -> Bool {
  let deadline = ContinuousClock.now + .seconds(seconds)
  while ContinuousClock.now < deadline {
    if condition() { return true }
    try? await Task.sleep(for: .milliseconds(10))
  }
  return condition()
}

/// Where the repository is, found from this file's path.
let repositoryRoot = URL(fileURLWithPath: #filePath)
  .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

/// The Python interpreter with grpcio: `OUTREACH_PYTHON`, the repository's
/// `.venv`, or `python3`.
let testPython: URL = {
  if let path = ProcessInfo.processInfo.environment["OUTREACH_PYTHON"], !path.isEmpty {
    return URL(fileURLWithPath: path)
  }
  let venv = repositoryRoot.appendingPathComponent(".venv/bin/python")
  if FileManager.default.isExecutableFile(atPath: venv.path) { return venv }
  return URL(fileURLWithPath: "/usr/bin/python3")
}()

/// The directory holding the test bundle and the package's executables.
let buildProductsDirectory = URL(
  fileURLWithPath: (try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe"))
    ?? CommandLine.arguments[0]
).deletingLastPathComponent()

/// A child process that is killed when the test ends, whatever happens.
final class ChildProcess: @unchecked Sendable {
  let process = Process()
  let output = Pipe()
  private let outputData = DataBuffer()

  /// Starts `executable` with `arguments`; standard output and error are
  /// collected.
  init(_ executable: URL, _ arguments: [String], environment: [String: String]? = nil) throws {
    process.executableURL = executable
    process.arguments = arguments
    if let environment {
      process.environment = ProcessInfo.processInfo.environment.merging(environment) { $1 }
    }
    process.standardOutput = output
    process.standardError = output
    let buffer = outputData
    output.fileHandleForReading.readabilityHandler = { handle in
      buffer.append(handle.availableData)
    }
    try process.run()
  }

  deinit {
    if process.isRunning {
      process.terminate()
      kill(process.processIdentifier, SIGKILL)
    }
    output.fileHandleForReading.readabilityHandler = nil
  }

  var pid: Int32 { process.processIdentifier }

  /// Everything the process printed so far.
  var text: String { outputData.text }

  /// Waits for the exit up to `seconds`; nil when it is still running.
  func waitForExit(seconds: Double) async -> Int32? {
    let deadline = ContinuousClock.now + .seconds(seconds)
    while process.isRunning && ContinuousClock.now < deadline {
      try? await Task.sleep(for: .milliseconds(20))
    }
    guard !process.isRunning else { return nil }
    return process.terminationStatus
  }
}

/// Bytes appended from a reader thread.
final class DataBuffer: @unchecked Sendable {
  private let lock = NSLock()
  private var data = Data()

  func append(_ more: Data) {
    lock.withLock { data.append(more) }
  }

  var text: String { lock.withLock { String(decoding: data, as: UTF8.self) } }
}

extension HealthCheckRequest {
  /// A request asking about `service`.
  init(service: String) {
    self.init()
    self.service = service
  }
}
