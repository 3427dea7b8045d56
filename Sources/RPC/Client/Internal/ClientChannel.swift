import CNGHTTP2
import Synchronization

/// Where an ``RPCClient`` connects: host, port and the names it presents.
struct ClientTarget: Sendable {
  /// The host as configured: a name, an IPv4 address or an IPv6 address
  /// without brackets.
  var host: String
  var port: Int
  /// The host when it is a numeric address, which needs no resolution.
  var numericHost: String?
  /// `host:port` (`[v6]:port`), used in messages.
  var address: String
  /// What `:authority` carries: the address, or the TLS name override.
  var authority: String
  /// The name checked against the server's certificate and sent as SNI.
  var serverName: String
}

/// The client's connection to its target: starts calls on the current
/// connection, queues them while one is being opened, opens a new one
/// after the server went away, and retries calls the server refused
/// before processing them.
///
/// Its methods not marked thread-safe run on `loop`, which owns all of its
/// state; it is `@unchecked Sendable` so that tasks can hop onto the loop.
final class ClientChannel: @unchecked Sendable {
  /// The loop every connection of this channel runs on.
  let loop: EventLoop
  private let target: ClientTarget
  private let tlsContext: TLSContext?
  private let connectTimeout: Duration
  private let settings: HTTP2ClientSession.Settings

  /// The connection new calls go to: opening or ready.
  private var current: ClientConnection?
  /// Connections the server is draining; they close once their calls end.
  private var draining: [ObjectIdentifier: ClientConnection] = [:]
  /// Calls waiting for `current` to become ready.
  private var waiting: [ClientStream] = []
  /// Calls submitted from other threads, not yet taken by the loop.
  private let submissions = Mutex<[ClientStream]>([])
  /// The batch the loop is starting; kept to reuse its storage.
  private var submittedBatch: [ClientStream] = []
  private var isShutDown = false

  init(
    loop: EventLoop,
    target: ClientTarget,
    tlsContext: TLSContext?,
    connectTimeout: Duration,
    settings: HTTP2ClientSession.Settings
  ) {
    self.loop = loop
    self.target = target
    self.tlsContext = tlsContext
    self.connectTimeout = connectTimeout
    self.settings = settings
  }

  // MARK: Thread-safe entry points

  /// Starts a call soon. Thread-safe.
  ///
  /// Calls submitted from many tasks collect in one list that a single
  /// loop task takes over, so a burst costs one loop wake-up and one task.
  func submit(_ stream: ClientStream) {
    let isFirst = submissions.withLock { streams in
      streams.append(stream)
      return streams.count == 1
    }
    if isFirst {
      loop.execute { [self] in startSubmitted() }
    }
  }

  /// Loop: starts every call submitted since the last turn.
  private func startSubmitted() {
    submissions.withLock { swap(&$0, &submittedBatch) }
    for stream in submittedBatch {
      start(stream)
    }
    submittedBatch.removeAll(keepingCapacity: true)
  }

  /// Ends a call with `error` and resets its stream. Thread-safe.
  func cancel(_ stream: ClientStream, with error: RPCError) {
    loop.execute {
      // A cancellation can overtake the submission it cancels; the
      // stream's continuation is only safe to touch once it is here.
      if stream.hasReachedLoop {
        stream.fail(error)
      } else {
        stream.pendingCancellation = error
      }
    }
  }

  /// Queues a request message of a streaming call. Thread-safe.
  func write(
    _ framed: [UInt8], on stream: ClientStream, writer: CheckedContinuation<Void, any Error>
  ) {
    loop.execute { stream.enqueueRequestMessage(framed, writer: writer) }
  }

  /// Ends the request side of a streaming call. Thread-safe.
  func finishRequest(of stream: ClientStream) {
    loop.execute { stream.finishRequest() }
  }

  /// Credits response bytes the caller has caught up with. Thread-safe.
  func releaseCredit(of stream: ClientStream) {
    loop.execute { stream.releaseWithheldCredit() }
  }

  /// Closes every connection and fails every call. Thread-safe.
  func shutdown() {
    loop.execute { [self] in
      isShutDown = true
      let error = RPCError(.unavailable, "the client was closed")
      failWaiting(with: error)
      current?.close(failing: error)
      for connection in Array(draining.values) {
        connection.close(failing: error)
      }
    }
  }

  // MARK: Loop

  /// Loop: starts `stream` on a ready connection or queues it.
  private func start(_ stream: ClientStream) {
    stream.hasReachedLoop = true
    if let error = stream.pendingCancellation {
      stream.pendingCancellation = nil
      stream.fail(error)
    }
    guard !stream.isCompleted else { return }
    guard !isShutDown else {
      stream.fail(RPCError(.unavailable, "the client was closed"))
      return
    }
    if stream.deadlineTimer == nil, let deadline = stream.deadline {
      let remaining = deadline - ContinuousClock.now
      guard remaining > .zero else {
        stream.fail(RPCError(.deadlineExceeded, "the deadline passed before the call started"))
        return
      }
      stream.deadlineTimer = loop.schedule(after: remaining) { [stream] in
        stream.fail(RPCError(.deadlineExceeded, "the deadline passed"))
      }
    }

    if let current, current.isReady {
      current.start(stream)
      return
    }
    waiting.append(stream)
    if current == nil { openConnection() }
  }

  private func openConnection() {
    do {
      let connection = try ClientConnection(
        loop: loop, channel: self, target: target, tlsContext: tlsContext, settings: settings)
      current = connection
      connection.open(timeout: connectTimeout)
    } catch {
      failWaiting(with: RPCError(.unavailable, "could not create a connection: \(error)"))
    }
  }

  private func failWaiting(with error: RPCError) {
    let streams = waiting
    waiting.removeAll()
    for stream in streams {
      stream.fail(error)
    }
  }

  /// Loop: `connection` finished its handshake; queued calls start on it.
  func connectionDidBecomeReady(_ connection: ClientConnection) {
    guard connection === current else { return }
    let streams = waiting
    waiting.removeAll()
    for stream in streams where !stream.isCompleted {
      connection.start(stream)
    }
  }

  /// Loop: the server sent GOAWAY; new calls go to a new connection.
  func connectionIsDraining(_ connection: ClientConnection) {
    guard connection === current else { return }
    current = nil
    draining[ObjectIdentifier(connection)] = connection
    if !waiting.isEmpty { openConnection() }
  }

  /// Loop: `connection` closed. When it was the one being opened, the
  /// calls waiting for it fail with the connection's error.
  func connectionDidClose(_ connection: ClientConnection, error: RPCError) {
    draining[ObjectIdentifier(connection)] = nil
    guard connection === current else { return }
    current = nil
    failWaiting(with: error)
  }

  /// Loop: a stream left its session; refused ones are sent again after a
  /// pause that grows with each attempt.
  func streamDidLeave(_ stream: ClientStream) {
    guard stream.needsRetry else { return }
    stream.prepareForRetry()
    loop.schedule(after: .milliseconds(5 * stream.attempts)) { [self] in start(stream) }
  }
}
