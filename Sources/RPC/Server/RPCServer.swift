import Dispatch
import Glibc
import Logging
import Synchronization

/// A gRPC server over HTTP/2: h2c with prior knowledge, or TLS with ALPN
/// `h2` when the configuration names a certificate.
///
/// ```swift
/// let server = RPCServer(configuration: .init(listenAddresses: ["127.0.0.1:50051"]))
/// server.register(MyService())
/// try await server.run()   // until SIGTERM or SIGINT, then drains and returns
/// ```
///
/// Each event-loop thread owns its connections outright; handlers of
/// streaming and `unary` methods run as tasks on the concurrency pool,
/// `inline` ones on the loop. A handler's task is cancelled when its client
/// resets the stream, drops the connection, or lets the deadline pass.
///
/// - Important: A handler that must finish some work even if its caller
///   goes away runs that work in an unstructured `Task { … }` and awaits its
///   `value`: cancelling the handler's task does not cancel that task.
public final class RPCServer: Sendable {
  private enum Lifecycle {
    case idle
    case running(Running)
    case draining(Running)
    case stopped
  }

  private struct Running {
    var core: ServerCore
    var loops: [ServerLoopContext]
    var listeners: [ServerListener]
  }

  /// The configuration the server was created with.
  public let configuration: Configuration
  /// The health statuses `grpc.health.v1.Health` reports.
  public let health = HealthStatusProvider()

  private let routes = Mutex<[String: MethodHandler]>([:])
  private let lifecycle = Mutex(Lifecycle.idle)
  /// Set by ``endGracePeriod()``: a drain stops waiting for calls.
  private let isGraceOver = Atomic<Bool>(false)
  private let ports = Mutex<[Int]>([])
  private let stopWaiters = Mutex<(isStopped: Bool, waiters: [CheckedContinuation<Void, Never>])>(
    (false, []))

  public init(configuration: Configuration) {
    self.configuration = configuration
  }

  /// Registers every method of `service`; call before ``start()``.
  public func register(_ service: any RPCService) {
    register(service.methodHandlers)
  }

  /// Registers methods by their `:path`; a later registration of the same
  /// path replaces the earlier one.
  public func register(_ handlers: [MethodHandler]) {
    routes.withLock { routes in
      for handler in handlers {
        routes[handler.method.path] = handler
      }
    }
  }

  /// The bound port of each listen address, in order; useful with port 0.
  public var listeningPorts: [Int] {
    ports.withLock { $0 }
  }

  /// Binds the listeners and starts the event loops.
  ///
  /// - Throws: ``ServerError`` when an address does not parse or bind, the
  ///   TLS files do not load, or the server was started before.
  public func start() throws {
    try lifecycle.withLock { lifecycle throws(ServerError) in
      guard case .idle = lifecycle else {
        throw ServerError(.badState, "the server was already started")
      }
      lifecycle = .running(try startRunning())
    }
  }

  private func startRunning() throws(ServerError) -> Running {
    let addresses = try configuration.listenAddresses.map { text throws(ServerError) in
      try ListenAddress(parsing: text)
    }
    var tls: TLSContext?
    if let files = configuration.tls {
      do {
        tls = try TLSContext.server(
          certificateChainFile: files.certificateChainFile, privateKeyFile: files.privateKeyFile)
      } catch {
        throw ServerError(.tlsFailed, "\(error)")
      }
    }
    var routes = self.routes.withLock { $0 }
    if configuration.servesHealth {
      for handler in HealthStatusService(provider: health).methodHandlers
      where routes[handler.method.path] == nil {
        routes[handler.method.path] = handler
      }
    }
    let core = ServerCore(configuration: configuration, routes: routes, health: health, tls: tls)

    var fds: [Int32] = []
    do {
      for address in addresses {
        fds.append(try Socket.listen(host: address.host, port: address.port))
      }
    } catch {
      for fd in fds { Socket.close(fd) }
      throw ServerError(.listenFailed, "\(error)")
    }
    var loops: [ServerLoopContext] = []
    do {
      for index in 0..<max(1, configuration.loopCount) {
        loops.append(
          ServerLoopContext(loop: try EventLoop.start(name: "rpc-loop-\(index)"), core: core))
      }
    } catch {
      for context in loops { context.loop.shutdown() }
      for fd in fds { Socket.close(fd) }
      throw ServerError(.loopFailed, "\(error)")
    }
    ports.withLock { ports in ports = fds.map { (try? Socket.localPort($0)) ?? 0 } }
    let listeners = fds.enumerated().map { index, fd in
      ServerListener(fd: fd, home: loops[index % loops.count], loops: loops)
    }
    for listener in listeners { listener.start() }
    configuration.logger.info(
      "RPC server listening",
      [
        "rpc.ports": ports.withLock { $0.map(String.init).joined(separator: ",") },
        "rpc.tls": tls == nil ? "off" : "on", "rpc.loops": String(loops.count),
      ])
    return Running(core: core, loops: loops, listeners: listeners)
  }

  /// Starts the server if needed and serves until SIGTERM or SIGINT arrives
  /// or ``shutdown()`` is called, then drains gracefully and returns.
  ///
  /// - Throws: ``ServerError`` when the server cannot start.
  public func run() async throws {
    // Caught before the server listens, so a stop the moment it does is
    // never lost.
    let stopSignals = StopSignals()
    defer { stopSignals.release() }
    if case .idle = lifecycle.withLock({ $0 }) { try start() }
    let watcher = Task { [self] in
      for await signalNumber in stopSignals.received {
        configuration.logger.info("signal received, draining", ["rpc.signal": String(signalNumber)])
        await shutdown()
        break
      }
    }
    await waitUntilStopped()
    watcher.cancel()
  }

  /// Shuts down gracefully: health turns `NOT_SERVING`, listeners close,
  /// every connection gets GOAWAY, calls in flight get the grace period to
  /// finish, then whatever is left is cancelled and the loops stop.
  /// Returns once everything is closed; safe to call more than once.
  public func shutdown() async {
    let running: Running? = lifecycle.withLock { lifecycle in
      guard case .running(let running) = lifecycle else { return nil }
      lifecycle = .draining(running)
      return running
    }
    guard let running else {
      // Never started: nothing to drain.
      let neverStarted = lifecycle.withLock { lifecycle in
        guard case .idle = lifecycle else { return false }
        lifecycle = .stopped
        return true
      }
      if neverStarted { markStopped() }
      await waitUntilStopped()
      return
    }
    health.enterDraining()
    running.core.isDraining.store(true, ordering: .relaxed)
    for listener in running.listeners { listener.stop() }
    for context in running.loops {
      context.loop.execute { context.startDraining() }
    }
    let grace = ContinuousClock.now.advanced(by: configuration.shutdownGracePeriod)
    while running.core.connectionCount.load(ordering: .relaxed) > 0 && ContinuousClock.now < grace
      && !isGraceOver.load(ordering: .relaxed)
    {
      try? await Task.sleep(for: .milliseconds(10))
    }
    for context in running.loops {
      context.loop.execute { context.closeAll() }
    }
    for context in running.loops {
      context.loop.shutdown()
    }
    lifecycle.withLock { $0 = .stopped }
    configuration.logger.info("RPC server stopped")
    markStopped()
  }

  /// Ends the grace period of the drain under way (or of the next one) now:
  /// calls still running are cancelled and their connections closed, as
  /// when the period runs out.
  public func endGracePeriod() {
    isGraceOver.store(true, ordering: .relaxed)
  }

  /// Wakes everyone waiting for the server to stop.
  private func markStopped() {
    let waiters = stopWaiters.withLock { state in
      state.isStopped = true
      defer { state.waiters = [] }
      return state.waiters
    }
    for waiter in waiters { waiter.resume() }
  }

  private func waitUntilStopped() async {
    await withCheckedContinuation { continuation in
      let isStopped = stopWaiters.withLock { state in
        if !state.isStopped { state.waiters.append(continuation) }
        return state.isStopped
      }
      if isStopped { continuation.resume() }
    }
  }
}
