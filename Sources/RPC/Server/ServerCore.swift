import CNGHTTP2
import Glibc
import Logging
import Synchronization

/// What every connection of a server shares: the frozen routing table, the
/// limits, the health status and the nghttp2 callbacks and options.
///
/// `@unchecked Sendable`: everything is immutable after init except the
/// atomics; the nghttp2 callback and option objects are only read (nghttp2
/// copies them into each new session).
final class ServerCore: @unchecked Sendable {
  let configuration: RPCServer.Configuration
  let routes: [String: MethodHandler]
  let health: HealthStatusProvider
  let logger: Logger
  let callbacks: OpaquePointer
  let options: OpaquePointer
  let tls: TLSContext?
  /// Limits read on every call, copied out of the configuration.
  let maxConcurrentStreams: Int
  let maxHeaderListSize: Int
  let maxReceiveMessageSize: Int
  /// Connections open now, across loops.
  let connectionCount = Atomic<Int>(0)
  /// True once a graceful shutdown began.
  let isDraining = Atomic<Bool>(false)

  init(
    configuration: RPCServer.Configuration, routes: [String: MethodHandler],
    health: HealthStatusProvider, tls: TLSContext?
  ) {
    self.configuration = configuration
    self.routes = routes
    self.health = health
    self.logger = configuration.logger
    self.tls = tls
    self.maxConcurrentStreams = configuration.maxConcurrentStreams
    self.maxHeaderListSize = configuration.maxHeaderListSize
    self.maxReceiveMessageSize = configuration.maxReceiveMessageSize
    self.callbacks = ServerConnection.makeCallbacks()
    var options: OpaquePointer?
    precondition(nghttp2_option_new(&options) == 0, "nghttp2_option_new ran out of memory")
    // Flow control follows what handlers consume, not what arrives.
    nghttp2_option_set_no_auto_window_update(options, 1)
    nghttp2_option_set_max_send_header_block_length(options, 64 * 1024)
    self.options = options!
  }

  deinit {
    nghttp2_session_callbacks_del(callbacks)
    nghttp2_option_del(options)
  }
}

/// The state one loop keeps for the connections it owns.
///
/// `@unchecked Sendable`: touched only on `loop`'s thread; other threads
/// only pass it to `loop.execute`.
final class ServerLoopContext: @unchecked Sendable {
  let loop: EventLoop
  let core: ServerCore
  /// One read buffer per loop: a loop reads one connection at a time.
  let readBuffer: UnsafeMutableRawBufferPointer
  /// Recently requested paths and their handlers.
  let routes: RouteCache
  var connections: [ObjectIdentifier: ServerConnection] = [:]
  var isDraining = false
  private var idleSweep: ScheduledTask?

  init(loop: EventLoop, core: ServerCore) {
    self.loop = loop
    self.core = core
    self.readBuffer = .allocate(byteCount: 64 * 1024, alignment: 16)
    self.routes = RouteCache(routes: core.routes)
  }

  deinit {
    readBuffer.deallocate()
  }

  /// Loop thread: takes ownership of an accepted socket.
  func adopt(fd: Int32) {
    let connection = ServerConnection(fd: fd, context: self)
    do {
      try connection.open()
      connections[ObjectIdentifier(connection)] = connection
      if isDraining { connection.startDraining() }
      startIdleSweepIfNeeded()
    } catch {
      core.logger.debug("could not set a connection up", ["error": "\(error)"])
      connection.close()
    }
  }

  /// Loop thread: forgets a closed connection.
  func remove(_ connection: ServerConnection) {
    connections[ObjectIdentifier(connection)] = nil
  }

  /// Loop thread: sends GOAWAY on every connection and closes each once its
  /// calls are done.
  func startDraining() {
    isDraining = true
    for connection in Array(connections.values) {
      connection.startDraining()
    }
  }

  /// Loop thread: closes every connection now, cancelling its calls.
  func closeAll() {
    for connection in Array(connections.values) {
      connection.close()
    }
    idleSweep?.cancel()
    idleSweep = nil
  }

  private func startIdleSweepIfNeeded() {
    guard idleSweep == nil, let timeout = core.configuration.idleTimeout else { return }
    let period = max(Duration.milliseconds(50), min(timeout / 4, .seconds(5)))
    idleSweep = loop.schedule(after: period) { [weak self] in
      guard let self else { return }
      self.idleSweep = nil
      let limit = UInt64(max(0, timeout.nanoseconds))
      let now = EventLoop.now()
      for connection in Array(self.connections.values)
      where connection.isIdle(now: now, limit: limit) {
        connection.closeIdle()
      }
      if !self.connections.isEmpty { self.startIdleSweepIfNeeded() }
    }
  }
}
