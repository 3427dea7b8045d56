import Synchronization
import Wire

@testable import RPC

extension EchoMessage {
  /// A message carrying `text`.
  init(_ text: String) {
    self.init()
    self.text = text
  }
}

/// What the echo service's handlers saw, for tests to inspect.
final class EchoObservations: Sendable {
  private let state = Mutex<(started: Int, cancelled: Int, finished: Int, written: Int)>(
    (0, 0, 0, 0))

  func noteStarted() { state.withLock { $0.started += 1 } }
  func noteCancelled() { state.withLock { $0.cancelled += 1 } }
  func noteFinished() { state.withLock { $0.finished += 1 } }
  func noteWritten() { state.withLock { $0.written += 1 } }

  var started: Int { state.withLock { $0.started } }
  var cancelled: Int { state.withLock { $0.cancelled } }
  var finished: Int { state.withLock { $0.finished } }
  /// Response messages whose write returned.
  var written: Int { state.withLock { $0.written } }
}

/// `rpctest.v1.Echo`, matching `Fixtures/echo.proto`.
struct EchoService: RPCService {
  static let unary = MethodDescriptor(service: "rpctest.v1.Echo", method: "Unary", kind: .unary)
  static let sleep = MethodDescriptor(service: "rpctest.v1.Echo", method: "Sleep", kind: .unary)
  static let expand = MethodDescriptor(
    service: "rpctest.v1.Echo", method: "Expand", kind: .serverStreaming)
  static let collect = MethodDescriptor(
    service: "rpctest.v1.Echo", method: "Collect", kind: .clientStreaming)
  static let chat = MethodDescriptor(
    service: "rpctest.v1.Echo", method: "Chat", kind: .bidirectionalStreaming)
  static let stall = MethodDescriptor(
    service: "rpctest.v1.Echo", method: "Stall", kind: .clientStreaming)
  static let flood = MethodDescriptor(
    service: "rpctest.v1.Echo", method: "Flood", kind: .serverStreaming)

  let observations: EchoObservations

  var methodHandlers: [MethodHandler] {
    [
      .unary(Self.unary) { (request: EchoMessage, context) in
        try Self.echoMetadata(context)
        let parts = request.text.split(separator: ":", maxSplits: 2).map(String.init)
        if parts.count == 3, parts[0] == "fail", let code = Int(parts[1]) {
          var trailing = Metadata()
          trailing.add("failure-detail", "requested")
          trailing.add("failure-detail-bin", binary: [0, 1, 2, 254, 255])
          throw RPCError(StatusCode(rawValue: code), parts[2], metadata: trailing)
        }
        return request
      },
      .unary(Self.sleep) { [observations] (request: EchoMessage, _) in
        observations.noteStarted()
        do {
          try await Task.sleep(for: .milliseconds(Int(request.text) ?? 0))
        } catch {
          observations.noteCancelled()
          throw error
        }
        observations.noteFinished()
        return request
      },
      .serverStreaming(Self.expand) {
        (request: EchoMessage, writer: MessageWriter<EchoMessage>, context) in
        try Self.echoMetadata(context)
        for word in request.text.split(separator: " ") {
          try await writer.write(EchoMessage(String(word)))
        }
      },
      .clientStreaming(Self.collect) { [observations] (requests: MessageStream<EchoMessage>, _) in
        observations.noteStarted()
        var texts: [String] = []
        do {
          for try await request in requests { texts.append(request.text) }
        } catch {
          observations.noteCancelled()
          throw error
        }
        observations.noteFinished()
        return EchoMessage(texts.joined(separator: " "))
      },
      .clientStreaming(Self.stall) { [observations] (requests: MessageStream<EchoMessage>, _) in
        var iterator = requests.makeAsyncIterator()
        _ = try await iterator.next()
        observations.noteStarted()
        try await Task.sleep(for: .seconds(120))
        return EchoMessage()
      },
      .serverStreaming(Self.flood) {
        [observations] (request: EchoMessage, writer: MessageWriter<EchoMessage>, _) in
        let block = EchoMessage(String(repeating: "f", count: 1024))
        for _ in 0..<(Int(request.text) ?? 0) {
          try await writer.write(block)
          observations.noteWritten()
        }
      },
      .bidirectionalStreaming(Self.chat) {
        (requests: MessageStream<EchoMessage>, writer: MessageWriter<EchoMessage>, _) in
        for try await request in requests {
          try await writer.write(request)
        }
      },
    ]
  }

  /// Sends every request metadata entry whose name starts with `echo-`
  /// back in the response headers and trailers.
  private static func echoMetadata(_ context: ServerContext) throws {
    for entry in context.requestMetadata where entry.name.hasPrefix("echo-") {
      switch entry.value {
      case .string(let value):
        context.response.addInitial(entry.name, value)
        context.response.addTrailing(entry.name, value)
      case .binary(let value):
        context.response.addTrailing(entry.name, binary: value)
      }
    }
  }
}
