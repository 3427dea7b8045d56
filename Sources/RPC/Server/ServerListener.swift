import Glibc

/// A listening socket served by one loop, handing accepted connections to
/// all loops in turn.
///
/// `@unchecked Sendable`: its state is touched only on the home loop's
/// thread; other threads only call ``start()`` and ``stop()``, which hop there.
final class ServerListener: EventLoopHandler, @unchecked Sendable {
  private let fd: Int32
  private let home: ServerLoopContext
  private let loops: [ServerLoopContext]
  private var nextLoop = 0
  private var isOpen = true
  private var isPaused = false

  init(fd: Int32, home: ServerLoopContext, loops: [ServerLoopContext]) {
    self.fd = fd
    self.home = home
    self.loops = loops
  }

  /// Starts accepting on the home loop.
  func start() {
    home.loop.execute { [self] in
      do {
        try home.loop.register(fd, interest: .read, handler: self)
      } catch {
        home.core.logger.error("could not watch a listener", ["error": "\(error)"])
      }
    }
  }

  /// Stops accepting and closes the socket.
  func stop() {
    home.loop.execute { [self] in
      guard isOpen else { return }
      isOpen = false
      if !isPaused { home.loop.deregister(fd) }
      Socket.close(fd)
    }
  }

  func handleReadable() {
    let core = home.core
    for _ in 0..<64 {
      let accepted: Int32?
      do {
        accepted = try Socket.accept(fd)
      } catch {
        // Out of descriptors or memory: stop accepting for a moment rather
        // than spin on a listener that stays readable.
        core.logger.warning("accept failed, pausing", ["error": "\(error)"])
        pause()
        return
      }
      guard let connection = accepted else { return }
      let count = core.connectionCount.add(1, ordering: .relaxed).newValue
      guard count <= core.configuration.maxConnections, !core.isDraining.load(ordering: .relaxed)
      else {
        core.connectionCount.subtract(1, ordering: .relaxed)
        Socket.close(connection)
        continue
      }
      let target = loops[nextLoop]
      nextLoop = (nextLoop + 1) % loops.count
      if target === home {
        target.adopt(fd: connection)
      } else {
        target.loop.execute { target.adopt(fd: connection) }
      }
    }
  }

  func handleWritable() {}

  func handleHangup() {}

  private func pause() {
    guard !isPaused else { return }
    isPaused = true
    home.loop.deregister(fd)
    home.loop.schedule(after: .milliseconds(100)) { [self] in
      isPaused = false
      guard isOpen else { return }
      try? home.loop.register(fd, interest: .read, handler: self)
    }
  }
}
