import Foundation
import Testing

/// Runs the built `schemac` and returns its exit status and standard error.
func runSchemac(_ arguments: [String]) throws -> (status: Int32, error: String) {
  let beside = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
  let executable =
    [beside, beside.deletingLastPathComponent()]
    .map { $0.appendingPathComponent("schemac") }
    .first { FileManager.default.isExecutableFile(atPath: $0.path) }
    ?? repositoryRoot.appendingPathComponent(".build/debug/schemac")
  let errorFile = FileManager.default.temporaryDirectory
    .appendingPathComponent("schemac-stderr-\(UUID().uuidString)")
  _ = FileManager.default.createFile(atPath: errorFile.path, contents: nil)
  defer { try? FileManager.default.removeItem(at: errorFile) }

  let process = Process()
  process.executableURL = executable
  process.arguments = arguments
  process.standardError = try FileHandle(forWritingTo: errorFile)
  process.standardOutput = FileHandle.nullDevice
  try process.run()
  process.waitUntilExit()
  return (process.terminationStatus, try String(contentsOf: errorFile, encoding: .utf8))
}

@Suite("The schemac command")
struct SchemacCommandTests {
  @Test(
    "--check passes on the checked-in output, as make generate writes it",
    arguments: [
      [
        "--schema", "schema", "--emit", "grpc/", "--module", "RPC", "--no-registry",
        "--out", "Sources/RPC/Generated",
      ],
      [
        "--schema", "schema", "--emit", "outreach/", "--module", "OutreachAPI",
        "--out", "Sources/OutreachAPI/Generated",
      ],
      [
        "--schema", "Tests/RPCTests/Fixtures", "--module", "RPCTests", "--no-registry",
        "--no-services", "--out", "Tests/RPCTests/Generated",
      ],
    ])
  func checkPasses(_ arguments: [String]) throws {
    // Absolute paths, so the headers' relative label must come from --source-label.
    var absolute = arguments
    for flag in ["--schema", "--out"] {
      let index = try #require(absolute.firstIndex(of: flag)) + 1
      absolute[index] = repositoryRoot.appendingPathComponent(arguments[index]).path
    }
    let label = arguments[try #require(arguments.firstIndex(of: "--schema")) + 1]

    let result = try runSchemac(absolute + ["--source-label", label, "--check"])

    #expect(result.status == 0, "\(result.error)")
  }

  @Test("--check fails when the options differ from those the output was written with")
  func checkFailsOnOtherOptions() throws {
    let result = try runSchemac([
      "--schema", repositoryRoot.appendingPathComponent("schema").path,
      "--out", repositoryRoot.appendingPathComponent("Sources/RPC/Generated").path,
      "--source-label", "schema", "--emit", "grpc/", "--no-registry", "--check",
    ])

    #expect(result.status == 1)
    #expect(result.error.contains("grpc_health_v1_health.pb.swift"))
  }

  @Test("a schema error prints file:line:column: message, exits 1 and writes nothing")
  func schemaError() throws {
    let directory = FileManager.default.temporaryDirectory
      .appendingPathComponent("schemac-\(UUID().uuidString)")
    let schema = directory.appendingPathComponent("schema/p")
    let output = directory.appendingPathComponent("out")
    try FileManager.default.createDirectory(at: schema, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: directory) }
    try "syntax = \"proto3\";\nmessage A {\n  int32 a = 1\n}\n"
      .write(to: schema.appendingPathComponent("a.proto"), atomically: true, encoding: .utf8)

    let result = try runSchemac([
      "--schema", directory.appendingPathComponent("schema").path, "--out", output.path,
    ])

    #expect(result.status == 1)
    #expect(result.error.hasSuffix("/schema/p/a.proto:4:1: expected ';', found '}'\n"))
    #expect(!FileManager.default.fileExists(atPath: output.path))
  }
}
