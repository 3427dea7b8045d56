import Foundation

/// One Swift file the compiler produced.
public struct GeneratedFile: Sendable, Hashable {
  /// The file name inside the output directory, such as `outreach_v1_leads.pb.swift`.
  public let name: String
  /// The Swift source.
  public let contents: String
}

/// Compiles `.proto` files of the supported proto3 subset into Swift:
/// parse, check, generate.
public enum SchemaCompiler {
  /// The registry type's default name.
  public static let defaultRegistryName = "SchemaRegistry"

  /// Compiles schema sources given in memory.
  /// - Parameters:
  ///   - sources: Each file's path relative to the schema root (as imports
  ///     name it), the path to show in errors, and its text.
  ///   - options: What to emit, and for which module.
  /// - Returns: One file per emitted schema file, plus the registry if any.
  /// - Throws: ``SchemaErrors`` listing every problem, with locations.
  public static func compile(
    sources: [(path: String, displayPath: String, text: String)],
    options: GenerationOptions = GenerationOptions()
  ) throws(SchemaErrors) -> [GeneratedFile] {
    var files: [FileSyntax] = []
    var errors: [SchemaError] = []
    for source in sources {
      do {
        var parser = try Parser(
          path: source.path, displayPath: source.displayPath, text: source.text)
        files.append(try parser.parseFile())
      } catch {
        errors.append(error)
      }
    }
    guard errors.isEmpty else { throw SchemaErrors(errors) }

    var checker = Checker(files: files, includesServices: options.includesServices)
    let model = try checker.check()
    var generated = model.files.filter { options.emits($0.path) }.map { file in
      GeneratedFile(
        name: outputName(for: file.path),
        contents: SwiftGenerator(file: file, options: options).generate())
    }
    if let registryName = options.registryName {
      generated.append(
        GeneratedFile(
          name: registryName + ".pb.swift",
          contents: RegistryGenerator(model: model, typeName: registryName, options: options)
            .generate()))
    }
    return generated
  }

  /// Compiles every `.proto` file under a directory.
  /// - Parameters:
  ///   - directory: The schema root, such as `schema`.
  ///   - options: What to emit, and for which module.
  /// - Throws: ``SchemaErrors`` for schema problems, or a file-system error.
  public static func compile(
    directory: String, options: GenerationOptions = GenerationOptions()
  ) throws -> [GeneratedFile] {
    let root = URL(fileURLWithPath: directory)
    let directoryLocation = SourceLocation(file: directory, line: 1, column: 1)
    var isDirectory: ObjCBool = false
    guard FileManager.default.fileExists(atPath: root.path, isDirectory: &isDirectory),
      isDirectory.boolValue,
      let enumerator = FileManager.default.enumerator(atPath: root.path)
    else {
      throw SchemaErrors([SchemaError(directoryLocation, "not a readable schema directory")])
    }
    let paths = enumerator.compactMap { $0 as? String }.filter { $0.hasSuffix(".proto") }.sorted()
    guard !paths.isEmpty else {
      throw SchemaErrors([SchemaError(directoryLocation, "no .proto files in the schema directory")]
      )
    }
    var sources: [(path: String, displayPath: String, text: String)] = []
    for path in paths {
      let text = try String(contentsOf: root.appendingPathComponent(path), encoding: .utf8)
      let displayPath = directory.hasSuffix("/") ? directory + path : directory + "/" + path
      sources.append((path, displayPath, text))
    }
    return try compile(sources: sources, options: options)
  }

  /// `outreach/v1/leads.proto` → `outreach_v1_leads.pb.swift`.
  public static func outputName(for path: String) -> String {
    let stem = path.hasSuffix(".proto") ? String(path.dropLast(6)) : path
    return stem.replacingOccurrences(of: "/", with: "_") + ".pb.swift"
  }
}
