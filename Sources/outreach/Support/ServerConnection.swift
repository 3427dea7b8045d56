import ClientTools
import OutreachAPI
import RPC
import Wire

/// Where the server is and how to talk to it, from options and environment.
struct ServerOptions: Sendable {
  /// The options every server command takes.
  static let specs: [OptionSpec] = [
    .value("server", "HOST:PORT", "the server (default $OUTREACH_SERVER or 127.0.0.1:50051)"),
    .value("token", "TOKEN", "bearer token (default $OUTREACH_TOKEN)"),
    .flag("tls", "connect with TLS"),
    .value("ca-file", "FILE", "PEM file of CAs to trust for TLS (implies --tls)"),
    .value("timeout", "DURATION", "deadline of each call, such as 10s or 500ms"),
  ]

  /// The target, `host:port`.
  var target: String
  /// The bearer token, if any.
  var token: String?
  /// Whether to use TLS, and with which CA file.
  var usesTLS: Bool
  var caFile: String?
  /// The deadline of each call; `nil` means the command's own default.
  var timeout: Duration?

  /// Reads the options, falling back on `OUTREACH_SERVER` and `OUTREACH_TOKEN`.
  /// - Throws: ``CLIError`` with the usage status for a malformed timeout.
  init(_ arguments: ParsedArguments, environment: [String: String]) throws(CLIError) {
    func nonEmpty(_ value: String?) -> String? {
      guard let value, !value.isEmpty else { return nil }
      return value
    }
    target =
      nonEmpty(arguments["server"]) ?? nonEmpty(environment["OUTREACH_SERVER"])
      ?? "127.0.0.1:50051"
    token = nonEmpty(arguments["token"]) ?? nonEmpty(environment["OUTREACH_TOKEN"])
    caFile = arguments["ca-file"]
    usesTLS = arguments.has("tls") || caFile != nil
    if let text = arguments["timeout"] {
      guard let timeout = DurationText.parse(text), timeout > .zero else {
        throw CLIError.usage("--timeout must be a duration such as 10s or 500ms, not \"\(text)\"")
      }
      self.timeout = timeout
    }
  }
}

/// A connection to the server for one command, and the one place where a
/// failed call becomes the message and exit status the user sees.
struct ServerConnection: Sendable {
  /// Calls with no `--timeout` end after this long, except streams that
  /// follow or upload, which pass their own default.
  static let defaultTimeout: Duration = .seconds(30)

  /// The client all calls go through.
  let client: RPCClient
  let options: ServerOptions
  /// Whether errors are printed as JSON.
  let json: Bool

  /// Creates the client; nothing connects before the first call.
  /// - Throws: ``CLIError`` for a malformed `--server` or unusable TLS settings.
  init(_ options: ServerOptions, json: Bool) throws(CLIError) {
    var metadata = Metadata()
    if let token = options.token {
      metadata.add("authorization", "Bearer \(token)")
    }
    let security: RPCClient.Configuration.Security =
      options.usesTLS ? .tls(.init(caFile: options.caFile)) : .plaintext
    let configuration = RPCClient.Configuration(
      target: options.target, security: security, defaultMetadata: metadata,
      connectTimeout: min(options.timeout ?? Self.defaultTimeout, .seconds(10)))
    do {
      client = try RPCClient(configuration: configuration)
    } catch {
      throw CLIError.usage(error.message)
    }
    self.options = options
    self.json = json
  }

  /// Call options with the deadline: `--timeout`, else `fallback`.
  /// - Parameter fallback: `nil` for calls that may run as long as they like.
  func callOptions(defaultTimeout fallback: Duration? = defaultTimeout) -> CallOptions {
    CallOptions(timeout: options.timeout ?? fallback)
  }

  /// Runs `body`, turning a failed call into a ``CLIError`` that names the
  /// status, its message and, for a policy block, the decision.
  func perform<Result>(_ body: () async throws -> Result) async throws(CLIError) -> Result {
    do {
      return try await body()
    } catch let error as RPCError {
      throw failure(error)
    } catch let error as CLIError {
      throw error
    } catch {
      throw CLIError(message: "outreach: \(error)", status: .failure)
    }
  }

  /// The report of a call that ended with `error`.
  func failure(_ error: RPCError) -> CLIError {
    let decision = error.metadata.binary("outreach-decision-bin").flatMap {
      try? ValidateResponse(serializedBytes: $0)
    }
    let status = ExitStatus(for: error.code)
    if json {
      var writer = JSONWriter()
      writer.beginObject()
      writer.writeKey("error")
      writer.beginObject()
      writer.writeField("code", error.code.name)
      writer.writeField("message", error.message)
      if let decision {
        writer.writeKey("decision")
        let line = JSONOutput.line(decision)
        if let value = try? JSONValue(parsing: line) { JSONOutput.write(value, to: &writer) }
      }
      writer.endObject()
      writer.endObject()
      return CLIError(message: writer.output, status: status)
    }
    var message = error.description
    if error.code == .unavailable && error.message.hasPrefix("could not connect") {
      message += " (is outreachd running at \(options.target)?)"
    }
    if let decision {
      message += "\n" + DecisionText.lines(decision).joined(separator: "\n")
    }
    return CLIError(message: message, status: status)
  }
}

/// A policy decision for people.
enum DecisionText {
  /// The decision as `label: value` lines.
  static func lines(_ decision: ValidateResponse) -> [String] {
    [
      "decision:     \(decision.allowed ? "allowed" : "blocked")",
      "reason:       \(decision.reason)",
      "legal basis:  \(decision.legalBasis)",
      "region:       \(decision.region)",
      "user today:   \(decision.dailyUserCount)/\(decision.dailyUserLimit)",
      "domain today: \(decision.dailyDomainCount)/\(decision.dailyDomainLimit)",
    ]
  }
}
