/// Emits, for one service, the method descriptors, the server protocol with
/// its handler table, and the client stub.
struct ServiceGenerator {
  let service: ServiceModel

  private var methods: String { service.name + "Methods" }

  func generate(_ out: inout CodeWriter) {
    out.doc(service.comments, fallback: "The `\(service.fullName)` service.")
    out.doc(["", "The method descriptors, for routing and for clients."])
    out.block("public enum \(methods) {") { out in
      for method in service.methods {
        out.doc(method.comments)
        out.line("public static let \(method.swiftName) = MethodDescriptor(")
        out.line(
          "  service: \"\(service.fullName)\", method: \"\(method.name)\", kind: .\(kind(method)))")
        out.line()
      }
      out.doc(["Every method of the service."])
      let all = service.methods.map(\.swiftName).joined(separator: ", ")
      let oneLine = "  public static let all: [MethodDescriptor] = [\(all)]"
      if oneLine.count <= SwiftGenerator.lineLength {
        out.line(oneLine.dropFirst(2).description)
      } else {
        out.block("public static let all: [MethodDescriptor] = [", closing: "]") { out in
          for method in service.methods {
            out.line(method.swiftName + ",")
          }
        }
      }
    }
    out.line()
    serverProtocol(&out)
    out.line()
    handlers(&out)
    out.line()
    client(&out)
  }

  private func kind(_ method: MethodModel) -> String {
    switch (method.isClientStreaming, method.isServerStreaming) {
    case (false, false): "unary"
    case (false, true): "serverStreaming"
    case (true, false): "clientStreaming"
    case (true, true): "bidirectionalStreaming"
    }
  }

  /// Writes a declaration on one line when it fits, else one parameter group per line.
  private func signature(
    _ out: inout CodeWriter, head: String, parameters: [String], tail: String, opensBody: Bool
  ) {
    let brace = opensBody ? " {" : ""
    let oneLine = "\(head)(\(parameters.joined(separator: ", ")))\(tail)\(brace)"
    if oneLine.count + 4 <= SwiftGenerator.lineLength {
      out.line(oneLine)
      return
    }
    out.line(head + "(")
    for (index, parameter) in parameters.enumerated() {
      out.line("  " + parameter + (index < parameters.count - 1 ? "," : ""))
    }
    out.line(")\(tail)\(brace)")
  }

  private func serverProtocol(_ out: inout CodeWriter) {
    out.doc(["Serves `\(service.fullName)`: implement the methods and register the service."])
    out.block("public protocol \(service.name)Service: RPCService {") { out in
      for (index, method) in service.methods.enumerated() {
        if index > 0 { out.line() }
        out.doc(method.comments)
        let input = method.input.swiftName
        let output = method.output.swiftName
        let parameters: [String]
        let tail: String
        switch (method.isClientStreaming, method.isServerStreaming) {
        case (false, false):
          parameters = ["_ request: \(input)", "context: ServerContext"]
          tail = " async throws -> \(output)"
        case (false, true):
          parameters = [
            "_ request: \(input)", "responses: MessageWriter<\(output)>", "context: ServerContext",
          ]
          tail = " async throws"
        case (true, false):
          parameters = ["_ requests: MessageStream<\(input)>", "context: ServerContext"]
          tail = " async throws -> \(output)"
        case (true, true):
          parameters = [
            "_ requests: MessageStream<\(input)>", "responses: MessageWriter<\(output)>",
            "context: ServerContext",
          ]
          tail = " async throws"
        }
        signature(
          &out, head: "func \(method.swiftName)", parameters: parameters, tail: tail,
          opensBody: false)
      }
    }
  }

  private func handlers(_ out: inout CodeWriter) {
    out.block("extension \(service.name)Service {") { out in
      out.doc(["Every method of the service, bound to this implementation."])
      out.block("public var methodHandlers: [MethodHandler] {") { out in
        out.block("[", closing: "]") { out in
          var items: [[String]] = []
          for method in service.methods {
            let descriptor = "\(methods).\(method.swiftName)"
            let call: String
            switch (method.isClientStreaming, method.isServerStreaming) {
            case (false, false):
              call = ".unary(\(descriptor)) { try await self.\(method.swiftName)($0, context: $1) }"
            case (false, true):
              call =
                ".serverStreaming(\(descriptor)) {\n"
                + "  try await self.\(method.swiftName)($0, responses: $1, context: $2)\n}"
            case (true, false):
              call =
                ".clientStreaming(\(descriptor)) {\n"
                + "  try await self.\(method.swiftName)($0, context: $1)\n}"
            case (true, true):
              call =
                ".bidirectionalStreaming(\(descriptor)) {\n"
                + "  try await self.\(method.swiftName)($0, responses: $1, context: $2)\n}"
            }
            items.append(call.split(separator: "\n").map(String.init))
          }
          out.elements(items)
        }
      }
    }
  }

  private func client(_ out: inout CodeWriter) {
    out.doc(["Calls `\(service.fullName)` on a server."])
    out.block("public struct \(service.name)Client: Sendable {") { out in
      out.doc(["The connection calls go through."])
      out.line("public let client: any RPCClientProtocol")
      out.line()
      out.doc(["A client whose calls go through `client`."])
      out.block("public init(client: any RPCClientProtocol) {") { out in
        out.line("self.client = client")
      }
      for method in service.methods {
        out.line()
        clientMethod(method, &out)
      }
    }
  }

  private func clientMethod(_ method: MethodModel, _ out: inout CodeWriter) {
    out.doc(method.comments)
    let input = method.input.swiftName
    let output = method.output.swiftName
    let descriptor = "\(methods).\(method.swiftName)"
    let options = "options: CallOptions = CallOptions()"
    let requests = "requests: @escaping @Sendable (MessageWriter<\(input)>) async throws -> Void"
    let responses = "responses: @escaping @Sendable (MessageStream<\(output)>) async throws -> R"
    let head = "public func \(method.swiftName)"
    switch (method.isClientStreaming, method.isServerStreaming) {
    case (false, false):
      signature(
        &out, head: head, parameters: ["_ request: \(input)", options],
        tail: " async throws -> \(output)", opensBody: true)
      out.line("  try await client.unary(\(descriptor), request: request, options: options)")
    case (false, true):
      signature(
        &out, head: head + "<R: Sendable>",
        parameters: ["_ request: \(input)", options, responses],
        tail: " async throws -> R", opensBody: true)
      out.line("  try await client.serverStreaming(")
      out.line("    \(descriptor), request: request, options: options, responses: responses)")
    case (true, false):
      signature(
        &out, head: head, parameters: [options, requests], tail: " async throws -> \(output)",
        opensBody: true)
      out.line("  try await client.clientStreaming(")
      out.line("    \(descriptor), options: options, requests: requests)")
    case (true, true):
      signature(
        &out, head: head + "<R: Sendable>", parameters: [options, requests, responses],
        tail: " async throws -> R", opensBody: true)
      out.line("  try await client.bidirectionalStreaming(")
      out.line("    \(descriptor), options: options, requests: requests, responses: responses)")
    }
    out.line("}")
  }
}
