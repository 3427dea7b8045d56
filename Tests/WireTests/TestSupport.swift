import Foundation
import Wire

/// Paths the tests need, found from this file's location.
enum Repository {
  /// The repository root.
  static let root = URL(fileURLWithPath: #filePath)
    .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

  /// The directory holding `golden.proto`.
  static let fixtures = root.appendingPathComponent("Tests/WireTests/Fixtures")

  /// A built executable of this package, such as `outreach`.
  static func executable(_ name: String) -> URL {
    let beside = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
    let candidates = [
      beside.appendingPathComponent(name),
      beside.deletingLastPathComponent().appendingPathComponent(name),
      root.appendingPathComponent(".build/debug/\(name)"),
    ]
    return candidates.first { FileManager.default.isExecutableFile(atPath: $0.path) }
      ?? candidates[2]
  }
}

/// What a finished process printed and how it exited.
struct ProcessResult {
  let status: Int32
  let output: [UInt8]
  let error: String
}

/// Runs a program to completion with `input` on its standard input.
///
/// Input and outputs go through temporary files, so nothing blocks on a
/// full pipe and no thread waits on another.
func runProcess(_ executable: URL, _ arguments: [String], input: [UInt8]) throws -> ProcessResult {
  let directory = FileManager.default.temporaryDirectory
    .appendingPathComponent("wire-tests-\(UUID().uuidString)")
  try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
  defer { try? FileManager.default.removeItem(at: directory) }
  let inputURL = directory.appendingPathComponent("stdin")
  let outputURL = directory.appendingPathComponent("stdout")
  let errorURL = directory.appendingPathComponent("stderr")
  try Data(input).write(to: inputURL)
  _ = FileManager.default.createFile(atPath: outputURL.path, contents: nil)
  _ = FileManager.default.createFile(atPath: errorURL.path, contents: nil)

  let process = Process()
  process.executableURL = executable
  process.arguments = arguments
  process.standardInput = try FileHandle(forReadingFrom: inputURL)
  process.standardOutput = try FileHandle(forWritingTo: outputURL)
  process.standardError = try FileHandle(forWritingTo: errorURL)
  try process.run()
  process.waitUntilExit()

  return ProcessResult(
    status: process.terminationStatus, output: [UInt8](try Data(contentsOf: outputURL)),
    error: String(decoding: try Data(contentsOf: errorURL), as: UTF8.self))
}

/// An error from running `protoc`.
struct ProtocError: Error, CustomStringConvertible {
  let description: String
}

/// Runs Google's `protoc` on the fixture schema.
enum Protoc {
  static let executable = URL(fileURLWithPath: "/usr/bin/protoc")

  /// `protoc --encode`: text format in, binary out.
  static func encode(_ messageName: String, text: String) throws -> [UInt8] {
    try run(["--encode=\(messageName)"], input: Array(text.utf8))
  }

  /// `protoc --decode`: binary in, text format out.
  static func decode(_ messageName: String, bytes: [UInt8]) throws -> String {
    String(decoding: try run(["--decode=\(messageName)"], input: bytes), as: UTF8.self)
  }

  private static func run(_ arguments: [String], input: [UInt8]) throws -> [UInt8] {
    let result = try runProcess(
      executable, ["-I\(Repository.fixtures.path)"] + arguments + ["golden.proto"], input: input)
    guard result.status == 0 else { throw ProtocError(description: result.error) }
    return result.output
  }
}

/// Whether an existential message equals a concrete one.
func isEqual<M: WireMessage>(_ message: M, _ other: any WireMessage) -> Bool {
  (other as? M) == message
}

/// A small, fast, seeded generator, so fuzz runs are repeatable.
struct SplitMix64: RandomNumberGenerator {
  private var state: UInt64

  init(seed: UInt64) {
    state = seed
  }

  mutating func next() -> UInt64 {
    state &+= 0x9E37_79B9_7F4A_7C15
    var value = state
    value = (value ^ (value >> 30)) &* 0xBF58_476D_1CE4_E5B9
    value = (value ^ (value >> 27)) &* 0x94D0_49BB_1331_11EB
    return value ^ (value >> 31)
  }
}
