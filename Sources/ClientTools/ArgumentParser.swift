/// One option a command accepts: `--name VALUE`, or a flag `--name`.
public struct OptionSpec: Sendable {
  /// The long name without dashes, such as `lead`.
  public let name: String
  /// A one-letter alias without the dash, such as `d`.
  public let shortName: Character?
  /// What the value is called in help text (`ID`, `FILE`); `nil` for a flag.
  public let valueName: String?
  /// One line of help.
  public let help: String

  /// An option that takes a value.
  public static func value(
    _ name: String, _ valueName: String, short: Character? = nil, _ help: String
  ) -> OptionSpec {
    OptionSpec(name: name, shortName: short, valueName: valueName, help: help)
  }

  /// An option without a value.
  public static func flag(_ name: String, short: Character? = nil, _ help: String) -> OptionSpec {
    OptionSpec(name: name, shortName: short, valueName: nil, help: help)
  }

  /// The option as help text shows it: `-d, --data JSON`.
  public var label: String {
    let long = "--\(name)" + (valueName.map { " \($0)" } ?? "")
    return shortName.map { "-\($0), \(long)" } ?? long
  }
}

/// What a command line said, after parsing against a command's options.
public struct ParsedArguments: Sendable {
  /// Creates an empty result.
  public init() {}

  /// The last value given for each option that takes one.
  public var values: [String: String] = [:]
  /// The flags that were given.
  public var flags: Set<String> = []
  /// The arguments that are not options, in order.
  public var positionals: [String] = []
  /// Whether `--help` or `-h` was given.
  public var wantsHelp = false

  /// The value of an option, if given.
  public subscript(_ name: String) -> String? { values[name] }

  /// Whether a flag was given.
  public func has(_ flag: String) -> Bool { flags.contains(flag) }

  /// The value of an option that must be given.
  /// - Throws: ``UsageError`` when it is missing.
  public func required(_ name: String) throws(UsageError) -> String {
    guard let value = values[name] else { throw UsageError("--\(name) is required") }
    return value
  }

  /// The value of an option parsed as an integer, if given.
  /// - Throws: ``UsageError`` when it is not a whole number.
  public func integer(_ name: String) throws(UsageError) -> Int64? {
    guard let text = values[name] else { return nil }
    guard let number = Int64(text) else {
      throw UsageError("--\(name) must be a whole number, not \"\(text)\"")
    }
    return number
  }
}

/// Parses `arguments` against `options`.
///
/// Accepts `--name value`, `--name=value`, `-x value`, flags anywhere, and
/// `--` to end options so that later arguments are taken as they are.
///
/// - Throws: ``UsageError`` for an unknown option or a
///   missing value.
public func parseArguments(_ arguments: [String], options: [OptionSpec]) throws(UsageError)
  -> ParsedArguments
{
  var parsed = ParsedArguments()
  var remaining = arguments[...]
  while let argument = remaining.popFirst() {
    if argument == "--" {
      parsed.positionals.append(contentsOf: remaining)
      break
    }
    if argument == "--help" || argument == "-h" {
      parsed.wantsHelp = true
      continue
    }
    guard argument.hasPrefix("-"), argument != "-", argument.count > 1 else {
      parsed.positionals.append(argument)
      continue
    }

    // Split `--name=value`; find the option by long or short name.
    var name = argument.hasPrefix("--") ? String(argument.dropFirst(2)) : nil
    var inlineValue: String?
    if let long = name, let equals = long.firstIndex(of: "=") {
      inlineValue = String(long[long.index(after: equals)...])
      name = String(long[..<equals])
    }
    let spec: OptionSpec?
    if let name {
      spec = options.first { $0.name == name }
    } else if argument.count == 2 {
      spec = options.first { $0.shortName == argument.last }
    } else {
      spec = nil
    }
    guard let spec else { throw UsageError("unknown option \(argument)") }

    if spec.valueName == nil {
      guard inlineValue == nil else { throw UsageError("--\(spec.name) takes no value") }
      parsed.flags.insert(spec.name)
    } else if let value = inlineValue ?? remaining.popFirst() {
      parsed.values[spec.name] = value
    } else {
      throw UsageError("--\(spec.name) needs a value (\(spec.valueName ?? "VALUE"))")
    }
  }
  return parsed
}

/// A command line that does not fit the command: an unknown option, a
/// missing value, a value of the wrong form.
public struct UsageError: Error, Sendable, Hashable, CustomStringConvertible {
  /// What was wrong, for humans.
  public let message: String

  /// Creates an error.
  public init(_ message: String) {
    self.message = message
  }

  public var description: String { message }
}
