import Synchronization

/// What a handler knows about the call it serves.
public struct ServerContext: Sendable {
  /// The method being called.
  public let method: MethodDescriptor
  /// The custom metadata the client sent with its request headers.
  public let requestMetadata: Metadata
  /// When the call must be finished, from the client's `grpc-timeout`;
  /// `nil` when the client set no deadline. The handler's task is cancelled
  /// when it passes.
  public let deadline: ContinuousClock.Instant?
  /// The peer's address, `host:port`, for logs.
  public let peer: String
  /// Metadata the handler wants sent back, in headers or trailers.
  public let response: ResponseMetadata
  /// The server serving the call, asked whether it is shutting down.
  private let server: ServerCore?

  /// True once the server has begun shutting down. A handler that streams
  /// for as long as the client listens (a follow, a watch) should end its
  /// call soon after, rather than hold the drain up for its whole grace
  /// period.
  public var isServerDraining: Bool {
    server?.isDraining.load(ordering: .relaxed) ?? false
  }

  package init(
    method: MethodDescriptor,
    requestMetadata: Metadata,
    deadline: ContinuousClock.Instant?,
    peer: String,
    response: ResponseMetadata = ResponseMetadata()
  ) {
    self.init(
      method: method, requestMetadata: requestMetadata, deadline: deadline, peer: peer,
      response: response, server: nil)
  }

  init(
    method: MethodDescriptor,
    requestMetadata: Metadata,
    deadline: ContinuousClock.Instant?,
    peer: String,
    response: ResponseMetadata = ResponseMetadata(),
    server: ServerCore?
  ) {
    self.method = method
    self.requestMetadata = requestMetadata
    self.deadline = deadline
    self.peer = peer
    self.response = response
    self.server = server
  }
}

/// Metadata a handler adds to its response.
///
/// A reference type because the handler sets it while the transport reads
/// it when the headers and trailers go out. Guarded by a mutex: handlers may
/// run on any thread.
public final class ResponseMetadata: Sendable {
  private let state = Mutex<(initial: Metadata, trailing: Metadata)>((Metadata(), Metadata()))

  public init() {}

  /// Adds an entry to the response headers; ignored once they have been sent.
  public func addInitial(_ name: String, _ value: String) {
    state.withLock { $0.initial.add(name, value) }
  }

  /// Adds an entry to the trailers sent with the final status.
  public func addTrailing(_ name: String, _ value: String) {
    state.withLock { $0.trailing.add(name, value) }
  }

  /// Adds a binary entry (name ending in `-bin`) to the trailers.
  public func addTrailing(_ name: String, binary value: [UInt8]) {
    state.withLock { $0.trailing.add(name, binary: value) }
  }

  /// The headers metadata set so far.
  public var initial: Metadata { state.withLock { $0.initial } }

  /// The trailers metadata set so far.
  public var trailing: Metadata { state.withLock { $0.trailing } }
}
