import Wire

/// A registered method: its descriptor and the code that serves it, with
/// the message types erased so the server can route any schema's calls.
///
/// Generated service protocols build these; hand-written services can too.
public struct MethodHandler: Sendable {
  /// How the transport runs a handler.
  package enum Body: Sendable {
    /// Unary, run synchronously on the connection's event loop. For cheap
    /// handlers that never block, such as health checks: it saves the hop
    /// to the concurrency pool and back.
    case inline(@Sendable (_ request: [UInt8], ServerContext) throws -> [UInt8])
    /// Unary, started synchronously on the connection's event loop and
    /// answered later through a ``DeferredResponse`` from any thread. For
    /// handlers that only start work elsewhere and wait for its callback: no
    /// task, no hop to the concurrency pool.
    case deferred(@Sendable (_ request: [UInt8], ServerContext, DeferredResponse) -> Void)
    /// Unary, run as a task on the concurrency pool.
    case unary(@Sendable (_ request: [UInt8], ServerContext) async throws -> [UInt8])
    /// Any streaming kind, run as a task on the concurrency pool.
    case streaming(
      @Sendable (any RawMessageSource, any RawMessageSink, ServerContext) async throws -> Void
    )
  }

  /// The method served.
  public let method: MethodDescriptor
  package let body: Body

  package init(method: MethodDescriptor, body: Body) {
    self.method = method
    self.body = body
  }

  /// A unary method served on the concurrency pool.
  public static func unary<Request: WireMessage, Response: WireMessage>(
    _ method: MethodDescriptor,
    _ handler: @escaping @Sendable (Request, ServerContext) async throws -> Response
  ) -> MethodHandler {
    MethodHandler(
      method: method,
      body: .unary { payload, context in
        let request = try Request(decoding: payload)
        return try await handler(request, context).serializedBytes()
      })
  }

  /// A unary method served synchronously on the event loop.
  ///
  /// - Important: The handler must not block or do I/O; it delays every
  ///   other call on the same loop while it runs.
  public static func inline<Request: WireMessage, Response: WireMessage>(
    _ method: MethodDescriptor,
    _ handler: @escaping @Sendable (Request, ServerContext) throws -> Response
  ) -> MethodHandler {
    MethodHandler(
      method: method,
      body: .inline { payload, context in
        let request = try Request(decoding: payload)
        return try handler(request, context).serializedBytes()
      })
  }

  /// A unary method started on the event loop and answered through a
  /// ``DeferredResponse``, from whatever thread finishes the work.
  ///
  /// The handler must return quickly without blocking, like an inline one;
  /// it completes the response once (a request that fails to decode is
  /// answered for it). A completion after the call has ended is dropped.
  /// There is no task to cancel: a handler that wants to stop early when
  /// the deadline passes reads ``ServerContext/deadline``.
  public static func deferred<Request: WireMessage>(
    _ method: MethodDescriptor,
    _ handler: @escaping @Sendable (Request, ServerContext, DeferredResponse) -> Void
  ) -> MethodHandler {
    MethodHandler(
      method: method,
      body: .deferred { payload, context, response in
        let request: Request
        do {
          request = try Request(decoding: payload)
        } catch {
          response.fail(error)
          return
        }
        handler(request, context, response)
      })
  }

  /// A server-streaming method: one request, any number of responses.
  public static func serverStreaming<Request: WireMessage, Response: WireMessage>(
    _ method: MethodDescriptor,
    _ handler:
      @escaping @Sendable (Request, MessageWriter<Response>, ServerContext) async throws
      -> Void
  ) -> MethodHandler {
    MethodHandler(
      method: method,
      body: .streaming { source, sink, context in
        let request = try await singleRequest(Request.self, from: source)
        try await handler(request, MessageWriter(sink: sink), context)
      })
  }

  /// A client-streaming method: any number of requests, one response.
  public static func clientStreaming<Request: WireMessage, Response: WireMessage>(
    _ method: MethodDescriptor,
    _ handler: @escaping @Sendable (MessageStream<Request>, ServerContext) async throws -> Response
  ) -> MethodHandler {
    MethodHandler(
      method: method,
      body: .streaming { source, sink, context in
        let response = try await handler(MessageStream(source: source), context)
        try await sink.write(response.serializedBytes())
      })
  }

  /// A bidirectional-streaming method.
  public static func bidirectionalStreaming<Request: WireMessage, Response: WireMessage>(
    _ method: MethodDescriptor,
    _ handler:
      @escaping @Sendable (MessageStream<Request>, MessageWriter<Response>, ServerContext)
      async throws -> Void
  ) -> MethodHandler {
    MethodHandler(
      method: method,
      body: .streaming { source, sink, context in
        try await handler(MessageStream(source: source), MessageWriter(sink: sink), context)
      })
  }

  /// Reads exactly one request message; gRPC answers `UNIMPLEMENTED` to a
  /// single-request method that receives zero or several.
  private static func singleRequest<Request: WireMessage>(
    _ type: Request.Type,
    from source: any RawMessageSource
  ) async throws -> Request {
    guard let payload = try await source.next() else {
      throw RPCError(.unimplemented, "expected one request message, received none")
    }
    guard try await source.next() == nil else {
      throw RPCError(.unimplemented, "expected one request message, received several")
    }
    return try Request(decoding: payload)
  }
}

/// A service: a set of methods the server can register together.
/// Generated service protocols conform through an extension.
public protocol RPCService: Sendable {
  /// Every method of the service, bound to this implementation.
  var methodHandlers: [MethodHandler] { get }
}
