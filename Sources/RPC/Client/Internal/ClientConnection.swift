import CNGHTTP2
import Dispatch

#if canImport(Glibc)
  import Glibc
#endif

/// One HTTP/2 connection to the server: name resolution, a non-blocking
/// connect, the optional TLS handshake, then an nghttp2 session fed from
/// and flushed to the socket.
///
/// Everything happens on the channel's event loop; the class is
/// `@unchecked Sendable` only so loop tasks can capture it.
final class ClientConnection: EventLoopHandler, HTTP2ClientSessionDelegate, @unchecked Sendable {
  private enum State {
    case resolving
    case connecting(fd: Int32)
    case handshaking(fd: Int32, tls: TLSConnection)
    case ready(fd: Int32, transport: ClientTransport)
    case closed
  }

  private static let readBufferSize = 64 << 10

  private let loop: EventLoop
  /// The channel, which owns this connection and outlives it.
  private unowned(unsafe) let channel: ClientChannel
  private let target: ClientTarget
  private let tlsContext: TLSContext?
  private var state = State.resolving
  private var addresses: [String] = []
  private var nextAddress = 0
  private var connectTimer: ScheduledTask?
  private var interest: EventInterest = []
  private var isRegistered = false

  /// The HTTP/2 session; streams start on it once the connection is ready.
  let session: HTTP2ClientSession
  private var output: [UInt8] = []
  private var outputOffset = 0
  private var isFlushScheduled = false
  private let readBuffer: UnsafeMutableRawBufferPointer

  /// Creates a connection; call ``open(timeout:)`` to start it.
  init(
    loop: EventLoop,
    channel: ClientChannel,
    target: ClientTarget,
    tlsContext: TLSContext?,
    settings: HTTP2ClientSession.Settings
  ) throws {
    self.loop = loop
    self.channel = channel
    self.target = target
    self.tlsContext = tlsContext
    session = try HTTP2ClientSession(settings: settings)
    readBuffer = .allocate(byteCount: Self.readBufferSize, alignment: 16)
    session.delegate = self
  }

  deinit {
    readBuffer.deallocate()
  }

  /// True once streams can be started: connected, and the server's
  /// SETTINGS (with its stream limit) received, so the first burst of
  /// calls never exceeds a limit the client has not seen yet.
  var isReady: Bool {
    if case .ready = state { return session.hasReceivedSettings && session.canStartStreams }
    return false
  }

  /// True once closed.
  var isClosed: Bool {
    if case .closed = state { return true }
    return false
  }

  // MARK: Opening

  /// Resolves the target (off the loop for names) and connects, failing
  /// the attempt after `timeout`.
  func open(timeout: Duration) {
    connectTimer = loop.schedule(after: timeout) { [weak self] in
      self?.failToConnect("timed out after \(timeout)")
    }
    if let numeric = target.numericHost {
      addresses = [numeric]
      connectToNextAddress(lastError: nil)
      return
    }
    let host = target.host
    DispatchQueue.global().async { [loop, self] in
      let result = Result { try resolveHost(host) }
      loop.execute { self.didResolve(result) }
    }
  }

  private func didResolve(_ result: Result<[String], any Error>) {
    guard case .resolving = state else { return }
    switch result {
    case .success(let resolved):
      addresses = resolved
      connectToNextAddress(lastError: nil)
    case .failure(let error):
      failToConnect("\(error)")
    }
  }

  /// Tries the next resolved address, or gives up with the last error.
  private func connectToNextAddress(lastError: (any Error)?) {
    guard nextAddress < addresses.count else {
      failToConnect(lastError?.transportReason ?? "no addresses")
      return
    }
    let address = addresses[nextAddress]
    nextAddress += 1
    do {
      let fd = try Socket.connect(host: address, port: target.port)
      Socket.setNoDelay(fd)
      state = .connecting(fd: fd)
      interest = .write
      try loop.register(fd, interest: interest, handler: self)
      isRegistered = true
    } catch {
      closeSocket()
      connectToNextAddress(lastError: error)
    }
  }

  private func connectDidComplete(fd: Int32) {
    do {
      try Socket.connectResult(fd)
    } catch {
      closeSocket()
      connectToNextAddress(lastError: error)
      return
    }
    // A wake-up meant for an earlier socket with the same number (closed
    // after a failed attempt in this same turn) must not pass for success.
    guard Self.isConnected(fd) else { return }

    guard let tlsContext else {
      becomeReady(fd: fd, transport: .plain(fd))
      return
    }
    do {
      let tls = try TLSConnection(context: tlsContext, fd: fd, serverName: target.serverName)
      state = .handshaking(fd: fd, tls: tls)
      continueHandshake()
    } catch {
      failToConnect(error.transportReason)
    }
  }

  private func continueHandshake() {
    guard case .handshaking(let fd, let tls) = state else { return }
    do {
      switch try tls.handshake() {
      case .complete:
        becomeReady(fd: fd, transport: .tls(tls))
      case .wantRead:
        setInterest(.read)
      case .wantWrite:
        setInterest(.write)
      }
    } catch {
      failToConnect(error.transportReason)
    }
  }

  /// The byte stream is up: send the preface and SETTINGS and wait for
  /// the server's SETTINGS before starting calls.
  private func becomeReady(fd: Int32, transport: ClientTransport) {
    state = .ready(fd: fd, transport: transport)
    setInterest(.read)
    flush()
  }

  func sessionReceivedSettings() {
    connectTimer?.cancel()
    connectTimer = nil
    channel.connectionDidBecomeReady(self)
  }

  private func failToConnect(_ reason: String) {
    guard !isClosed, !session.hasReceivedSettings else { return }
    let error = RPCError(.unavailable, "could not connect to \(target.address): \(reason)")
    close(failing: error)
  }

  private var isReadyState: Bool {
    if case .ready = state { return true }
    return false
  }

  // MARK: Streams

  /// Opens `stream` on this connection.
  func start(_ stream: ClientStream) {
    guard session.start(stream) else {
      stream.fail(RPCError(.unavailable, "the connection cannot start new calls"))
      return
    }
  }

  // MARK: Event loop

  func handleReadable() {
    switch state {
    case .handshaking:
      continueHandshake()
    case .ready(_, let transport):
      readAvailable(transport)
    default:
      break
    }
  }

  func handleWritable() {
    switch state {
    case .connecting(let fd):
      connectDidComplete(fd: fd)
    case .handshaking:
      continueHandshake()
    case .ready:
      flush()
    default:
      break
    }
  }

  func handleHangup() {
    switch state {
    case .connecting(let fd):
      connectDidComplete(fd: fd)
    case .handshaking:
      continueHandshake()
    case .ready(_, let transport):
      readAvailable(transport)
      if !isClosed { connectionLost("the connection was closed") }
    default:
      break
    }
  }

  /// Reads until the socket is drained (bounded per wake-up so one busy
  /// connection cannot starve the loop), feeding nghttp2, then flushes.
  private func readAvailable(_ transport: ClientTransport) {
    for _ in 0..<16 {
      let outcome: ClientTransport.Outcome
      do {
        outcome = try transport.read(into: readBuffer)
      } catch {
        connectionLost("the connection failed: \(error.transportReason)")
        return
      }
      switch outcome {
      case .transferred(let count):
        do {
          try session.receive(UnsafeRawBufferPointer(rebasing: readBuffer[0..<count]))
        } catch {
          flush()
          connectionLost("\(error)")
          return
        }
      case .closed:
        connectionLost("the server closed the connection")
        return
      case .wantRead:
        flush()
        return
      case .wantWrite:
        setInterest([.read, .write])
        flush()
        return
      }
    }
    flush()
  }

  // MARK: Output

  func sessionHasOutput() {
    guard !isFlushScheduled, isReadyState else { return }
    isFlushScheduled = true
    loop.execute { [self] in
      isFlushScheduled = false
      flush()
    }
  }

  /// Collects nghttp2's frames and writes as much as the socket takes;
  /// waits for writability for the rest. Closes the connection when the
  /// session has nothing left to do.
  func flush() {
    guard case .ready(_, let transport) = state else { return }
    do {
      let produced = try session.takeOutput()
      if !produced.isEmpty {
        if outputOffset == output.count {
          output = produced
          outputOffset = 0
        } else {
          output.append(contentsOf: produced)
        }
      }
    } catch {
      connectionLost("\(error)")
      return
    }

    while outputOffset < output.count {
      let outcome: ClientTransport.Outcome
      do {
        outcome = try output.withUnsafeBytes { bytes in
          try transport.write(UnsafeRawBufferPointer(rebasing: bytes[outputOffset...]))
        }
      } catch {
        connectionLost("the connection failed: \(error.transportReason)")
        return
      }
      switch outcome {
      case .transferred(let count):
        outputOffset += count
      case .wantWrite, .wantRead, .closed:
        setInterest([.read, .write])
        return
      }
    }
    output.removeAll(keepingCapacity: output.capacity <= 1 << 20)
    outputOffset = 0
    setInterest(.read)

    if !session.isAlive || (session.isGoingAway && session.streams.isEmpty) {
      close(failing: RPCError(.unavailable, "the connection was closed"))
    }
  }

  private func setInterest(_ newInterest: EventInterest) {
    guard newInterest != interest, let fd = socketFD else { return }
    interest = newInterest
    loop.update(fd, interest: newInterest)
  }

  private var socketFD: Int32? {
    switch state {
    case .connecting(let fd), .handshaking(let fd, _), .ready(let fd, _): fd
    case .resolving, .closed: nil
    }
  }

  // MARK: Session events

  func sessionReceivedGoAway(lastStreamID: Int32, errorCode: UInt32) {
    channel.connectionIsDraining(self)
  }

  func sessionDidRemove(_ stream: ClientStream) {
    channel.streamDidLeave(stream)
  }

  // MARK: Closing

  /// The connection broke while ready: in-flight calls fail UNAVAILABLE.
  private func connectionLost(_ reason: String) {
    close(failing: RPCError(.unavailable, "connection to \(target.address) lost: \(reason)"))
  }

  /// Closes the socket and fails whatever is still open with `error`.
  func close(failing error: RPCError) {
    guard !isClosed else { return }
    connectTimer?.cancel()
    connectTimer = nil
    if case .ready(_, .tls(let tls)) = state { tls.shutdown() }
    closeSocket()
    state = .closed
    session.failAllStreams(with: error)
    channel.connectionDidClose(self, error: error)
  }

  private func closeSocket() {
    guard let fd = socketFD else { return }
    if isRegistered {
      loop.deregister(fd)
      isRegistered = false
    }
    Socket.close(fd)
    interest = []
    state = .resolving
  }
}

extension ClientConnection {
  /// True when a non-blocking connect has finished: the socket has a peer.
  fileprivate static func isConnected(_ fd: Int32) -> Bool {
    var storage = sockaddr_storage()
    var length = socklen_t(MemoryLayout<sockaddr_storage>.size)
    return withUnsafeMutablePointer(to: &storage) {
      $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getpeername(fd, $0, &length) == 0 }
    }
  }
}

/// Resolves `host` to numeric addresses with the system resolver, IPv6 and
/// IPv4 in the resolver's order.
private func resolveHost(_ host: String) throws -> [String] {
  var hints = addrinfo()
  hints.ai_socktype = Int32(SOCK_STREAM.rawValue)
  hints.ai_family = AF_UNSPEC
  var list: UnsafeMutablePointer<addrinfo>?
  let status = getaddrinfo(host, nil, &hints, &list)
  guard status == 0, let list else {
    throw ResolutionError(host: host, reason: String(cString: gai_strerror(status)))
  }
  defer { freeaddrinfo(list) }

  var addresses: [String] = []
  var entry: UnsafeMutablePointer<addrinfo>? = list
  while let current = entry {
    var text = [CChar](repeating: 0, count: Int(NI_MAXHOST))
    if getnameinfo(
      current.pointee.ai_addr, current.pointee.ai_addrlen, &text, socklen_t(text.count), nil, 0,
      NI_NUMERICHOST) == 0
    {
      let address = String(
        decoding: text.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
      if !addresses.contains(address) { addresses.append(address) }
    }
    entry = current.pointee.ai_next
  }
  return addresses
}

/// The system resolver could not resolve a host name.
private struct ResolutionError: Error, CustomStringConvertible {
  var host: String
  var reason: String
  var description: String { "could not resolve \(host): \(reason.lowercased())" }
}
