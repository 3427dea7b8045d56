import SchemaCompiler
import Testing

/// Two schema files: a service in `api/` whose messages import `common/`.
private let sources: [(path: String, displayPath: String, text: String)] = [
  (
    "common/v1/types.proto", "protos/common/v1/types.proto",
    """
    syntax = "proto3";
    package common.v1;
    message Token { string value = 1; }
    """
  ),
  (
    "api/v1/api.proto", "protos/api/v1/api.proto",
    """
    syntax = "proto3";
    package api.v1;
    import "common/v1/types.proto";
    message Request { common.v1.Token token = 1; }
    service Api { rpc Call(Request) returns (common.v1.Token); }
    """
  ),
]

@Suite("Generation options")
struct GenerationOptionsTests {
  @Test("--emit writes only the chosen files while still resolving their imports")
  func emitChoosesFiles() throws {
    let generated = try SchemaCompiler.compile(
      sources: sources, options: GenerationOptions(emittedPrefixes: ["api/"], registryName: nil))

    #expect(generated.map(\.name) == ["api_v1_api.pb.swift"])
    #expect(generated[0].contents.contains("public var token: Token?"))
  }

  @Test("the registry lists every checked file, emitted or not")
  func registryCoversEverything() throws {
    let generated = try SchemaCompiler.compile(
      sources: sources, options: GenerationOptions(emittedPrefixes: ["api/"]))

    let registry = try #require(generated.first { $0.name == "SchemaRegistry.pb.swift" })
    #expect(registry.contents.contains("\"common.v1.Token\": Token.self"))
    #expect(registry.contents.contains("\"api.v1.Request\": Request.self"))
  }

  @Test("no registry is written when its name is absent")
  func noRegistry() throws {
    let generated = try SchemaCompiler.compile(
      sources: sources, options: GenerationOptions(registryName: nil))

    #expect(generated.map(\.name).sorted() == ["api_v1_api.pb.swift", "common_v1_types.pb.swift"])
  }

  @Test(
    "the output imports the modules it uses except the one it is compiled into",
    arguments: [
      (nil, ["import RPC", "import Wire"]),
      ("RPC", ["import Wire"]),
      ("Wire", ["import RPC"]),
    ] as [(String?, [String])])
  func imports(_ module: String?, _ expected: [String]) throws {
    let generated = try SchemaCompiler.compile(
      sources: sources, options: GenerationOptions(module: module, emittedPrefixes: ["api/"]))

    let api = try #require(generated.first { $0.name == "api_v1_api.pb.swift" })
    let imports = api.contents.split(separator: "\n").filter { $0.hasPrefix("import ") }
    #expect(imports.map(String.init) == expected)
  }

  @Test("without services, only messages are generated and RPC is not imported")
  func noServices() throws {
    let generated = try SchemaCompiler.compile(
      sources: sources, options: GenerationOptions(includesServices: false))

    let api = try #require(generated.first { $0.name == "api_v1_api.pb.swift" })
    #expect(api.contents.contains("public struct Request: WireMessage"))
    #expect(!api.contents.contains("ApiMethods"))
    #expect(!api.contents.contains("import RPC"))
    let registry = try #require(generated.first { $0.name == "SchemaRegistry.pb.swift" })
    #expect(!registry.contents.contains("services"))
  }

  @Test("without services, two services of the same name in different packages do not collide")
  func noServicesNoCollision() throws {
    let echo = { (package: String) in
      (
        "\(package)/echo.proto", "protos/\(package)/echo.proto",
        """
        syntax = "proto3";
        package \(package);
        message \(package.capitalized)Message { string text = 1; }
        service Echo { rpc Unary(\(package.capitalized)Message) returns (\(package.capitalized)Message); }
        """
      )
    }

    #expect(throws: SchemaErrors.self) {
      try SchemaCompiler.compile(sources: [echo("a"), echo("b")])
    }
    let generated = try SchemaCompiler.compile(
      sources: [echo("a"), echo("b")], options: GenerationOptions(includesServices: false))
    #expect(generated.count == 3)
  }

  @Test("headers name the schema file under the source label")
  func headerLabel() throws {
    let generated = try SchemaCompiler.compile(
      sources: sources, options: GenerationOptions(sourceLabel: "Tests/Fixtures/"))

    let types = try #require(generated.first { $0.name == "common_v1_types.pb.swift" })
    #expect(
      types.contents.hasPrefix(
        "// Generated from Tests/Fixtures/common/v1/types.proto by schemac. Do not edit.\n"))
  }
}
