import Synchronization
import Wire

/// A gRPC client over HTTP/2: one connection to one server, multiplexing
/// every call made through it.
///
/// Calls made while the connection is being opened wait for it; calls
/// beyond the server's stream limit wait in nghttp2's queue. When the
/// server goes away (GOAWAY or a dropped connection), calls in flight fail
/// with `UNAVAILABLE` and the next call opens a new connection. Calls the
/// server refused before processing them are sent once more on the new
/// connection.
///
/// The connection runs on its own event-loop thread; calls from any number
/// of tasks are handed to it in batches, so a busy client costs one loop
/// wake-up and one socket write for many calls.
public final class RPCClient: RPCClientProtocol {
  /// The settings the client was created with.
  public let configuration: Configuration
  private let target: ClientTarget
  private let channel: ClientChannel
  private let isClosed = Atomic<Bool>(false)
  /// `:method`, `:scheme` and `:authority`, encoded once.
  private let leadingHeaders: RequestHeaderBlock
  /// `content-type`, `te` and `user-agent`, encoded once.
  private let gRPCHeaders: RequestHeaderBlock

  /// Starts a client; nothing connects until the first call.
  ///
  /// - Throws: ``RPCClientError`` for a malformed target, unusable TLS
  ///   settings, or when the event-loop thread cannot start.
  public init(configuration: Configuration) throws(RPCClientError) {
    self.configuration = configuration
    let tlsContext: TLSContext?
    var serverNameOverride: String?
    switch configuration.security {
    case .plaintext:
      tlsContext = nil
    case .tls(let settings):
      serverNameOverride = settings.serverNameOverride
      do {
        tlsContext = try TLSContext.client(
          verifyPeer: settings.verifiesPeer, caFile: settings.caFile, alpn: ["h2"])
      } catch {
        throw RPCClientError(.tls, "\(error)")
      }
    }
    target = try ClientTarget(
      parsing: configuration.target, serverNameOverride: serverNameOverride)
    var leadingHeaders = RequestHeaderBlock(capacity: 64)
    leadingHeaders.append(":method", "POST")
    leadingHeaders.append(":scheme", tlsContext == nil ? "http" : "https")
    leadingHeaders.append(":authority", target.authority)
    self.leadingHeaders = leadingHeaders
    var gRPCHeaders = RequestHeaderBlock(capacity: 96)
    gRPCHeaders.append("content-type", "application/grpc")
    gRPCHeaders.append("te", "trailers")
    gRPCHeaders.append("user-agent", "outreach-rpc/1.0")
    self.gRPCHeaders = gRPCHeaders

    let loop: EventLoop
    do {
      loop = try EventLoop.start(name: "rpc-client")
    } catch {
      throw RPCClientError(.eventLoop, "could not start the client's event loop: \(error)")
    }
    channel = ClientChannel(
      loop: loop, target: target, tlsContext: tlsContext,
      connectTimeout: configuration.connectTimeout, settings: configuration.http2Settings)
  }

  deinit {
    close()
  }

  /// Closes the connection and stops the client's thread. Calls in flight
  /// and later calls fail with `UNAVAILABLE`. Safe to call more than once.
  public func close() {
    guard !isClosed.exchange(true, ordering: .acquiringAndReleasing) else { return }
    channel.shutdown()
    channel.loop.shutdown()
  }

  // MARK: Calls

  public func unary<Request: WireMessage, Response: WireMessage>(
    _ method: MethodDescriptor,
    request: Request,
    options: CallOptions
  ) async throws -> Response {
    let stream = try makeStream(
      method, options: options, request: request.serializedBytes(), response: .single)
    let channel = channel
    let payload = try await withTaskCancellationHandler {
      try await withUnsafeThrowingContinuation { continuation in
        stream.singleResponseContinuation = continuation
        channel.submit(stream)
      }
    } onCancel: {
      channel.cancel(stream, with: .cancelledByCaller)
    }
    return try Response(decoding: payload)
  }

  public func serverStreaming<Request: WireMessage, Response: WireMessage, Result: Sendable>(
    _ method: MethodDescriptor,
    request: Request,
    options: CallOptions,
    responses: @escaping @Sendable (MessageStream<Response>) async throws -> Result
  ) async throws -> Result {
    let queue = StreamingResponse()
    let stream = try makeStream(
      method, options: options, request: request.serializedBytes(), response: .streaming(queue))
    let call = StreamingCall(stream: stream, queue: queue, channel: channel)
    return try await withTaskCancellationHandler {
      channel.submit(stream)
      return try await call.readResponses(responses)
    } onCancel: {
      call.cancel()
    }
  }

  public func clientStreaming<Request: WireMessage, Response: WireMessage>(
    _ method: MethodDescriptor,
    options: CallOptions,
    requests: @escaping @Sendable (MessageWriter<Request>) async throws -> Void
  ) async throws -> Response {
    let queue = StreamingResponse()
    let stream = try makeStream(method, options: options, request: nil, response: .streaming(queue))
    let call = StreamingCall(stream: stream, queue: queue, channel: channel)
    let payload = try await withTaskCancellationHandler {
      channel.submit(stream)
      try await call.writeRequests(requests)
      return try await call.readSingleResponse()
    } onCancel: {
      call.cancel()
    }
    return try Response(decoding: payload)
  }

  public func bidirectionalStreaming<
    Request: WireMessage, Response: WireMessage, Result: Sendable
  >(
    _ method: MethodDescriptor,
    options: CallOptions,
    requests: @escaping @Sendable (MessageWriter<Request>) async throws -> Void,
    responses: @escaping @Sendable (MessageStream<Response>) async throws -> Result
  ) async throws -> Result {
    let queue = StreamingResponse()
    let stream = try makeStream(method, options: options, request: nil, response: .streaming(queue))
    let call = StreamingCall(stream: stream, queue: queue, channel: channel)
    return try await withTaskCancellationHandler {
      channel.submit(stream)
      return try await withThrowingTaskGroup(of: Void.self) { group in
        group.addTask { try await call.writeRequests(requests) }
        let result: Result
        do {
          result = try await call.readResponses(responses)
        } catch {
          // A failure of the request side explains the call's end better.
          throw call.requestSideError ?? error
        }
        try await group.waitForAll()
        return result
      }
    } onCancel: {
      call.cancel()
    }
  }

  // MARK: Building calls

  /// Builds the stream of one call: headers, framed request, deadline.
  ///
  /// - Parameter request: the serialized request of a single-request call,
  ///   or `nil` when requests are streamed.
  private func makeStream(
    _ method: MethodDescriptor,
    options: CallOptions,
    request: [UInt8]?,
    response: ClientStream.ResponseKind
  ) throws(RPCError) -> ClientStream {
    // A closed client's loop has stopped: nothing would ever answer.
    guard !isClosed.load(ordering: .relaxed) else {
      throw RPCError(.unavailable, "the client was closed")
    }
    let timeout = options.timeout ?? configuration.defaultTimeout
    let headers = try requestHeaders(method, options: options, timeout: timeout)
    var body: [UInt8] = []
    if let request {
      MessageFraming.append(request, to: &body)
    }
    return ClientStream(
      headerFields: headers,
      requestBody: body,
      isRequestComplete: request != nil,
      deadline: timeout.map { ContinuousClock.now + $0 },
      maxReceiveMessageSize: configuration.maxReceiveMessageSize,
      response: response,
      onResponseMetadata: options.onResponseMetadata)
  }

  /// The request HEADERS: pseudo-headers, gRPC headers, then metadata.
  ///
  /// - Throws: ``RPCError`` `INTERNAL` for a metadata name or value that
  ///   cannot be sent.
  private func requestHeaders(
    _ method: MethodDescriptor,
    options: CallOptions,
    timeout: Duration?
  ) throws(RPCError) -> RequestHeaderBlock {
    var headers = RequestHeaderBlock(capacity: 256)
    headers.append(contentsOf: leadingHeaders)
    headers.appendPath(of: method)
    headers.append(contentsOf: gRPCHeaders)
    if let timeout {
      headers.append("grpc-timeout", GRPCTimeout.format(timeout))
    }

    for entry in configuration.defaultMetadata
    where options.metadata.isEmpty || !options.metadata.contains(where: { $0.name == entry.name }) {
      try Self.append(entry, to: &headers)
    }
    for entry in options.metadata {
      try Self.append(entry, to: &headers)
    }
    return headers
  }

  private static func append(
    _ entry: Metadata.Entry, to headers: inout RequestHeaderBlock
  ) throws(RPCError) {
    guard MetadataEncoding.isValidName(entry.name), !MetadataEncoding.isReserved(entry.name) else {
      throw RPCError(.internal, "metadata name \"\(entry.name)\" cannot be sent")
    }
    if case .string(let value) = entry.value {
      guard !entry.name.hasSuffix("-bin") else {
        throw RPCError(.internal, "metadata \"\(entry.name)\" needs a binary value")
      }
      guard value.utf8.allSatisfy({ $0 >= 0x20 && $0 <= 0x7E }) else {
        throw RPCError(.internal, "metadata \"\(entry.name)\" has a non-printable value")
      }
    }
    headers.append(entry.name, MetadataEncoding.headerValue(entry.value))
  }
}

extension RPCError {
  /// The error of a call whose task was cancelled.
  static let cancelledByCaller = RPCError(.cancelled, "the call was cancelled")
}
