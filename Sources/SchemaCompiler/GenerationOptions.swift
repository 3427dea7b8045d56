/// What the compiler emits from a checked schema, and for which Swift module.
public struct GenerationOptions: Sendable, Hashable {
  /// The Swift module the output is compiled into, such as `RPC`; the
  /// generated files do not import it. `nil` when the output imports every
  /// module it uses.
  public var module: String?

  /// Which schema files get a Swift file, as path prefixes relative to the
  /// schema root (`grpc/` or `outreach/v1/leads.proto`). Empty emits every
  /// file; the others are still parsed and checked so that imports resolve.
  public var emittedPrefixes: [String]

  /// The registry type's name, or `nil` to emit no registry.
  public var registryName: String?

  /// Whether services get method descriptors, a server protocol and a client.
  public var includesServices: Bool

  /// The schema root as the do-not-edit headers name it, relative to the
  /// repository, such as `schema` or `Tests/RPCTests/Fixtures`.
  public var sourceLabel: String

  /// - Parameters:
  ///   - module: The Swift module the output is compiled into.
  ///   - emittedPrefixes: Path prefixes of the schema files to emit; empty emits all.
  ///   - registryName: The registry type's name, or `nil` for none.
  ///   - includesServices: Whether to generate services.
  ///   - sourceLabel: The schema root as the headers name it.
  public init(
    module: String? = nil,
    emittedPrefixes: [String] = [],
    registryName: String? = SchemaCompiler.defaultRegistryName,
    includesServices: Bool = true,
    sourceLabel: String = "schema"
  ) {
    self.module = module
    self.emittedPrefixes = emittedPrefixes
    self.registryName = registryName
    self.includesServices = includesServices
    self.sourceLabel = sourceLabel
  }

  /// Whether the schema file at `path` gets a Swift file.
  func emits(_ path: String) -> Bool {
    emittedPrefixes.isEmpty || emittedPrefixes.contains { path.hasPrefix($0) }
  }

  /// The import lines for `modules`, leaving out the module compiled into.
  func imports(_ modules: [String]) -> [String] {
    modules.filter { $0 != module }.map { "import \($0)" }
  }

  /// The header line naming the schema file (or, for `""`, the root) the
  /// output was generated from.
  func header(for path: String) -> String {
    let root = sourceLabel.hasSuffix("/") ? String(sourceLabel.dropLast()) : sourceLabel
    return "// Generated from \(root)/\(path) by schemac. Do not edit."
  }
}
