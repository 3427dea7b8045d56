// schemac: compiles the `.proto` files under a schema directory into Swift.
//
//   schemac --schema <dir> --out <dir> [--check] [--module <Name>] [--emit <prefix>]...
//           [--registry-name <Name> | --no-registry] [--no-services] [--source-label <path>]
//
// Writes one `<path>.pb.swift` per emitted schema file plus the registry,
// removing generated files whose schema is gone. Every file under the
// schema directory is checked; `--emit` (repeatable) limits the output to
// files whose path starts with one of the prefixes. `--module` names the
// Swift module the output is compiled into, which it then does not import.
// `--source-label` is the schema directory as the headers name it (by
// default the `--schema` argument). With `--check`, writes nothing and exits
// 1 when the output directory differs from what would be generated.

import Foundation
import SchemaCompiler

/// What the command line asked for.
struct Options {
  var schema = ""
  var output = ""
  var isCheck = false
  var generation = GenerationOptions()
  var sourceLabel: String?

  static let usage = """
    usage: schemac --schema <dir> --out <dir> [--check] [--module <Name>] [--emit <prefix>]...
                   [--registry-name <Name> | --no-registry] [--no-services] [--source-label <path>]
    """

  /// Reads the arguments, or returns `nil` when they are wrong.
  init?(_ arguments: [String]) {
    var iterator = arguments.makeIterator()
    while let argument = iterator.next() {
      switch argument {
      case "--schema":
        guard let value = iterator.next() else { return nil }
        schema = value
      case "--out":
        guard let value = iterator.next() else { return nil }
        output = value
      case "--registry-name":
        guard let value = iterator.next() else { return nil }
        generation.registryName = value
      case "--module":
        guard let value = iterator.next() else { return nil }
        generation.module = value
      case "--emit":
        guard let value = iterator.next() else { return nil }
        generation.emittedPrefixes.append(value)
      case "--source-label":
        guard let value = iterator.next() else { return nil }
        sourceLabel = value
      case "--no-registry": generation.registryName = nil
      case "--no-services": generation.includesServices = false
      case "--check": isCheck = true
      default: return nil
      }
    }
    guard !schema.isEmpty, !output.isEmpty else { return nil }
    generation.sourceLabel = sourceLabel ?? schema
  }
}

/// Prints a line to standard error.
func printError(_ message: String) {
  FileHandle.standardError.write(Data((message + "\n").utf8))
}

guard let options = Options(Array(CommandLine.arguments.dropFirst())) else {
  printError(Options.usage)
  exit(2)
}

let generated: [GeneratedFile]
do {
  generated = try SchemaCompiler.compile(directory: options.schema, options: options.generation)
} catch let errors as SchemaErrors {
  printError(errors.description)
  exit(1)
} catch {
  printError("schemac: \(error)")
  exit(1)
}

let outputDirectory = URL(fileURLWithPath: options.output)
let fileManager = FileManager.default
let existing = Set(
  ((try? fileManager.contentsOfDirectory(atPath: outputDirectory.path)) ?? [])
    .filter { $0.hasSuffix(".pb.swift") })
let stale = existing.subtracting(generated.map(\.name)).sorted()

if options.isCheck {
  var differing: [String] = stale
  for file in generated {
    let path = outputDirectory.appendingPathComponent(file.name).path
    let current = try? String(contentsOfFile: path, encoding: .utf8)
    if current != file.contents { differing.append(file.name) }
  }
  guard differing.isEmpty else {
    printError("schemac: out of date in \(options.output): \(differing.joined(separator: ", "))")
    exit(1)
  }
  exit(0)
}

do {
  try fileManager.createDirectory(at: outputDirectory, withIntermediateDirectories: true)
  for file in generated {
    let url = outputDirectory.appendingPathComponent(file.name)
    if (try? String(contentsOf: url, encoding: .utf8)) != file.contents {
      try file.contents.write(to: url, atomically: true, encoding: .utf8)
    }
  }
  for name in stale {
    try fileManager.removeItem(at: outputDirectory.appendingPathComponent(name))
  }
} catch {
  printError("schemac: cannot write \(options.output): \(error)")
  exit(1)
}
