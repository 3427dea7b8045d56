import CNGHTTP2

/// One request stream on a connection, from its first header to its close.
///
/// `@unchecked Sendable`: every stored property is read and written only on
/// the owning connection's loop thread. Handler tasks hold a reference only
/// to send it back to that loop with `EventLoop.execute`.
final class ServerCall: @unchecked Sendable {
  /// Where the call is in its life.
  enum Phase {
    /// Request headers are arriving.
    case receivingHeaders
    /// Routed; waiting for the request (unary) or running the handler.
    case active
    /// The status has been submitted; nothing more goes out.
    case finished
  }

  /// The status a call ends with.
  struct Status {
    var code: StatusCode
    var message: String
    var metadata: Metadata

    static let ok = Status(code: .ok, message: "", metadata: Metadata())

    init(code: StatusCode, message: String, metadata: Metadata = Metadata()) {
      self.code = code
      self.message = message
      self.metadata = metadata
    }

    init(_ error: RPCError) {
      self.init(code: error.code, message: error.message, metadata: error.metadata)
    }
  }

  let streamID: Int32
  var phase = Phase.receivingHeaders

  // Request headers, as parsed.
  var path: String?
  /// The handler registered for exactly the bytes of `:path`.
  var route: MethodHandler?
  var isPost = false
  var httpMethod = ""
  var contentTypeState = ContentTypeState.missing
  var timeoutHeader: String?
  var metadata = Metadata()
  var hasMalformedMetadata = false
  var headerListSize = 0

  // Request messages.
  var handler: MethodHandler?
  var context: ServerContext?
  var deframer: MessageDeframer
  var unaryRequest: [UInt8]?
  var unaryRequestCount = 0
  var requestQueue = MessageQueue()
  var clientFinished = false
  var requestError: RPCError?
  /// Received DATA bytes not yet credited back to the peer.
  var uncreditedBytes = 0
  /// Bytes (prefixes included) of the messages in `requestQueue`.
  var queuedRequestBytes = 0
  var nextMessageWaiter: CheckedContinuation<[UInt8]?, any Error>?

  // Response.
  var headersSubmitted = false
  var responseOutput: [UInt8] = []
  var responseOutputOffset = 0
  var pendingTrailers: Status?
  var isDataDeferred = false
  var writeWaiter: CheckedContinuation<Void, any Error>?
  var resetAfterTrailers = false

  // Lifetime.
  var task: Task<Void, Never>?
  var deadlineTimer: ScheduledTask?

  /// How the request's `content-type` compares with gRPC's.
  enum ContentTypeState {
    case missing
    /// `application/grpc` or `application/grpc+proto`, with or without
    /// parameters.
    case grpc
    /// `application/grpc+` another codec, named here.
    case otherCodec(String)
    case other
  }

  init(streamID: Int32, maxMessageSize: Int) {
    self.streamID = streamID
    self.deframer = MessageDeframer(maxMessageSize: maxMessageSize)
  }

  /// Response bytes framed but not yet taken by nghttp2.
  var pendingOutputCount: Int { responseOutput.count - responseOutputOffset }

  /// Request messages framed but not yet taken by the handler.
  var queuedRequestCount: Int { requestQueue.count }

  /// Takes the oldest queued request message.
  func dequeueRequest() -> [UInt8]? { requestQueue.popFirst() }
}

/// The request side of a streaming call as the handler sees it: each
/// `next()` hops to the connection's loop, takes a message and credits its
/// bytes back to the peer's flow-control window.
struct ServerRequestSource: RawMessageSource {
  let connection: ServerConnection
  let call: ServerCall

  func next() async throws -> [UInt8]? {
    // A cancelled handler gets no more messages, even once the loop is gone.
    if Task.isCancelled { throw RPCError(.cancelled, "the call was cancelled") }
    return try await withCheckedThrowingContinuation { continuation in
      connection.loop.execute {
        connection.takeRequestMessage(call, continuation)
      }
    }
  }
}

/// The response side of a streaming call as the handler sees it: each
/// `write` hops to the connection's loop and suspends while too many bytes
/// wait for the peer's window.
struct ServerResponseSink: RawMessageSink {
  let connection: ServerConnection
  let call: ServerCall

  func write(_ payload: [UInt8]) async throws {
    if Task.isCancelled { throw RPCError(.cancelled, "the call was cancelled") }
    try await withCheckedThrowingContinuation { continuation in
      connection.loop.execute {
        connection.writeResponseMessage(call, payload, continuation)
      }
    }
  }
}

extension MethodHandler.Body {
  /// True for handlers that take a request stream rather than one message.
  var isStreaming: Bool {
    if case .streaming = self { return true }
    return false
  }
}
