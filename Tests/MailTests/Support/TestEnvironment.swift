import Foundation

/// Paths and tools the tests need: the repository, its Python, and a fresh
/// temporary directory per use.
enum TestEnvironment {
  /// The repository root, found from this file's location.
  static let repositoryRoot: URL = URL(fileURLWithPath: #filePath)
    .deletingLastPathComponent().deletingLastPathComponent()
    .deletingLastPathComponent().deletingLastPathComponent()

  /// `OUTREACH_PYTHON`, else the repository's `.venv`, else `python3`.
  static let python: String = {
    if let configured = ProcessInfo.processInfo.environment["OUTREACH_PYTHON"],
      FileManager.default.isExecutableFile(atPath: configured)
    {
      return configured
    }
    let venv = repositoryRoot.appendingPathComponent(".venv/bin/python").path
    if FileManager.default.isExecutableFile(atPath: venv) { return venv }
    return "/usr/bin/python3"
  }()

  /// A script in `scripts/`.
  static func script(_ name: String) -> String {
    repositoryRoot.appendingPathComponent("scripts/\(name)").path
  }

  /// A new empty directory under the system's temporary directory.
  static func makeTemporaryDirectory() throws -> URL {
    let url = FileManager.default.temporaryDirectory
      .appendingPathComponent("mail-tests-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    return url
  }

  /// Runs a program to completion and returns its standard output.
  /// - Throws: when it exits with a non-zero status.
  @discardableResult
  static func run(_ executable: String, _ arguments: [String]) throws -> String {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: executable)
    process.arguments = arguments
    let output = Pipe()
    let errors = Pipe()
    process.standardOutput = output
    process.standardError = errors
    process.standardInput = FileHandle.nullDevice
    try process.run()
    let data = output.fileHandleForReading.readDataToEndOfFile()
    let errorText = String(
      decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
    process.waitUntilExit()
    guard process.terminationStatus == 0 else {
      throw TestFailure("\(executable) \(arguments.first ?? "") failed: \(errorText)")
    }
    return String(decoding: data, as: UTF8.self)
  }
}

/// A failure in test setup, with a readable message.
struct TestFailure: Error, CustomStringConvertible {
  let description: String
  init(_ description: String) { self.description = description }
}
