import Wire

/// Options for one client call.
public struct CallOptions: Sendable {
  /// Custom metadata sent with the request headers.
  public var metadata: Metadata
  /// How long the call may take; sent as `grpc-timeout`.
  public var timeout: Duration?
  /// Called once with the server's header and trailer metadata when the
  /// call ends OK (a failed call carries its trailers in ``RPCError/metadata``).
  public var onResponseMetadata: (@Sendable (ReceivedMetadata) -> Void)?

  public init(
    metadata: Metadata = Metadata(),
    timeout: Duration? = nil,
    onResponseMetadata: (@Sendable (ReceivedMetadata) -> Void)? = nil
  ) {
    self.metadata = metadata
    self.timeout = timeout
    self.onResponseMetadata = onResponseMetadata
  }
}

/// The metadata a server sent with a successful call.
public struct ReceivedMetadata: Sendable, Hashable {
  /// Sent with the response headers, before any message.
  public var initial: Metadata
  /// Sent with the trailers, after the last message.
  public var trailing: Metadata

  public init(initial: Metadata = Metadata(), trailing: Metadata = Metadata()) {
    self.initial = initial
    self.trailing = trailing
  }
}

/// What generated client stubs call to run a method on a server. The
/// transport's HTTP/2 client conforms; tests may substitute their own.
///
/// Every method throws ``RPCError`` when the call ends with a status other
/// than OK, including `UNAVAILABLE` when the server cannot be reached and
/// `DEADLINE_EXCEEDED` when the timeout passes.
public protocol RPCClientProtocol: Sendable {
  /// One request, one response.
  func unary<Request: WireMessage, Response: WireMessage>(
    _ method: MethodDescriptor,
    request: Request,
    options: CallOptions
  ) async throws -> Response

  /// One request; `responses` reads the stream of responses and its result
  /// is returned once the call has ended with OK.
  func serverStreaming<Request: WireMessage, Response: WireMessage, Result: Sendable>(
    _ method: MethodDescriptor,
    request: Request,
    options: CallOptions,
    responses: @escaping @Sendable (MessageStream<Response>) async throws -> Result
  ) async throws -> Result

  /// `requests` writes the request stream, which ends when it returns.
  func clientStreaming<Request: WireMessage, Response: WireMessage>(
    _ method: MethodDescriptor,
    options: CallOptions,
    requests: @escaping @Sendable (MessageWriter<Request>) async throws -> Void
  ) async throws -> Response

  /// `requests` and `responses` run concurrently; the request side ends
  /// when `requests` returns.
  func bidirectionalStreaming<Request: WireMessage, Response: WireMessage, Result: Sendable>(
    _ method: MethodDescriptor,
    options: CallOptions,
    requests: @escaping @Sendable (MessageWriter<Request>) async throws -> Void,
    responses: @escaping @Sendable (MessageStream<Response>) async throws -> Result
  ) async throws -> Result
}
