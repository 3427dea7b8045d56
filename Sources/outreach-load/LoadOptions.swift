import ClientTools
import Foundation
import OutreachAPI
import RPC

/// What `outreach-load` was asked to do.
struct LoadOptions: Sendable {
  /// When a run ends.
  enum Stop: Sendable {
    /// After this many requests.
    case total(Int)
    /// After this long; calls in flight then finish.
    case duration(Duration)
  }

  static let specs: [OptionSpec] = [
    .value("data", "JSON", short: "d", "the request template (default {}); @FILE reads a file"),
    .value("connections", "N", "HTTP/2 connections (default 1)"),
    .value("concurrency", "N", "calls in flight across all connections (default 50)"),
    .value("total", "N", "stop after N requests (default 1000 unless --duration)"),
    .value("duration", "DURATION", "stop after this long, such as 10s"),
    .value("rate", "R", "open loop: start R requests per second, whatever the answers"),
    .value("server", "HOST:PORT", "the server (default $OUTREACH_SERVER or 127.0.0.1:50051)"),
    .value("token", "TOKEN", "bearer token (default $OUTREACH_TOKEN)"),
    .value("timeout", "DURATION", "deadline of each call (default 20s)"),
    .value("domains", "LIST", "comma-separated domains for {{random_email}} (default example.com)"),
    .flag("json", "print the report as JSON"),
  ]

  var method: MethodShape
  var template: RequestTemplate
  var connections = 1
  var concurrency = 50
  var stop = Stop.total(1000)
  /// Requests per second in open loop; `nil` for closed loop.
  var rate: Double?
  var target: String
  var token: String?
  var timeout: Duration = .seconds(20)
  var json: Bool

  /// Reads the command line.
  /// - Throws: ``UsageError`` for anything that does not fit.
  init(
    _ arguments: ParsedArguments, environment: [String: String],
    readFile: (String) throws(UsageError) -> String
  ) throws(UsageError) {
    guard arguments.positionals.count == 1 else {
      throw UsageError("expected one METHOD, such as grpc.health.v1.Health/Check")
    }
    guard case .method(_, let method) = try SchemaLookup.find(arguments.positionals[0]),
      method.descriptor.kind == .unary
    else {
      throw UsageError("\(arguments.positionals[0]) is not a unary method of the schema")
    }
    self.method = method

    func positive(_ name: String) throws(UsageError) -> Int? {
      guard let value = try arguments.integer(name) else { return nil }
      guard value > 0, value <= 1_000_000_000 else {
        throw UsageError("--\(name) must be at least 1")
      }
      return Int(value)
    }
    func duration(_ name: String) throws(UsageError) -> Duration? {
      guard let text = arguments[name] else { return nil }
      guard let value = DurationText.parse(text), value > .zero else {
        throw UsageError("--\(name) must be a duration such as 10s or 500ms, not \"\(text)\"")
      }
      return value
    }

    connections = try positive("connections") ?? connections
    concurrency = try positive("concurrency") ?? concurrency
    guard connections <= concurrency else {
      throw UsageError("--connections must not exceed --concurrency")
    }
    switch (try positive("total"), try duration("duration")) {
    case (_?, _?): throw UsageError("give --total or --duration, not both")
    case (let total?, nil): stop = .total(total)
    case (nil, let duration?): stop = .duration(duration)
    case (nil, nil): break
    }
    if let text = arguments["rate"] {
      guard let rate = Double(text), rate > 0, rate <= 10_000_000 else {
        throw UsageError("--rate must be a positive number of requests per second")
      }
      self.rate = rate
    }
    timeout = try duration("timeout") ?? timeout
    target = arguments["server"] ?? environment["OUTREACH_SERVER"] ?? "127.0.0.1:50051"
    token = arguments["token"] ?? environment["OUTREACH_TOKEN"]
    json = arguments.has("json")

    let domains = (arguments["domains"] ?? "example.com").split(separator: ",").map {
      String($0).trimmingCharacters(in: .whitespaces)
    }.filter { !$0.isEmpty }
    var text = arguments["data"] ?? "{}"
    if text.hasPrefix("@") {
      text = try readFile(String(text.dropFirst()))
    }
    template = try RequestTemplate(text, domains: domains)
  }
}
