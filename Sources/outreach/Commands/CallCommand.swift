import ClientTools
import OutreachAPI
import RPC
import Wire

/// `outreach call METHOD -d JSON`: any method of the schema, with requests
/// and responses in the proto3 JSON mapping.
enum CallCommand {
  static let command = Command(
    path: ["call"],
    synopsis: "SERVICE/METHOD [-d JSON | -d @FILE | -d @-] [--emit-defaults]",
    summary: "Call any method of the schema with JSON requests; print JSON responses.",
    options: [
      .value("data", "JSON", short: "d", "the request; @FILE reads a file, @- standard input"),
      .flag("emit-defaults", "print fields left at their defaults too"),
    ],
    details: """
      Without -d the request is {}. A client-streaming method takes a JSON
      array or objects one after another (such as one per line). Responses
      print one JSON object per line.

      examples:
        outreach call outreach.v1.Policy/Validate \\
          -d '{"recipientEmail": "editor@example.com", "subject": "Hello"}'
        outreach call Leads/Import -d @rows.ndjson
        outreach call grpc.health.v1.Health/Check
      """
  ) { invocation throws(CLIError) in
    let name = try invocation.positionals("SERVICE/METHOD")[0]
    guard case .method(_, let method) = try findInSchema(name) else {
      throw CLIError.usage("\(name) is not a method; try SERVICE/METHOD, such as Policy/Validate")
    }
    let text: String
    switch invocation.arguments["data"] {
    case nil: text = "{}"
    case "@", "@-": text = try readTextFile("-")
    case let data? where data.hasPrefix("@"): text = try readTextFile(String(data.dropFirst()))
    case let data?: text = data
    }
    let documents = try JSONDocuments.split(text)
    let kind = method.descriptor.kind
    let streamsIn = kind == .clientStreaming || kind == .bidirectionalStreaming
    guard streamsIn || documents.count <= 1 else {
      throw CLIError.badInput(
        "\(method.descriptor.fullName) takes one request, not \(documents.count)")
    }

    let requestType: any WireMessage.Type
    let responseType: any WireMessage.Type
    do {
      requestType = try SchemaRegistry.messageType(named: method.input)
      responseType = try SchemaRegistry.messageType(named: method.output)
    } catch {
      throw CLIError(message: "outreach call: \(error)", status: .failure)
    }
    let connection = try invocation.connect()
    return try await call(
      method.descriptor, requestType, responseType,
      documents: documents.isEmpty && !streamsIn
        ? [.object(JSONObject())] : documents,
      connection: connection, emitDefaults: invocation.arguments.has("emit-defaults"))
  }

  /// Decodes the requests, runs the call, prints each response.
  private static func call<Request: WireMessage, Response: WireMessage>(
    _ method: MethodDescriptor, _ request: Request.Type, _ response: Response.Type,
    documents: [JSONValue], connection: ServerConnection, emitDefaults: Bool
  ) async throws(CLIError) -> ExitStatus {
    var requests: [Request] = []
    for (index, document) in documents.enumerated() {
      do {
        requests.append(
          try Request(json: document, path: documents.count > 1 ? "[\(index)]" : "request"))
      } catch {
        throw CLIError.badInput("bad request: \(error)")
      }
    }
    let print: @Sendable (Response) -> Void = {
      Terminal.print(JSONOutput.line($0, emitDefaults: emitDefaults))
    }
    let client = connection.client
    let options = connection.callOptions(
      defaultTimeout: method.kind == .unary ? ServerConnection.defaultTimeout : nil)
    let streamed = requests
    try await connection.perform {
      switch method.kind {
      case .unary:
        print(try await client.unary(method, request: requests[0], options: options) as Response)
      case .serverStreaming:
        try await client.serverStreaming(method, request: requests[0], options: options) {
          (responses: MessageStream<Response>) in
          for try await response in responses { print(response) }
        }
      case .clientStreaming:
        print(
          try await client.clientStreaming(method, options: options) { writer in
            for request in streamed { try await writer.write(request) }
          } as Response)
      case .bidirectionalStreaming:
        try await client.bidirectionalStreaming(
          method, options: options,
          requests: { writer in
            for request in streamed { try await writer.write(request) }
          },
          responses: { (responses: MessageStream<Response>) in
            for try await response in responses { print(response) }
          })
      }
    }
    return .success
  }
}

/// Splits request text into JSON values: one array's elements, or objects
/// written one after another (newline-delimited JSON and the like).
enum JSONDocuments {
  /// The values in `text`.
  /// - Throws: ``CLIError`` with the usage status for malformed JSON.
  static func split(_ text: String) throws(CLIError) -> [JSONValue] {
    let bytes = Array(text.utf8)
    var values: [JSONValue] = []
    var start: Int?
    var depth = 0
    var inString = false
    var escaped = false
    for (index, byte) in bytes.enumerated() {
      if inString {
        if escaped {
          escaped = false
        } else if byte == UInt8(ascii: "\\") {
          escaped = true
        } else if byte == UInt8(ascii: "\"") {
          inString = false
        }
        continue
      }
      switch byte {
      case UInt8(ascii: "\""):
        inString = true
        if start == nil { start = index }
      case UInt8(ascii: "{"), UInt8(ascii: "["):
        if start == nil { start = index }
        depth += 1
      case UInt8(ascii: "}"), UInt8(ascii: "]"):
        depth -= 1
        if depth == 0, let begin = start {
          values.append(try parse(bytes[begin...index], number: values.count + 1))
          start = nil
        }
      case UInt8(ascii: " "), UInt8(ascii: "\n"), UInt8(ascii: "\r"), UInt8(ascii: "\t"):
        break
      default:
        if start == nil { start = index }
      }
    }
    if let begin = start {
      values.append(try parse(bytes[begin...], number: values.count + 1))
    }
    if values.count == 1, case .array(let elements) = values[0] {
      return elements
    }
    return values
  }

  private static func parse(_ bytes: ArraySlice<UInt8>, number: Int) throws(CLIError) -> JSONValue {
    do {
      return try JSONValue(parsing: String(decoding: bytes, as: UTF8.self))
    } catch {
      throw CLIError.badInput("request \(number) is not valid JSON: \(error)")
    }
  }
}
