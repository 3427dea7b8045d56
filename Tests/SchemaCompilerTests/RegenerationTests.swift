import Foundation
import SchemaCompiler
import Testing

/// The repository root, found from this file's location.
let repositoryRoot = URL(fileURLWithPath: #filePath)
  .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

/// Every output `make generate` writes: the schema directory, the output
/// directory, and the options the Makefile passes.
let generatedOutputs: [(schema: String, output: String, options: GenerationOptions)] = [
  (
    "schema", "Sources/RPC/Generated",
    GenerationOptions(module: "RPC", emittedPrefixes: ["grpc/"], registryName: nil)
  ),
  (
    "schema", "Sources/OutreachAPI/Generated",
    GenerationOptions(module: "OutreachAPI", emittedPrefixes: ["outreach/"])
  ),
  (
    "Tests/RPCTests/Fixtures", "Tests/RPCTests/Generated",
    GenerationOptions(
      module: "RPCTests", registryName: nil, includesServices: false,
      sourceLabel: "Tests/RPCTests/Fixtures")
  ),
  (
    "Tests/WireTests/Fixtures", "Tests/WireTests/Generated",
    GenerationOptions(
      module: "WireTests", registryName: "GoldenRegistry", sourceLabel: "Tests/WireTests/Fixtures")
  ),
]

@Suite("Checked-in generated code")
struct RegenerationTests {
  @Test(
    "regenerating from the schema reproduces the checked-in files byte for byte",
    arguments: generatedOutputs.map { ($0.schema, $0.output, $0.options) })
  func upToDate(_ schema: String, _ output: String, _ options: GenerationOptions) throws {
    let outputDirectory = repositoryRoot.appendingPathComponent(output)

    let generated = try SchemaCompiler.compile(
      directory: repositoryRoot.appendingPathComponent(schema).path, options: options)
    let checkedIn = try FileManager.default.contentsOfDirectory(atPath: outputDirectory.path)
      .filter { $0.hasSuffix(".pb.swift") }.sorted()

    #expect(checkedIn == generated.map(\.name).sorted(), "run `make generate`")
    for file in generated {
      let current = try String(
        contentsOf: outputDirectory.appendingPathComponent(file.name), encoding: .utf8)
      #expect(current == file.contents, "\(output)/\(file.name) is stale; run `make generate`")
    }
  }

  @Test("generated files start with the do-not-edit header naming their schema file")
  func header() throws {
    let generated = try SchemaCompiler.compile(
      directory: repositoryRoot.appendingPathComponent("schema").path)

    let leads = try #require(generated.first { $0.name == "outreach_v1_leads.pb.swift" })

    #expect(
      leads.contents.hasPrefix(
        "// Generated from schema/outreach/v1/leads.proto by schemac. Do not edit.\n"))
  }
}
