import CNGHTTP2

/// The nghttp2 callbacks of server sessions. Each captures nothing: it
/// recovers the connection from the session's user data and forwards to a
/// named method.
extension ServerConnection {
  /// Builds the callback table every server session is created with.
  static func makeCallbacks() -> OpaquePointer {
    var callbacks: OpaquePointer?
    precondition(
      nghttp2_session_callbacks_new(&callbacks) == 0,
      "nghttp2_session_callbacks_new ran out of memory")
    nghttp2_session_callbacks_set_on_begin_headers_callback(callbacks) { _, frame, userData in
      let frame = frame!.pointee
      guard ServerConnection.isRequestHeaders(frame) else { return 0 }
      ServerConnection.connection(userData).beginRequest(streamID: frame.hd.stream_id)
      return 0
    }
    nghttp2_session_callbacks_set_on_header_callback(callbacks) {
      _, frame, name, nameLength, value, valueLength, _, userData in
      let frame = frame!.pointee
      guard ServerConnection.isRequestHeaders(frame) else { return 0 }
      return ServerConnection.connection(userData).receiveHeader(
        streamID: frame.hd.stream_id,
        name: UnsafeBufferPointer(start: name, count: nameLength),
        value: UnsafeBufferPointer(start: value, count: valueLength))
    }
    nghttp2_session_callbacks_set_on_frame_recv_callback(callbacks) { _, frame, userData in
      ServerConnection.connection(userData).receiveFrame(frame!.pointee)
      return 0
    }
    nghttp2_session_callbacks_set_on_data_chunk_recv_callback(callbacks) {
      _, _, streamID, data, length, userData in
      ServerConnection.connection(userData).receiveData(
        streamID: streamID, UnsafeRawBufferPointer(start: data, count: length))
      return 0
    }
    nghttp2_session_callbacks_set_on_frame_send_callback(callbacks) { _, frame, userData in
      ServerConnection.connection(userData).sentFrame(frame!.pointee)
      return 0
    }
    nghttp2_session_callbacks_set_on_stream_close_callback(callbacks) {
      _, streamID, errorCode, userData in
      ServerConnection.connection(userData).streamClosed(streamID: streamID, errorCode: errorCode)
      return 0
    }
    return callbacks!
  }

  /// The data provider every response body is read through.
  static let responseBody = nghttp2_data_provider(
    source: nghttp2_data_source(ptr: nil),
    read_callback: { _, streamID, buffer, length, flags, _, userData in
      ServerConnection.connection(userData).readResponseBody(
        streamID: streamID, into: buffer!, capacity: length, flags: flags!)
    })

  private static func connection(_ userData: UnsafeMutableRawPointer?) -> ServerConnection {
    Unmanaged<ServerConnection>.fromOpaque(userData!).takeUnretainedValue()
  }

  private static func isRequestHeaders(_ frame: nghttp2_frame) -> Bool {
    UInt32(frame.hd.type) == NGHTTP2_HEADERS.rawValue
      && frame.headers.cat == NGHTTP2_HCAT_REQUEST
  }

  /// Routes a received frame to the call it belongs to.
  private func receiveFrame(_ frame: nghttp2_frame) {
    let endsStream = frame.hd.flags & UInt8(NGHTTP2_FLAG_END_STREAM.rawValue) != 0
    switch UInt32(frame.hd.type) {
    case NGHTTP2_HEADERS.rawValue:
      guard let call = call(frame.hd.stream_id) else { return }
      if frame.headers.cat == NGHTTP2_HCAT_REQUEST { requestHeadersComplete(call) }
      if endsStream { requestEnded(call) }
    case NGHTTP2_DATA.rawValue:
      guard endsStream, let call = call(frame.hd.stream_id) else { return }
      requestEnded(call)
    case NGHTTP2_PING.rawValue:
      if frame.hd.flags & UInt8(NGHTTP2_FLAG_ACK.rawValue) != 0 && drainPhase == .noticeSent {
        sendFinalGoaway()
      }
    default:
      break
    }
  }

  /// After trailers left before the client finished sending, resets the
  /// stream with NO_ERROR so the client stops.
  private func sentFrame(_ frame: nghttp2_frame) {
    guard UInt32(frame.hd.type) == NGHTTP2_HEADERS.rawValue,
      frame.hd.flags & UInt8(NGHTTP2_FLAG_END_STREAM.rawValue) != 0,
      let call = call(frame.hd.stream_id), !call.clientFinished
    else { return }
    _ = nghttp2_submit_rst_stream(
      session, UInt8(NGHTTP2_FLAG_NONE.rawValue), call.streamID, UInt32(NGHTTP2_NO_ERROR.rawValue))
  }
}
