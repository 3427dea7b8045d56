import ClientTools
import RPC
import Wire

/// One `outreach` command: its place in the command tree, what it accepts,
/// its help, and how it runs.
struct Command: Sendable {
  /// The words that select it, such as `["suppress", "add"]`.
  let path: [String]
  /// The arguments after the path, as help shows them: `EMAIL [--reason TEXT]`.
  let synopsis: String
  /// One line saying what it does.
  let summary: String
  /// Its own options; ``Invocation/commonOptions`` are added.
  var options: [OptionSpec] = []
  /// Whether it talks to a server, and so takes the connection options.
  var usesServer = true
  /// Lines of help after the options: an example, notes.
  var details: String = ""
  /// Runs the command.
  let run: @Sendable (Invocation) async throws(CLIError) -> ExitStatus

  /// `outreach suppress add`.
  var name: String { (["outreach"] + path).joined(separator: " ") }

  /// Every option it accepts.
  var allOptions: [OptionSpec] {
    options + (usesServer ? ServerOptions.specs : []) + [Invocation.jsonOption]
  }

  /// The command's `--help` text.
  var help: String {
    var lines = ["usage: \(name) \(synopsis)", "", summary, "", "options:"]
    let width = allOptions.map(\.label.count).max() ?? 0
    for option in allOptions {
      let padding = String(repeating: " ", count: width - option.label.count + 2)
      lines.append("  \(option.label)\(padding)\(option.help)")
    }
    if !details.isEmpty { lines += ["", details] }
    if usesServer { lines += ["", ExitStatus.table] }
    return lines.joined(separator: "\n")
  }
}

/// A command being run: what the command line said and how to answer.
struct Invocation: Sendable {
  /// `--json`: output for scripts.
  static let jsonOption = OptionSpec.flag("json", "print JSON (one object per line) for scripts")

  /// The parsed command line.
  let arguments: ParsedArguments
  /// The process environment, for `OUTREACH_SERVER` and `OUTREACH_TOKEN`.
  let environment: [String: String]

  /// Whether to print JSON instead of text for people.
  var wantsJSON: Bool { arguments.has("json") }

  /// The positional arguments, which must number exactly `names.count`.
  /// - Throws: ``CLIError`` with the usage status otherwise.
  func positionals(_ names: String...) throws(CLIError) -> [String] {
    guard arguments.positionals.count == names.count else {
      let expected = names.isEmpty ? "no arguments" : names.joined(separator: " ")
      throw CLIError.usage(
        "expected \(expected), got \(arguments.positionals.count) argument(s)")
    }
    return arguments.positionals
  }

  /// The value of an option that must be given.
  func required(_ name: String) throws(CLIError) -> String {
    do { return try arguments.required(name) } catch { throw CLIError.usage(error.message) }
  }

  /// The value of an option parsed as a whole number, if given.
  func integer(_ name: String) throws(CLIError) -> Int64? {
    do { return try arguments.integer(name) } catch { throw CLIError.usage(error.message) }
  }

  /// Opens a connection with the server options of the command line.
  func connect() throws(CLIError) -> ServerConnection {
    try ServerConnection(ServerOptions(arguments, environment: environment), json: wantsJSON)
  }

  /// Runs one unary call and prints its response: JSON with `--json`,
  /// otherwise through `show`.
  ///
  /// - Parameters:
  ///   - timeout: the deadline when `--timeout` sets none.
  ///   - call: makes the call with the client and options given.
  ///   - show: prints the response for people.
  /// - Returns: the response.
  @discardableResult
  func unary<Response: WireMessage>(
    timeout: Duration = ServerConnection.defaultTimeout,
    _ call: (any RPCClientProtocol, CallOptions) async throws -> Response,
    show: (Response) -> Void
  ) async throws(CLIError) -> Response {
    let connection = try connect()
    let response = try await connection.perform {
      try await call(connection.client, connection.callOptions(defaultTimeout: timeout))
    }
    if wantsJSON {
      Terminal.print(JSONOutput.line(response))
    } else {
      show(response)
    }
    return response
  }

  /// Fetches pages until the last one or until `limit` items, handing each
  /// page's items to `consume`.
  ///
  /// - Parameter page: fetches the page after `token` ("" for the first),
  ///   at most `size` items; returns its items and the next token.
  func forEachPage<Item>(
    limit: Int,
    _ page: (any RPCClientProtocol, _ token: String, _ size: Int32, CallOptions) async throws
      -> (items: [Item], next: String),
    consume: ([Item]) -> Void
  ) async throws(CLIError) {
    let connection = try connect()
    var token = ""
    var seen = 0
    repeat {
      let size = Int32(min(limit - seen, 1000))
      let (items, next) = try await connection.perform {
        try await page(connection.client, token, size, connection.callOptions())
      }
      let taken = Array(items.prefix(limit - seen))
      seen += taken.count
      consume(taken)
      token = next
    } while !token.isEmpty && seen < limit
  }
}

/// The schema item `name` refers to, for `call` and `describe`.
/// - Throws: ``CLIError`` with the usage status when nothing or more than
///   one thing matches.
func findInSchema(_ name: String) throws(CLIError) -> SchemaLookup.Item {
  do {
    return try SchemaLookup.find(name)
  } catch {
    throw CLIError.badInput(error.message)
  }
}
