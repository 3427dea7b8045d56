import CNGHTTP2
import Glibc
import Logging

/// One accepted HTTP/2 connection: its socket, its nghttp2 server session
/// and its calls, all owned by one loop thread.
///
/// Bytes read from the socket go straight into nghttp2; nghttp2's callbacks
/// (see `ServerConnection+Callbacks.swift`) turn frames into calls; whatever
/// nghttp2 wants to send is drained into one output buffer and written with
/// one system call per turn of the loop.
///
/// `@unchecked Sendable`: every property is touched only on the loop
/// thread; other threads hold a reference only to hand work back to the loop
/// through `EventLoop.execute`.
final class ServerConnection: EventLoopHandler, @unchecked Sendable {
  /// How far a graceful close has got.
  enum DrainPhase {
    case serving
    /// GOAWAY with the maximum stream id and a PING went out.
    case noticeSent
    /// The final GOAWAY went out; the connection closes once its calls end.
    case goawaySent
  }

  /// Bytes of framed response a streaming writer may queue before it waits.
  static let writeHighWater = 64 * 1024

  let fd: Int32
  /// The loop's state; strong, because an `unowned` reference costs an
  /// atomic check on every use. The loop drops the connection on close.
  let context: ServerLoopContext
  let loop: EventLoop
  let core: ServerCore
  let peer: String

  private(set) var session: OpaquePointer?
  private(set) var calls: [Int32: ServerCall] = [:]
  /// The call looked up last: nghttp2 reports a request's frames one after
  /// another, so most lookups hit it without hashing.
  private var recentCall: ServerCall?
  var drainPhase = DrainPhase.serving
  private var transport: ConnectionTransport
  private var output: [UInt8] = []
  private var outputOffset = 0
  private var isWatchingWritable = false
  private var isFlushScheduled = false
  private var isReading = false
  private var isClosed = false
  var closeRequested = false
  private var lastActivity: UInt64
  private var drainTimer: ScheduledTask?
  /// Text metadata values seen lately on this connection: a client sends
  /// the same `authorization` with every call.
  var recentMetadataValues = RecentTexts<Void>(capacity: 4)
  private var completions: DeferredCompletions?

  init(fd: Int32, context: ServerLoopContext) {
    self.fd = fd
    self.context = context
    self.loop = context.loop
    self.core = context.core
    self.peer = Socket.peerName(fd)
    self.lastActivity = EventLoop.now()
    self.transport = .plain
  }

  /// Creates the session, queues the server's SETTINGS and starts reading.
  ///
  /// - Throws: ``SocketError`` when the socket cannot be registered, or the
  ///   TLS error when a TLS session cannot be created.
  func open() throws {
    if let tls = core.tls {
      transport = .tls(try TLSConnection(context: tls, fd: fd, serverName: nil), handshaken: false)
    }
    Socket.setNoDelay(fd)
    var session: OpaquePointer?
    let result = nghttp2_session_server_new2(
      &session, core.callbacks, Unmanaged.passUnretained(self).toOpaque(), core.options)
    precondition(result == 0, "nghttp2_session_server_new2 failed: \(result)")
    self.session = session
    let configuration = core.configuration
    var settings = [
      nghttp2_settings_entry(
        settings_id: Int32(NGHTTP2_SETTINGS_MAX_CONCURRENT_STREAMS.rawValue),
        value: UInt32(clamping: configuration.maxConcurrentStreams)),
      nghttp2_settings_entry(
        settings_id: Int32(NGHTTP2_SETTINGS_INITIAL_WINDOW_SIZE.rawValue),
        value: UInt32(Self.streamWindow)),
      nghttp2_settings_entry(
        settings_id: Int32(NGHTTP2_SETTINGS_MAX_HEADER_LIST_SIZE.rawValue),
        value: UInt32(clamping: configuration.maxHeaderListSize)),
    ]
    _ = nghttp2_submit_settings(
      session, UInt8(NGHTTP2_FLAG_NONE.rawValue), &settings, settings.count)
    _ = nghttp2_session_set_local_window_size(
      session, UInt8(NGHTTP2_FLAG_NONE.rawValue), 0, Int32(Self.connectionWindow))
    try loop.register(fd, interest: .read, handler: self)
    if case .plain = transport { flush() }
  }

  /// Output gathered before it is written.
  static let outputBatchLimit = 1 << 20
  /// The per-stream receive window advertised in SETTINGS.
  static let streamWindow = 1 << 20
  /// The receive window of the whole connection.
  static let connectionWindow = 8 << 20

  // MARK: Socket events

  func handleReadable() {
    guard !isClosed else { return }
    if case .tls(let tls, false) = transport {
      continueHandshake(tls)
      return
    }
    isReading = true
    var reads = 0
    readLoop: while !isClosed && !closeRequested && reads < 16 {
      reads += 1
      let buffer = context.readBuffer
      let outcome: SocketReadResult
      do {
        outcome = try transport.read(fd, into: buffer)
      } catch {
        core.logger.debug("connection read failed", ["rpc.peer": peer, "error": "\(error)"])
        isReading = false
        close()
        return
      }
      switch outcome {
      case .bytes(let count):
        receive(UnsafeRawBufferPointer(rebasing: buffer[0..<count]))
        // A short plain read emptied the socket; TLS may still hold
        // decrypted records that no readiness event would announce.
        if count < buffer.count, case .plain = transport { break readLoop }
      case .endOfFile:
        isReading = false
        close()
        return
      case .wouldBlock:
        break readLoop
      }
    }
    isReading = false
    flush()
  }

  func handleWritable() {
    guard !isClosed else { return }
    if case .tls(let tls, false) = transport {
      continueHandshake(tls)
      return
    }
    flush()
  }

  func handleHangup() {
    close()
  }

  private func continueHandshake(_ tls: TLSConnection) {
    do {
      switch try tls.handshake() {
      case .complete:
        guard tls.negotiatedALPN == "h2" else {
          core.logger.debug("TLS client did not negotiate h2", ["rpc.peer": peer])
          close()
          return
        }
        transport = .tls(tls, handshaken: true)
        watchWritable(false)
        flush()
        // The client's first frames may have arrived with its last
        // handshake message and now wait inside the TLS session.
        handleReadable()
      case .wantRead:
        watchWritable(false)
      case .wantWrite:
        watchWritable(true)
      }
    } catch {
      core.logger.debug("TLS handshake failed", ["rpc.peer": peer, "error": "\(error)"])
      close()
    }
  }

  /// Feeds received bytes to nghttp2, which calls back for every frame.
  private func receive(_ bytes: UnsafeRawBufferPointer) {
    guard let session else { return }
    let result = nghttp2_session_mem_recv(
      session, bytes.baseAddress!.assumingMemoryBound(to: UInt8.self), bytes.count)
    if result < 0 {
      core.logger.debug(
        "closing a connection that broke the HTTP/2 protocol",
        ["rpc.peer": peer, "h2.error": String(cString: nghttp2_strerror(Int32(result)))])
      if !isFatal(result) || result == Int(NGHTTP2_ERR_BAD_CLIENT_MAGIC.rawValue) {
        _ = nghttp2_session_terminate_session(session, UInt32(NGHTTP2_PROTOCOL_ERROR.rawValue))
      }
      closeRequested = true
    }
  }

  private func isFatal(_ code: Int) -> Bool {
    nghttp2_is_fatal(Int32(truncatingIfNeeded: code)) != 0
  }

  // MARK: Output

  /// Writes what nghttp2 has to send after the current batch of loop tasks,
  /// so many calls finishing together share one write.
  func flushSoon() {
    guard !isReading, !isFlushScheduled, !isClosed else { return }
    isFlushScheduled = true
    loop.execute { [self] in
      isFlushScheduled = false
      flush()
    }
  }

  /// Drains nghttp2 into the output buffer, writes it, and closes the
  /// connection once neither side has anything left to say.
  func flush() {
    guard !isClosed, let session else { return }
    if case .tls(_, false) = transport { return }
    // Batches of at most 1 MiB: write one, then ask nghttp2 for more until
    // it has nothing left or the socket is full.
    guard writeOutput() else { return }
    var hasMore = true
    while hasMore && !isWatchingWritable {
      hasMore = false
      while output.count - outputOffset < Self.outputBatchLimit {
        var chunk: UnsafePointer<UInt8>?
        let count = nghttp2_session_mem_send(session, &chunk)
        if count < 0 {
          closeRequested = true
          break
        }
        guard count > 0, let chunk else { break }
        output.append(contentsOf: UnsafeBufferPointer(start: chunk, count: count))
        hasMore = output.count - outputOffset >= Self.outputBatchLimit
      }
      guard writeOutput() else { return }
    }
    let isDone =
      nghttp2_session_want_read(session) == 0 && nghttp2_session_want_write(session) == 0
    if (closeRequested || isDone) && outputOffset == output.count {
      close()
    }
  }

  /// Writes the output buffer; false when the connection failed and closed.
  private func writeOutput() -> Bool {
    while outputOffset < output.count {
      let written: Int
      do {
        written = try output.withUnsafeBytes { bytes in
          try transport.write(fd, UnsafeRawBufferPointer(rebasing: bytes[outputOffset...]))
        }
      } catch {
        core.logger.debug("connection write failed", ["rpc.peer": peer, "error": "\(error)"])
        close()
        return false
      }
      if written == 0 {
        watchWritable(true)
        return true
      }
      outputOffset += written
    }
    if output.capacity > 1 << 20 {
      output = []
    } else {
      output.removeAll(keepingCapacity: true)
    }
    outputOffset = 0
    watchWritable(false)
    return true
  }

  private func watchWritable(_ watch: Bool) {
    guard watch != isWatchingWritable else { return }
    isWatchingWritable = watch
    loop.update(fd, interest: watch ? [.read, .write] : .read)
  }

  // MARK: Calls

  /// The open call on `streamID`, if any.
  func call(_ streamID: Int32) -> ServerCall? {
    if let recentCall, recentCall.streamID == streamID { return recentCall }
    let call = calls[streamID]
    if call != nil { recentCall = call }
    return call
  }

  func addCall(_ call: ServerCall) {
    calls[call.streamID] = call
    recentCall = call
  }

  func removeCall(_ streamID: Int32) -> ServerCall? {
    if recentCall?.streamID == streamID { recentCall = nil }
    return calls.removeValue(forKey: streamID)
  }

  // MARK: Lifetime

  /// True when no call is open and none has been for `limit` nanoseconds.
  func isIdle(now: UInt64, limit: UInt64) -> Bool {
    calls.isEmpty && now &- lastActivity > limit
  }

  /// Notes that a call ended, for the idle timeout.
  func noteActivity() {
    lastActivity = EventLoop.now()
  }

  /// Closes an idle connection politely with GOAWAY.
  func closeIdle() {
    guard let session, drainPhase != .goawaySent else { return }
    _ = nghttp2_submit_goaway(
      session, UInt8(NGHTTP2_FLAG_NONE.rawValue), nghttp2_session_get_last_proc_stream_id(session),
      UInt32(NGHTTP2_NO_ERROR.rawValue), nil, 0)
    drainPhase = .goawaySent
    flush()
  }

  /// Starts a graceful close: GOAWAY with the highest stream id and a PING;
  /// the PING's answer (or a second) brings the final GOAWAY.
  func startDraining() {
    guard let session, drainPhase == .serving else { return }
    _ = nghttp2_submit_shutdown_notice(session)
    _ = nghttp2_submit_ping(session, UInt8(NGHTTP2_FLAG_NONE.rawValue), nil)
    drainPhase = .noticeSent
    drainTimer = loop.schedule(after: .seconds(1)) { [weak self] in
      self?.sendFinalGoaway()
    }
    flush()
  }

  /// Sends the GOAWAY naming the last stream this connection will serve.
  func sendFinalGoaway() {
    guard let session, drainPhase == .noticeSent else { return }
    drainTimer?.cancel()
    drainTimer = nil
    _ = nghttp2_submit_goaway(
      session, UInt8(NGHTTP2_FLAG_NONE.rawValue), nghttp2_session_get_last_proc_stream_id(session),
      UInt32(NGHTTP2_NO_ERROR.rawValue), nil, 0)
    drainPhase = .goawaySent
    flushSoon()
  }

  /// Where this connection's deferred calls are answered from other
  /// threads; made with the first such call.
  var deferredCompletions: DeferredCompletions {
    if let completions { return completions }
    let made = DeferredCompletions(connection: self)
    completions = made
    return made
  }

  /// Closes the socket now and cancels every call still open.
  func close() {
    guard !isClosed else { return }
    withExtendedLifetime(self) {
      isClosed = true
      completions?.detach()
      drainTimer?.cancel()
      loop.deregister(fd)
      transport.shutdown()
      Socket.close(fd)
      let open = calls.values
      calls.removeAll()
      recentCall = nil
      for call in open {
        abandon(call, RPCError(.cancelled, "the connection closed"))
      }
      if let session {
        nghttp2_session_del(session)
        self.session = nil
      }
      context.remove(self)
      core.connectionCount.subtract(1, ordering: .relaxed)
    }
  }
}

/// The byte stream under the HTTP/2 session: the socket itself, or TLS over it.
enum ConnectionTransport {
  case plain
  case tls(TLSConnection, handshaken: Bool)

  func read(_ fd: Int32, into buffer: UnsafeMutableRawBufferPointer) throws -> SocketReadResult {
    switch self {
    case .plain:
      return try Socket.read(fd, into: buffer)
    case .tls(let tls, _):
      switch try tls.read(into: buffer) {
      case .transferred(0): return .endOfFile
      case .transferred(let count): return .bytes(count)
      case .wantRead, .wantWrite: return .wouldBlock
      }
    }
  }

  /// Bytes written, 0 when the socket is full.
  func write(_ fd: Int32, _ bytes: UnsafeRawBufferPointer) throws -> Int {
    switch self {
    case .plain:
      return try Socket.write(fd, bytes)
    case .tls(let tls, _):
      switch try tls.write(bytes) {
      case .transferred(let count): return count
      case .wantRead, .wantWrite: return 0
      }
    }
  }

  func shutdown() {
    if case .tls(let tls, true) = self { tls.shutdown() }
  }
}
