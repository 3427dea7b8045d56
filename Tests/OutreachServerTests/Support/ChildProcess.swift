import Foundation

/// Paths and processes the tests that run programs need.
enum TestEnvironment {
  /// The repository's root, found from this file's path.
  static let repositoryRoot = URL(fileURLWithPath: #filePath)
    .deletingLastPathComponent().deletingLastPathComponent()
    .deletingLastPathComponent().deletingLastPathComponent()

  /// The Python with grpcio: `OUTREACH_PYTHON`, the repository's `.venv`, or
  /// `python3` from the path.
  static var python: String {
    if let configured = ProcessInfo.processInfo.environment["OUTREACH_PYTHON"],
      FileManager.default.isExecutableFile(atPath: configured)
    {
      return configured
    }
    let venv = repositoryRoot.appendingPathComponent(".venv/bin/python").path
    if FileManager.default.isExecutableFile(atPath: venv) { return venv }
    return "/usr/bin/python3"
  }

  /// The folder holding the built products: the test runner sits beside them.
  static var productsDirectory: URL {
    let runner = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
    if FileManager.default.isExecutableFile(atPath: runner.appendingPathComponent("outreachd").path)
    {
      return runner
    }
    return repositoryRoot.appendingPathComponent(".build/debug")
  }

  /// The built `outreachd` executable.
  static var outreachd: String {
    productsDirectory.appendingPathComponent("outreachd").path
  }
}

/// A child process with captured output that is killed when the test ends.
final class ChildProcess: @unchecked Sendable {
  // @unchecked: `process` is only touched by the thread that started it and
  // by `kill()`, which Foundation's Process allows from any thread.
  let process = Process()
  // Files rather than pipes: a chatty child can never block on a full pipe.
  private let outputFile: URL
  private let errorFile: URL

  /// Starts `executable` with `arguments` and `environment` added to ours.
  init(
    _ executable: String, _ arguments: [String], environment: [String: String] = [:],
    directory: URL? = nil
  ) throws {
    process.executableURL = URL(fileURLWithPath: executable)
    process.arguments = arguments
    process.environment = ProcessInfo.processInfo.environment.merging(environment) { $1 }
    if let directory { process.currentDirectoryURL = directory }
    let scratch = FileManager.default.temporaryDirectory
    let name = UUID().uuidString
    outputFile = scratch.appendingPathComponent("child-\(name).out")
    errorFile = scratch.appendingPathComponent("child-\(name).err")
    FileManager.default.createFile(atPath: outputFile.path, contents: nil)
    FileManager.default.createFile(atPath: errorFile.path, contents: nil)
    process.standardOutput = try FileHandle(forWritingTo: outputFile)
    process.standardError = try FileHandle(forWritingTo: errorFile)
    try process.run()
  }

  /// Waits at most `timeout` for the process to exit, killing it after.
  /// - Returns: its exit status, standard output and standard error.
  func finish(within timeout: Duration = .seconds(120)) async -> (
    status: Int32, output: String, errors: String
  ) {
    let deadline = ContinuousClock.now.advanced(by: timeout)
    while process.isRunning && ContinuousClock.now < deadline {
      try? await Task.sleep(for: .milliseconds(20))
    }
    if process.isRunning { kill(signal: SIGKILL) }
    process.waitUntilExit()
    return (process.terminationStatus, standardOutput, standardError)
  }

  /// What the process has written to standard output so far.
  var standardOutput: String {
    (try? String(contentsOf: outputFile, encoding: .utf8)) ?? ""
  }

  /// What the process has written to standard error so far.
  var standardError: String {
    (try? String(contentsOf: errorFile, encoding: .utf8)) ?? ""
  }

  /// Sends `signal` to the process if it still runs.
  func kill(signal: Int32) {
    if process.isRunning { Foundation.kill(process.processIdentifier, signal) }
  }

  deinit {
    if process.isRunning {
      Foundation.kill(process.processIdentifier, SIGKILL)
      process.waitUntilExit()
    }
    try? FileManager.default.removeItem(at: outputFile)
    try? FileManager.default.removeItem(at: errorFile)
  }
}
