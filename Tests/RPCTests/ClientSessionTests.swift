import CNGHTTP2
import Testing

@testable import RPC

/// A minimal nghttp2 server session in memory: it records request streams
/// and answers each one when the test says so, with headers, one message
/// and OK trailers. Paired with ``HTTP2ClientSession`` by copying bytes,
/// no sockets involved.
private final class InMemoryServer {
  private var session: OpaquePointer?
  /// Streams whose request has fully arrived, not yet answered.
  private(set) var completeRequests: [Int32] = []
  /// The `:path` of every request seen, by stream id.
  private(set) var paths: [Int32: String] = [:]
  /// Response bodies still being sent, by stream id.
  private var bodies: [Int32: [UInt8]] = [:]
  /// The most request streams open at once.
  private(set) var mostOpenStreams = 0
  private var openStreams = 0

  init(maxConcurrentStreams: UInt32) {
    var callbacks: OpaquePointer?
    nghttp2_session_callbacks_new(&callbacks)
    defer { nghttp2_session_callbacks_del(callbacks) }
    nghttp2_session_callbacks_set_on_begin_headers_callback(callbacks) { _, _, userData in
      InMemoryServer.owner(userData).streamOpened()
      return 0
    }
    nghttp2_session_callbacks_set_on_header_callback(callbacks) {
      _, frame, name, nameLength, value, valueLength, _, userData in
      let name = String(
        decoding: UnsafeBufferPointer(start: name, count: nameLength), as: UTF8.self)
      if name == ":path" {
        let value = String(
          decoding: UnsafeBufferPointer(start: value, count: valueLength), as: UTF8.self)
        InMemoryServer.owner(userData).paths[frame!.pointee.hd.stream_id] = value
      }
      return 0
    }
    nghttp2_session_callbacks_set_on_frame_recv_callback(callbacks) { _, frame, userData in
      let header = frame!.pointee.hd
      if header.flags & UInt8(NGHTTP2_FLAG_END_STREAM.rawValue) != 0 {
        InMemoryServer.owner(userData).completeRequests.append(header.stream_id)
      }
      return 0
    }
    nghttp2_session_callbacks_set_on_stream_close_callback(callbacks) { _, _, _, userData in
      InMemoryServer.owner(userData).openStreams -= 1
      return 0
    }
    nghttp2_session_server_new(&session, callbacks, Unmanaged.passUnretained(self).toOpaque())
    var settings = [
      nghttp2_settings_entry(
        settings_id: Int32(NGHTTP2_SETTINGS_MAX_CONCURRENT_STREAMS.rawValue),
        value: maxConcurrentStreams)
    ]
    nghttp2_submit_settings(session, UInt8(NGHTTP2_FLAG_NONE.rawValue), &settings, 1)
  }

  deinit {
    nghttp2_session_del(session)
  }

  private static func owner(_ userData: UnsafeMutableRawPointer?) -> InMemoryServer {
    Unmanaged<InMemoryServer>.fromOpaque(userData!).takeUnretainedValue()
  }

  private func streamOpened() {
    openStreams += 1
    mostOpenStreams = max(mostOpenStreams, openStreams)
  }

  func receive(_ bytes: [UInt8]) {
    let result = bytes.withUnsafeBufferPointer {
      nghttp2_session_mem_recv(session, $0.baseAddress, $0.count)
    }
    precondition(result == bytes.count, "server rejected the client's bytes: \(result)")
  }

  func takeOutput() -> [UInt8] {
    var output: [UInt8] = []
    while true {
      var chunk: UnsafePointer<UInt8>?
      let count = nghttp2_session_mem_send(session, &chunk)
      guard count > 0, let chunk else { break }
      output.append(contentsOf: UnsafeBufferPointer(start: chunk, count: count))
    }
    return output
  }

  /// Answers every complete request with `payload` and OK trailers.
  func answerAll(with payload: [UInt8]) {
    let streams = completeRequests
    completeRequests.removeAll()
    for streamID in streams {
      var body: [UInt8] = []
      MessageFraming.append(payload, to: &body)
      bodies[streamID] = body
      var provider = nghttp2_data_provider()
      provider.read_callback = { session, streamID, buffer, length, flags, _, userData in
        let server = InMemoryServer.owner(userData)
        let body = server.bodies.removeValue(forKey: streamID) ?? []
        precondition(body.count <= length)
        body.withUnsafeBufferPointer { buffer!.update(from: $0.baseAddress!, count: body.count) }
        flags!.pointee |= NGHTTP2_DATA_FLAG_EOF.rawValue | NGHTTP2_DATA_FLAG_NO_END_STREAM.rawValue
        server.submitTrailers(session, streamID)
        return body.count
      }
      withFields([(":status", "200"), ("content-type", "application/grpc")]) { fields in
        _ = nghttp2_submit_response(session, streamID, fields.baseAddress, fields.count, &provider)
      }
    }
  }

  private func submitTrailers(_ session: OpaquePointer?, _ streamID: Int32) {
    withFields([("grpc-status", "0")]) { fields in
      _ = nghttp2_submit_trailer(session, streamID, fields.baseAddress, fields.count)
    }
  }

  /// Sends GOAWAY naming `lastStreamID` as the last stream it will process.
  func goAway(lastStreamID: Int32) {
    nghttp2_submit_goaway(
      session, UInt8(NGHTTP2_FLAG_NONE.rawValue), lastStreamID, NGHTTP2_NO_ERROR.rawValue, nil,
      0)
  }

  private func withFields(
    _ pairs: [(String, String)], _ body: (UnsafeBufferPointer<nghttp2_nv>) -> Void
  ) {
    // nghttp2 copies the fields before returning, so copies that live for
    // the call are enough.
    let copies = pairs.flatMap { [Array($0.0.utf8), Array($0.1.utf8)] }.map { bytes in
      let pointer = UnsafeMutablePointer<UInt8>.allocate(capacity: max(bytes.count, 1))
      pointer.initialize(from: bytes, count: bytes.count)
      return (pointer, bytes.count)
    }
    defer { for (pointer, _) in copies { pointer.deallocate() } }
    let fields = stride(from: 0, to: copies.count, by: 2).map { index in
      nghttp2_nv(
        name: copies[index].0, value: copies[index + 1].0, namelen: copies[index].1,
        valuelen: copies[index + 1].1, flags: UInt8(NGHTTP2_NV_FLAG_NONE.rawValue))
    }
    fields.withUnsafeBufferPointer(body)
  }
}

/// Records what the session reports to its owner.
private final class SessionEvents: HTTP2ClientSessionDelegate {
  var goAwayLastStreamID: Int32?
  var removed: [ClientStream] = []
  var hasSettings = false

  func sessionHasOutput() {}
  func sessionReceivedGoAway(lastStreamID: Int32, errorCode: UInt32) {
    goAwayLastStreamID = lastStreamID
  }
  func sessionReceivedSettings() { hasSettings = true }
  func sessionDidRemove(_ stream: ClientStream) { removed.append(stream) }
}

/// Copies bytes both ways until neither side has anything to send.
private func pump(_ client: HTTP2ClientSession, _ server: InMemoryServer) throws {
  for _ in 0..<100 {
    let toServer = try client.takeOutput()
    if !toServer.isEmpty { server.receive(toServer) }
    let toClient = server.takeOutput()
    if !toClient.isEmpty { try toClient.withUnsafeBytes { try client.receive($0) } }
    if toServer.isEmpty && toClient.isEmpty { return }
  }
  Issue.record("the sessions never went quiet")
}

/// A unary call's stream for `/clienttest.Echo/Unary`.
private func unaryStream() -> ClientStream {
  var headers = RequestHeaderBlock()
  headers.append(":method", "POST")
  headers.append(":scheme", "http")
  headers.append(":authority", "test")
  headers.appendPath(of: EchoMethods.unary)
  headers.append("content-type", "application/grpc")
  headers.append("te", "trailers")
  var body: [UInt8] = []
  MessageFraming.append([1, 2, 3], to: &body)
  return ClientStream(
    headerFields: headers, requestBody: body, isRequestComplete: true, deadline: nil,
    maxReceiveMessageSize: 1024, response: .single, onResponseMetadata: nil)
}

@Suite("HTTP/2 client session without sockets")
struct ClientSessionTests {
  @Test("requests beyond the server's stream limit wait in the session, then all complete")
  func respectsConcurrentStreamLimit() throws {
    let server = InMemoryServer(maxConcurrentStreams: 2)
    let client = try HTTP2ClientSession()
    let events = SessionEvents()
    client.delegate = events
    try pump(client, server)
    #expect(events.hasSettings)

    let streams = (0..<5).map { _ in unaryStream() }
    for stream in streams { #expect(client.start(stream)) }
    for _ in 0..<5 {
      try pump(client, server)
      server.answerAll(with: [9])
    }
    try pump(client, server)

    #expect(server.mostOpenStreams == 2)
    #expect(Set(server.paths.values) == ["/clienttest.Echo/Unary"])
    for stream in streams {
      guard case .success = stream.outcome else {
        Issue.record("stream \(stream.streamID) ended with \(String(describing: stream.outcome))")
        continue
      }
    }
    #expect(client.streams.isEmpty)
  }

  @Test("GOAWAY marks the streams the server will not process for a retry")
  func goAwayRefusesLaterStreams() throws {
    let server = InMemoryServer(maxConcurrentStreams: 100)
    let client = try HTTP2ClientSession()
    let events = SessionEvents()
    client.delegate = events
    try pump(client, server)

    let streams = (0..<3).map { _ in unaryStream() }
    for stream in streams { #expect(client.start(stream)) }
    try pump(client, server)
    server.goAway(lastStreamID: streams[0].streamID)
    try pump(client, server)

    #expect(events.goAwayLastStreamID == streams[0].streamID)
    #expect(!client.canStartStreams)
    #expect(streams[0].outcome == nil && !streams[0].needsRetry)
    #expect(streams[1].needsRetry && streams[2].needsRetry)
    #expect(events.removed.count == 2)

    server.answerAll(with: [4])
    try pump(client, server)
    guard case .success = streams[0].outcome else {
      Issue.record(
        "the stream below the GOAWAY did not finish: \(String(describing: streams[0].outcome))")
      return
    }
  }
}
