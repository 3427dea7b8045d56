/// A place in a schema file: 1-based line and column.
public struct SourceLocation: Sendable, Hashable, CustomStringConvertible {
  /// The file, relative to the schema directory, such as `outreach/v1/leads.proto`.
  public let file: String
  /// The line, from 1.
  public let line: Int
  /// The column, from 1, counted in characters.
  public let column: Int

  /// Creates a location.
  public init(file: String, line: Int, column: Int) {
    self.file = file
    self.line = line
    self.column = column
  }

  public var description: String { "\(file):\(line):\(column)" }
}

/// A schema the compiler rejects, with where and why.
public struct SchemaError: Error, Sendable, Hashable, CustomStringConvertible {
  /// Where the problem is.
  public let location: SourceLocation
  /// What is wrong, for humans.
  public let message: String

  /// Creates an error.
  public init(_ location: SourceLocation, _ message: String) {
    self.location = location
    self.message = message
  }

  /// `file:line:column: message`, the form editors and terminals link.
  public var description: String { "\(location): \(message)" }
}

/// Every error found in a schema, so one run reports them all.
public struct SchemaErrors: Error, Sendable, CustomStringConvertible {
  /// The errors, in file and line order.
  public let errors: [SchemaError]

  /// Creates a list.
  public init(_ errors: [SchemaError]) {
    self.errors = errors
  }

  public var description: String {
    errors.map(\.description).joined(separator: "\n")
  }
}
