import CNGHTTP2

/// What a ``HTTP2ClientSession`` tells the connection that owns it.
protocol HTTP2ClientSessionDelegate: AnyObject {
  /// Frames were queued; the owner should flush soon.
  func sessionHasOutput()
  /// The server sent GOAWAY: streams above `lastStreamID` were refused and
  /// no new stream may start on this session.
  func sessionReceivedGoAway(lastStreamID: Int32, errorCode: UInt32)
  /// The server's first SETTINGS arrived: its stream limit is known.
  func sessionReceivedSettings()
  /// A stream left the session, finished or not.
  func sessionDidRemove(_ stream: ClientStream)
}

/// A failure of the HTTP/2 session itself (not of one stream).
struct HTTP2SessionError: Error, CustomStringConvertible {
  /// nghttp2's error code.
  var code: Int32
  /// What was being done.
  var operation: String

  var description: String {
    "HTTP/2 \(operation) failed: \(String(cString: nghttp2_strerror(code)))"
  }
}

/// One nghttp2 client session: bytes from the server go in through
/// ``receive(_:)``, bytes for the server come out of ``takeOutput()``, and
/// gRPC calls are opened as HTTP/2 streams with ``start(_:)``.
///
/// It never touches a socket, so it can be driven by an event loop or by a
/// test. Callbacks from nghttp2 arrive on the calling thread while it is
/// inside `mem_recv`/`mem_send` and are forwarded to the stream they name.
///
/// - Important: Use from one thread at a time: the connection's loop.
final class HTTP2ClientSession {
  /// Flow-control and stream settings announced to the server.
  struct Settings {
    /// The initial stream window offered to the server, in bytes.
    var streamWindowSize: Int = 1 << 20
    /// The connection window offered to the server, in bytes.
    var connectionWindowSize: Int = 16 << 20
    /// The largest header list accepted from the server, in bytes.
    var maxHeaderListSize: Int = 64 << 10
  }

  /// The owning connection, which outlives the session.
  unowned(unsafe) var delegate: (any HTTP2ClientSessionDelegate)?
  private var session: OpaquePointer?
  /// Open streams by id. Holds each stream until nghttp2 closes it.
  private(set) var streams: [Int32: ClientStream] = [:]
  /// Bytes produced by nghttp2 and not yet taken by the owner.
  private var output: [UInt8] = []
  /// True once the server sent GOAWAY or the session failed.
  private(set) var isGoingAway = false
  /// True once the server's first SETTINGS frame arrived.
  private(set) var hasReceivedSettings = false

  /// Creates a session and queues the client preface and SETTINGS.
  ///
  /// - Throws: ``HTTP2SessionError`` when nghttp2 cannot allocate one.
  init(settings: Settings = Settings()) throws {
    var callbacks: OpaquePointer?
    guard nghttp2_session_callbacks_new(&callbacks) == 0, let callbacks else {
      throw HTTP2SessionError(code: NGHTTP2_ERR_NOMEM.rawValue, operation: "session set-up")
    }
    defer { nghttp2_session_callbacks_del(callbacks) }
    Self.install(callbacks)

    var option: OpaquePointer?
    guard nghttp2_option_new(&option) == 0, let option else {
      throw HTTP2SessionError(code: NGHTTP2_ERR_NOMEM.rawValue, operation: "session set-up")
    }
    defer { nghttp2_option_del(option) }
    // Stream windows are credited as the caller consumes messages.
    nghttp2_option_set_no_auto_window_update(option, 1)
    // Until the server's SETTINGS arrive, assume the limit gRPC servers use.
    nghttp2_option_set_peer_max_concurrent_streams(option, 100)

    var session: OpaquePointer?
    let userData = Unmanaged.passUnretained(self).toOpaque()
    let created = nghttp2_session_client_new2(&session, callbacks, userData, option)
    guard created == 0, let session else {
      throw HTTP2SessionError(code: created, operation: "session set-up")
    }
    self.session = session

    var entries = [
      nghttp2_settings_entry(settings_id: Int32(NGHTTP2_SETTINGS_ENABLE_PUSH.rawValue), value: 0),
      nghttp2_settings_entry(
        settings_id: Int32(NGHTTP2_SETTINGS_INITIAL_WINDOW_SIZE.rawValue),
        value: UInt32(settings.streamWindowSize)),
      nghttp2_settings_entry(
        settings_id: Int32(NGHTTP2_SETTINGS_MAX_HEADER_LIST_SIZE.rawValue),
        value: UInt32(settings.maxHeaderListSize)),
    ]
    var result = nghttp2_submit_settings(
      session, UInt8(NGHTTP2_FLAG_NONE.rawValue), &entries, entries.count)
    guard result == 0 else { throw HTTP2SessionError(code: result, operation: "SETTINGS") }
    result = nghttp2_session_set_local_window_size(
      session, UInt8(NGHTTP2_FLAG_NONE.rawValue), 0, Int32(settings.connectionWindowSize))
    guard result == 0 else { throw HTTP2SessionError(code: result, operation: "WINDOW_UPDATE") }
  }

  deinit {
    nghttp2_session_del(session)
  }

  // MARK: Driving the session

  /// Feeds bytes read from the server.
  ///
  /// - Throws: ``HTTP2SessionError`` when the server broke the protocol;
  ///   the session is then dead and queues a GOAWAY to send.
  func receive(_ bytes: UnsafeRawBufferPointer) throws(HTTP2SessionError) {
    guard let base = bytes.baseAddress, bytes.count > 0 else { return }
    let result = nghttp2_session_mem_recv(
      session, base.assumingMemoryBound(to: UInt8.self), bytes.count)
    if result < 0 {
      isGoingAway = true
      throw HTTP2SessionError(code: Int32(result), operation: "receive")
    }
  }

  /// Serialises every frame nghttp2 has ready and returns the bytes, which
  /// the caller must write in order. Empty when there is nothing to send.
  ///
  /// - Throws: ``HTTP2SessionError`` when the session failed.
  func takeOutput() throws(HTTP2SessionError) -> [UInt8] {
    while true {
      var chunk: UnsafePointer<UInt8>?
      let count = nghttp2_session_mem_send(session, &chunk)
      if count < 0 {
        isGoingAway = true
        throw HTTP2SessionError(code: Int32(count), operation: "send")
      }
      guard count > 0, let chunk else { break }
      output.append(contentsOf: UnsafeBufferPointer(start: chunk, count: count))
    }
    var bytes: [UInt8] = []
    swap(&bytes, &output)
    return bytes
  }

  /// Whether nghttp2 still wants to read or write; false once the session
  /// has finished (after GOAWAY with nothing left in flight, or failure).
  var isAlive: Bool {
    nghttp2_session_want_read(session) != 0 || nghttp2_session_want_write(session) != 0
  }

  /// Whether a new stream may be opened (no GOAWAY either way, ids left).
  var canStartStreams: Bool {
    !isGoingAway && nghttp2_session_check_request_allowed(session) != 0
  }

  // MARK: Streams

  /// Submits the request HEADERS for `stream` and attaches its request body.
  ///
  /// - Returns: false when nghttp2 refused the request (the stream is then
  ///   not part of this session).
  func start(_ stream: ClientStream) -> Bool {
    // nghttp2 hands this pointer back in callbacks; `streams` keeps the
    // stream alive for as long as nghttp2 knows it.
    let streamPointer = Unmanaged.passUnretained(stream).toOpaque()
    var provider = nghttp2_data_provider()
    provider.source.ptr = streamPointer
    provider.read_callback = { _, _, buffer, length, flags, source, _ in
      guard let buffer, let flags, let pointer = source?.pointee.ptr else {
        return Int(NGHTTP2_ERR_CALLBACK_FAILURE.rawValue)
      }
      let stream = Unmanaged<ClientStream>.fromOpaque(pointer).takeUnretainedValue()
      return stream.readRequestBody(into: buffer, capacity: length, flags: flags)
    }

    let streamID = stream.headerFields.withNameValuePairs { fields in
      nghttp2_submit_request(
        session, nil, fields.baseAddress, fields.count, &provider, streamPointer)
    }
    guard streamID > 0 else { return false }
    stream.attach(to: self, streamID: streamID)
    streams[streamID] = stream
    delegate?.sessionHasOutput()
    return true
  }

  /// The stream nghttp2 knows as `streamID`, from its stream user data.
  private func stream(_ streamID: Int32) -> ClientStream? {
    guard let pointer = nghttp2_session_get_stream_user_data(session, streamID) else {
      return nil
    }
    return Unmanaged<ClientStream>.fromOpaque(pointer).takeUnretainedValue()
  }

  /// Tells nghttp2 that `stream` has more request bytes to send.
  func resumeRequestBody(of stream: ClientStream) {
    _ = nghttp2_session_resume_data(session, stream.streamID)
    delegate?.sessionHasOutput()
  }

  /// Resets `stream`, which must be open on this session, with an HTTP/2
  /// error code such as `CANCEL`.
  func reset(_ stream: ClientStream, errorCode: UInt32) {
    _ = nghttp2_submit_rst_stream(
      session, UInt8(NGHTTP2_FLAG_NONE.rawValue), stream.streamID, errorCode)
    delegate?.sessionHasOutput()
  }

  /// Credits `count` received bytes of `stream`, which must be open on this
  /// session, back to the server.
  func creditStream(_ stream: ClientStream, count: Int) {
    guard count > 0 else { return }
    _ = nghttp2_session_consume_stream(session, stream.streamID, count)
    delegate?.sessionHasOutput()
  }

  /// Queues a GOAWAY and stops starting streams; used when closing.
  func terminate(errorCode: UInt32 = NGHTTP2_NO_ERROR.rawValue) {
    isGoingAway = true
    _ = nghttp2_session_terminate_session(session, errorCode)
    delegate?.sessionHasOutput()
  }

  /// Removes every stream, failing the unfinished ones with `error`; used
  /// when the connection is gone.
  func failAllStreams(with error: RPCError) {
    isGoingAway = true
    let remaining = streams
    streams.removeAll()
    for stream in remaining.values.sorted(by: { $0.streamID < $1.streamID }) {
      stream.connectionDidFail(with: error)
      delegate?.sessionDidRemove(stream)
    }
  }

  // MARK: Callbacks

  private static func owner(_ userData: UnsafeMutableRawPointer?) -> HTTP2ClientSession {
    Unmanaged<HTTP2ClientSession>.fromOpaque(userData!).takeUnretainedValue()
  }

  /// Registers the callbacks; each captures nothing and forwards to a method.
  private static func install(_ callbacks: OpaquePointer) {
    nghttp2_session_callbacks_set_on_header_callback(callbacks) {
      _, frame, name, nameLength, value, valueLength, _, userData in
      guard let frame, let name, let value else { return 0 }
      HTTP2ClientSession.owner(userData).receiveHeader(
        frame,
        name: UnsafeBufferPointer(start: name, count: nameLength),
        value: UnsafeBufferPointer(start: value, count: valueLength))
      return 0
    }
    nghttp2_session_callbacks_set_on_data_chunk_recv_callback(callbacks) {
      _, _, streamID, data, length, userData in
      guard let data else { return 0 }
      HTTP2ClientSession.owner(userData).receiveData(
        UnsafeRawBufferPointer(start: data, count: length), streamID)
      return 0
    }
    nghttp2_session_callbacks_set_on_frame_recv_callback(callbacks) { _, frame, userData in
      guard let frame else { return 0 }
      HTTP2ClientSession.owner(userData).receiveFrame(frame)
      return 0
    }
    nghttp2_session_callbacks_set_on_stream_close_callback(callbacks) {
      _, streamID, errorCode, userData in
      HTTP2ClientSession.owner(userData).closeStream(streamID, errorCode: errorCode, notSent: false)
      return 0
    }
    nghttp2_session_callbacks_set_on_frame_not_send_callback(callbacks) {
      _, frame, libraryError, userData in
      guard let frame, frame.pointee.hd.type == UInt8(NGHTTP2_HEADERS.rawValue) else { return 0 }
      // A request that never left: refused because of GOAWAY, or cancelled.
      let code =
        libraryError == NGHTTP2_ERR_START_STREAM_NOT_ALLOWED.rawValue
        ? NGHTTP2_REFUSED_STREAM.rawValue : NGHTTP2_CANCEL.rawValue
      HTTP2ClientSession.owner(userData).closeStream(
        frame.pointee.hd.stream_id, errorCode: code, notSent: true)
      return 0
    }
  }

  private func receiveHeader(
    _ frame: UnsafePointer<nghttp2_frame>,
    name: UnsafeBufferPointer<UInt8>,
    value: UnsafeBufferPointer<UInt8>
  ) {
    let header = frame.pointee.hd
    guard header.type == UInt8(NGHTTP2_HEADERS.rawValue), let stream = stream(header.stream_id)
    else { return }
    stream.receiveHeader(
      name: name, value: value,
      blockEndsStream: header.flags & UInt8(NGHTTP2_FLAG_END_STREAM.rawValue) != 0)
  }

  private func receiveData(_ bytes: UnsafeRawBufferPointer, _ streamID: Int32) {
    // The connection window is credited at once; only streams push back.
    _ = nghttp2_session_consume_connection(session, bytes.count)
    guard let stream = stream(streamID) else { return }
    let credit = stream.receiveData(bytes)
    if credit > 0 {
      _ = nghttp2_session_consume_stream(session, streamID, credit)
    }
  }

  private func receiveFrame(_ frame: UnsafePointer<nghttp2_frame>) {
    let header = frame.pointee.hd
    switch UInt32(header.type) {
    case NGHTTP2_HEADERS.rawValue:
      guard let stream = stream(header.stream_id) else { return }
      stream.receiveHeadersEnd(
        endsStream: header.flags & UInt8(NGHTTP2_FLAG_END_STREAM.rawValue) != 0)
    case NGHTTP2_DATA.rawValue:
      guard header.flags & UInt8(NGHTTP2_FLAG_END_STREAM.rawValue) != 0,
        let stream = stream(header.stream_id)
      else { return }
      stream.receiveEndOfStream()
    case NGHTTP2_SETTINGS.rawValue:
      guard header.flags & UInt8(NGHTTP2_FLAG_ACK.rawValue) == 0, !hasReceivedSettings else {
        return
      }
      hasReceivedSettings = true
      delegate?.sessionReceivedSettings()
    case NGHTTP2_GOAWAY.rawValue:
      isGoingAway = true
      delegate?.sessionReceivedGoAway(
        lastStreamID: frame.pointee.goaway.last_stream_id,
        errorCode: frame.pointee.goaway.error_code)
    default:
      break
    }
  }

  private func closeStream(_ streamID: Int32, errorCode: UInt32, notSent: Bool) {
    guard let stream = streams.removeValue(forKey: streamID) else { return }
    stream.didClose(errorCode: errorCode, wasSent: !notSent)
    delegate?.sessionDidRemove(stream)
  }
}
