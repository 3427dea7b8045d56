import Foundation
import Testing

/// What a finished command printed and how it exited.
struct ToolOutput: Sendable {
  let status: Int32
  /// Standard output as bytes, for binary output.
  let outputBytes: [UInt8]
  let standardError: String

  var standardOutput: String { String(decoding: outputBytes, as: UTF8.self) }

  /// Standard output split into lines, without the empty last one.
  var lines: [String] {
    standardOutput.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
      .filter { !$0.isEmpty }
  }
}

/// Runs the built executables of this package as a user would.
enum Tools {
  /// The folder holding `outreach`, `outreach-load` and `outreachd`: the
  /// build folder this test binary lives in, or `OUTREACH_BIN_DIR`.
  static let binaryDirectory: URL = {
    if let folder = ProcessInfo.processInfo.environment["OUTREACH_BIN_DIR"] {
      return URL(fileURLWithPath: folder)
    }
    var candidates: [URL] = []
    var folder = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
    for _ in 0..<4 {
      candidates.append(folder)
      folder = folder.deletingLastPathComponent()
    }
    let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
      .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    candidates.append(root.appendingPathComponent(".build/debug"))
    return candidates.first {
      FileManager.default.isExecutableFile(atPath: $0.appendingPathComponent("outreach").path)
    } ?? candidates.last!
  }()

  /// The path of an executable of the package, or `name` itself when it
  /// is already a path.
  static func path(_ name: String) -> String {
    name.hasPrefix("/") ? name : binaryDirectory.appendingPathComponent(name).path
  }

  /// Runs `name` with `arguments` and waits for it, killing it after
  /// `timeout` so a hang fails the test instead of stalling the run.
  static func run(
    _ name: String, _ arguments: [String], environment: [String: String] = [:],
    input: [UInt8] = [], timeout: Duration = .seconds(120)
  ) async throws -> ToolOutput {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: path(name))
    process.arguments = arguments
    var variables = ProcessInfo.processInfo.environment
    variables["OUTREACH_SERVER"] = nil
    variables["OUTREACH_TOKEN"] = nil
    variables.merge(environment) { $1 }
    process.environment = variables

    let standardInput = Pipe()
    let standardOutput = Pipe()
    let standardError = Pipe()
    process.standardInput = standardInput
    process.standardOutput = standardOutput
    process.standardError = standardError
    try process.run()

    // Read both pipes while the process runs so neither fills up.
    async let outputBytes = readAll(standardOutput.fileHandleForReading)
    async let errorBytes = readAll(standardError.fileHandleForReading)
    try? standardInput.fileHandleForWriting.write(contentsOf: Data(input))
    try? standardInput.fileHandleForWriting.close()

    let finished = await waitForExit(process, timeout: timeout)
    if !finished {
      kill(process.processIdentifier, SIGKILL)
      process.waitUntilExit()
    }
    let output = ToolOutput(
      status: process.terminationStatus,
      outputBytes: [UInt8](await outputBytes),
      standardError: String(decoding: await errorBytes, as: UTF8.self))
    #expect(finished, "\(name) \(arguments) did not finish within \(timeout)")
    return output
  }

  /// Waits for `process` to end; false when `timeout` passes first.
  static func waitForExit(_ process: Process, timeout: Duration) async -> Bool {
    let deadline = ContinuousClock.now + timeout
    while process.isRunning {
      guard ContinuousClock.now < deadline else { return false }
      try? await Task.sleep(for: .milliseconds(20))
    }
    process.waitUntilExit()
    return true
  }

  private static func readAll(_ handle: FileHandle) async -> Data {
    await withCheckedContinuation { continuation in
      DispatchQueue.global().async {
        continuation.resume(returning: handle.readDataToEndOfFile())
      }
    }
  }
}
