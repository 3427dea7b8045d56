import CNGHTTP2
import Glibc
import Logging

/// The life of each call on a connection: request headers, routing, request
/// messages, the handler, the response and the close of the stream.
extension ServerConnection {
  // MARK: Request

  func beginRequest(streamID: Int32) {
    guard calls.count < core.maxConcurrentStreams else {
      // A client may open more streams than allowed before it has seen our
      // SETTINGS; RFC 9113 §5.1.2 lets us refuse them so it can retry.
      _ = nghttp2_submit_rst_stream(
        session, UInt8(NGHTTP2_FLAG_NONE.rawValue), streamID,
        UInt32(NGHTTP2_REFUSED_STREAM.rawValue))
      return
    }
    addCall(
      ServerCall(streamID: streamID, maxMessageSize: core.maxReceiveMessageSize))
  }

  /// Records one request header; returns an nghttp2 callback result.
  func receiveHeader(
    streamID: Int32, name: UnsafeBufferPointer<UInt8>, value: UnsafeBufferPointer<UInt8>
  ) -> Int32 {
    guard let call = call(streamID), call.phase == .receivingHeaders else { return 0 }
    call.headerListSize += name.count + value.count + 32
    if call.headerListSize > core.maxHeaderListSize { return 0 }
    if name.first == UInt8(ascii: ":") {
      if HeaderLiteral.path.matches(name) {
        (call.path, call.route) = context.routes.route(for: value)
      } else if HeaderLiteral.method.matches(name) {
        call.isPost = HeaderLiteral.post.matches(value)
        if !call.isPost { call.httpMethod = String(decoding: value, as: UTF8.self) }
      }
      return 0
    }
    if HeaderLiteral.contentType.matches(name) {
      call.contentTypeState = Self.contentTypeState(value)
    } else if HeaderLiteral.grpcTimeout.matches(name) {
      call.timeoutHeader = String(decoding: value, as: UTF8.self)
    } else if !HeaderLiteral.isTransportHeader(name) {
      guard !MetadataEncoding.isReserved(name) else { return 0 }
      let nameText = String(decoding: name, as: UTF8.self)
      guard nameText.hasSuffix("-bin") else {
        // Text metadata is one value as sent: no list to build.
        call.metadata.add(nameText, recentMetadataValues.text(for: value))
        return 0
      }
      let valueText = String(decoding: value, as: UTF8.self)
      guard let values = MetadataEncoding.values(name: nameText, headerValue: valueText) else {
        call.hasMalformedMetadata = true
        return 0
      }
      for value in values {
        switch value {
        case .string(let text): call.metadata.add(nameText, text)
        case .binary(let bytes): call.metadata.add(nameText, binary: bytes)
        }
      }
    }
    return 0
  }

  /// What a `content-type` asks for: `application/grpc`, optionally
  /// followed by `+codec` and `;parameters`. Messages are protobuf, so
  /// `+proto` (in any case) is the only codec served.
  private static func contentTypeState(_ value: UnsafeBufferPointer<UInt8>)
    -> ServerCall.ContentTypeState
  {
    let prefix = HeaderLiteral.grpcContentType
    guard prefix.isPrefix(of: value) else { return .other }
    let rest = value[prefix.count...]
    guard let next = rest.first, next != UInt8(ascii: ";") else { return .grpc }
    guard next == UInt8(ascii: "+") else { return .other }
    let codec = rest.dropFirst().prefix { $0 != UInt8(ascii: ";") }
    let name = String(decoding: codec.prefix(64), as: UTF8.self)
    return name.lowercased() == "proto" ? .grpc : .otherCodec(name)
  }

  /// The request headers are complete: validate, route, and start the
  /// handler of a streaming method.
  func requestHeadersComplete(_ call: ServerCall) {
    guard call.phase == .receivingHeaders else { return }
    call.phase = .active
    if call.headerListSize > core.maxHeaderListSize {
      finish(
        call,
        .init(code: .resourceExhausted, message: "request headers exceed the size limit"),
        httpStatus: 431)
      return
    }
    guard call.isPost else {
      finish(
        call, .init(code: .unimplemented, message: "HTTP method \(call.httpMethod) not allowed"),
        httpStatus: 405)
      return
    }
    switch call.contentTypeState {
    case .grpc:
      break
    case .otherCodec(let codec):
      finish(
        call,
        .init(
          code: .unimplemented,
          message:
            "content-type application/grpc+\(codec) is not served; messages are protobuf "
            + "(application/grpc or application/grpc+proto)"))
      return
    case .missing, .other:
      finish(
        call, .init(code: .invalidArgument, message: "content-type is not application/grpc"),
        httpStatus: 415)
      return
    }
    guard let handler = call.route else {
      finish(call, .init(code: .unimplemented, message: "unknown method \(call.path ?? "")"))
      return
    }
    guard !call.hasMalformedMetadata else {
      finish(call, .init(code: .internal, message: "malformed binary metadata"), httpStatus: 400)
      return
    }
    var deadline: ContinuousClock.Instant?
    if let header = call.timeoutHeader {
      guard let timeout = GRPCTimeout.parse(header) else {
        finish(call, .init(code: .internal, message: "malformed grpc-timeout"), httpStatus: 400)
        return
      }
      guard timeout > .zero else {
        finish(call, .init(code: .deadlineExceeded, message: "deadline exceeded"))
        return
      }
      deadline = ContinuousClock.now.advanced(by: timeout)
      // Strong captures: a weak one would move the connection's and the
      // call's reference counts to side tables, slowing every retain of
      // them. A call that ends cancels its timer, and the loop drops
      // cancelled timers once they outnumber the live ones (and 64), so no
      // more finished calls are held this way than calls are in flight.
      call.deadlineTimer = loop.schedule(after: timeout) { [self, call] in
        deadlinePassed(call)
      }
    }
    call.handler = handler
    call.context = ServerContext(
      method: handler.method, requestMetadata: call.metadata, deadline: deadline, peer: peer,
      server: core)
    if case .streaming(let body) = handler.body { startStreamingHandler(call, body) }
  }

  /// DATA arrived for a call: frame it into messages.
  func receiveData(streamID: Int32, _ bytes: UnsafeRawBufferPointer) {
    guard let call = call(streamID), call.phase == .active, let handler = call.handler else {
      credit(streamID: streamID, bytes.count)
      return
    }
    if !handler.body.isStreaming, call.unaryRequestCount == 0, !call.deframer.hasPartialMessage,
      let payload = Self.wholeMessage(bytes, limit: core.maxReceiveMessageSize)
    {
      // The usual unary request: one DATA frame holding exactly one message.
      credit(streamID: streamID, bytes.count)
      call.unaryRequestCount = 1
      call.unaryRequest = payload
      return
    }
    call.deframer.append(bytes)
    do throws(RPCError) {
      if case .streaming = handler.body {
        call.uncreditedBytes += bytes.count
        while let message = try call.deframer.next() {
          queueRequestMessage(call, message)
        }
        settleCredit(call)
      } else {
        credit(streamID: streamID, bytes.count)
        while let message = try call.deframer.next() {
          call.unaryRequestCount += 1
          guard call.unaryRequestCount == 1 else {
            throw RPCError(.unimplemented, "expected one request message, received several")
          }
          call.unaryRequest = message
        }
      }
    } catch {
      fail(call, error)
    }
  }

  /// The payload when `bytes` hold exactly one uncompressed message within
  /// `limit`; nil for anything else, which the deframer then judges.
  private static func wholeMessage(_ bytes: UnsafeRawBufferPointer, limit: Int) -> [UInt8]? {
    let prefixLength = MessageFraming.prefixLength
    guard bytes.count >= prefixLength, bytes[0] == 0 else { return nil }
    let length = Int(bytes[1]) << 24 | Int(bytes[2]) << 16 | Int(bytes[3]) << 8 | Int(bytes[4])
    guard length <= limit, bytes.count == prefixLength + length else { return nil }
    return Array(bytes[prefixLength...])
  }

  private func queueRequestMessage(_ call: ServerCall, _ message: [UInt8]) {
    if let waiter = call.nextMessageWaiter {
      call.nextMessageWaiter = nil
      waiter.resume(returning: message)
    } else {
      call.queuedRequestBytes += MessageFraming.prefixLength + message.count
      call.requestQueue.append(message)
    }
  }

  /// Credits the peer for every received byte except those of complete
  /// messages the handler has not taken yet: partial messages (bounded by
  /// the message size limit) never stall the stream, a slow handler does.
  private func settleCredit(_ call: ServerCall) {
    let excess = call.uncreditedBytes - call.queuedRequestBytes
    guard excess > 0 else { return }
    call.uncreditedBytes -= excess
    credit(streamID: call.streamID, excess)
  }

  private func credit(streamID: Int32, _ count: Int) {
    guard count > 0, let session else { return }
    if nghttp2_session_consume(session, streamID, count) != 0 {
      _ = nghttp2_session_consume_connection(session, count)
    }
  }

  /// The client finished sending: run a unary handler, or tell a
  /// streaming one.
  func requestEnded(_ call: ServerCall) {
    call.clientFinished = true
    guard call.phase == .active, let handler = call.handler, let context = call.context else {
      return
    }
    if call.deframer.hasPartialMessage {
      fail(call, RPCError(.internal, "the request ended inside a message"))
      return
    }
    switch handler.body {
    case .inline(let body):
      guard let request = singleRequest(call) else { return }
      do {
        let response = try body(request, context)
        respond(call, with: response)
      } catch {
        finish(call, status(for: error, call))
      }
    case .deferred(let body):
      guard let request = singleRequest(call) else { return }
      // One hop back to this loop, whichever thread completes; a completion
      // after the call ended finds it finished and is dropped there.
      body(request, context, DeferredResponse(call: call, completions: deferredCompletions))
    case .unary(let body):
      guard let request = singleRequest(call) else { return }
      call.task = Task { [self] in
        let outcome: Result<[UInt8], any Error>
        do {
          outcome = .success(try await body(request, context))
        } catch {
          outcome = .failure(error)
        }
        loop.execute { [self] in handlerReturned(call, outcome) }
      }
    case .streaming:
      if let waiter = call.nextMessageWaiter, call.queuedRequestCount == 0 {
        call.nextMessageWaiter = nil
        waiter.resume(returning: nil)
      }
    }
  }

  private func singleRequest(_ call: ServerCall) -> [UInt8]? {
    guard let request = call.unaryRequest, call.unaryRequestCount == 1 else {
      finish(
        call, .init(code: .unimplemented, message: "expected one request message, received none"))
      return nil
    }
    call.unaryRequest = nil
    return request
  }

  private func startStreamingHandler(
    _ call: ServerCall,
    _ body:
      @escaping @Sendable (any RawMessageSource, any RawMessageSink, ServerContext)
      async throws -> Void
  ) {
    guard let context = call.context else { return }
    let source = ServerRequestSource(connection: self, call: call)
    let sink = ServerResponseSink(connection: self, call: call)
    call.task = Task { [self] in
      let outcome: Result<[UInt8], any Error>
      do {
        try await body(source, sink, context)
        outcome = .success([])
      } catch {
        outcome = .failure(error)
      }
      loop.execute { [self] in handlerReturned(call, outcome) }
    }
  }

  // MARK: Handler side

  /// A handler task ended, or a deferred handler completed; its result
  /// becomes the response unless the call has already ended.
  func handlerReturned(_ call: ServerCall, _ outcome: Result<[UInt8], any Error>) {
    call.task = nil
    guard call.phase == .active else { return }
    switch (outcome, call.handler?.body) {
    case (.success(let response), .unary?), (.success(let response), .deferred?):
      respond(call, with: response)
    case (.success, _):
      finish(call, .ok)
    case (.failure(let error), _):
      finish(call, status(for: error, call))
    }
    flushSoon()
  }

  /// Gives a streaming handler its next request message, or parks it.
  func takeRequestMessage(
    _ call: ServerCall, _ continuation: CheckedContinuation<[UInt8]?, any Error>
  ) {
    if let message = call.dequeueRequest() {
      let size = MessageFraming.prefixLength + message.count
      call.queuedRequestBytes -= size
      settleCredit(call)
      continuation.resume(returning: message)
      flushSoon()
    } else if let error = call.requestError {
      continuation.resume(throwing: error)
    } else if call.phase == .finished {
      continuation.resume(throwing: RPCError(.cancelled, "the call has ended"))
    } else if call.clientFinished {
      continuation.resume(returning: nil)
    } else {
      call.nextMessageWaiter = continuation
    }
  }

  /// Queues a streaming handler's response message; the writer waits while
  /// too many bytes are queued for the peer's window.
  func writeResponseMessage(
    _ call: ServerCall, _ payload: [UInt8], _ continuation: CheckedContinuation<Void, any Error>
  ) {
    guard call.phase == .active else {
      continuation.resume(throwing: call.requestError ?? RPCError(.cancelled, "the call has ended"))
      return
    }
    MessageFraming.append(payload, to: &call.responseOutput)
    submitHeadersOrResume(call)
    if call.pendingOutputCount < Self.writeHighWater {
      continuation.resume()
    } else {
      call.writeWaiter = continuation
    }
    flushSoon()
  }

  // MARK: Response

  /// Sends a unary response message followed by the OK trailers.
  private func respond(_ call: ServerCall, with payload: [UInt8]) {
    MessageFraming.append(payload, to: &call.responseOutput)
    finish(call, .ok)
  }

  /// Submits the response headers with the body provider, or wakes a
  /// provider that ran dry.
  private func submitHeadersOrResume(_ call: ServerCall) {
    guard call.headersSubmitted else {
      call.headersSubmitted = true
      var provider = Self.responseBody
      let initial = call.context?.response.initial ?? Metadata()
      if initial.isEmpty {
        let fields = StaticHeaderFields.responseHeaders
        _ = nghttp2_submit_response(
          session, call.streamID, fields.baseAddress, fields.count, &provider)
      } else {
        var fields = HeaderFields()
        fields.add(":status", "200")
        fields.add("content-type", "application/grpc")
        fields.add(initial)
        _ = fields.withFields { nghttp2_submit_response(session, call.streamID, $0, $1, &provider) }
      }
      return
    }
    if call.isDataDeferred {
      call.isDataDeferred = false
      _ = nghttp2_session_resume_data(session, call.streamID)
    }
  }

  /// Ends a call with `status`: trailers after the queued messages, or a
  /// trailers-only response when nothing was sent yet.
  func finish(_ call: ServerCall, _ status: ServerCall.Status, httpStatus: Int = 200) {
    guard call.phase != .finished else { return }
    call.phase = .finished
    releaseWaiters(call, RPCError(status.code, status.message))
    var status = status
    if let trailing = call.context?.response.trailing, !trailing.isEmpty {
      for entry in trailing { status.metadata.append(entry.name, entry.value) }
    }
    if !call.headersSubmitted && call.pendingOutputCount == 0 {
      call.headersSubmitted = true
      var fields = HeaderFields()
      fields.add(":status", String(httpStatus))
      fields.add("content-type", "application/grpc")
      Self.addStatus(status, to: &fields)
      _ = fields.withFields { nghttp2_submit_response(session, call.streamID, $0, $1, nil) }
    } else {
      call.pendingTrailers = status
      submitHeadersOrResume(call)
    }
    flushSoon()
  }

  private static func addStatus(_ status: ServerCall.Status, to fields: inout HeaderFields) {
    fields.add("grpc-status", String(status.code.rawValue))
    if !status.message.isEmpty {
      fields.add("grpc-message", StatusMessageEncoding.encode(status.message))
    }
    fields.add(status.metadata)
  }

  /// nghttp2 asks for up to `capacity` bytes of a response body.
  func readResponseBody(
    streamID: Int32, into buffer: UnsafeMutablePointer<UInt8>, capacity: Int,
    flags: UnsafeMutablePointer<UInt32>
  ) -> Int {
    guard let call = call(streamID) else {
      flags.pointee |= NGHTTP2_DATA_FLAG_EOF.rawValue
      return 0
    }
    let count = min(capacity, call.pendingOutputCount)
    if count > 0 {
      call.responseOutput.withUnsafeBytes { bytes in
        UnsafeMutableRawPointer(buffer).copyMemory(
          from: bytes.baseAddress! + call.responseOutputOffset, byteCount: count)
      }
      call.responseOutputOffset += count
      if call.responseOutputOffset == call.responseOutput.count {
        call.responseOutput.removeAll(keepingCapacity: call.responseOutput.capacity <= 64 * 1024)
        call.responseOutputOffset = 0
      }
    }
    if call.pendingOutputCount == 0 {
      if let trailers = call.pendingTrailers {
        call.pendingTrailers = nil
        flags.pointee |= NGHTTP2_DATA_FLAG_EOF.rawValue | NGHTTP2_DATA_FLAG_NO_END_STREAM.rawValue
        submitTrailers(call, trailers)
      } else if count == 0 {
        call.isDataDeferred = true
        return Int(NGHTTP2_ERR_DEFERRED.rawValue)
      }
    }
    if let waiter = call.writeWaiter, call.pendingOutputCount < Self.writeHighWater {
      call.writeWaiter = nil
      waiter.resume()
    }
    return count
  }

  private func submitTrailers(_ call: ServerCall, _ status: ServerCall.Status) {
    if status.code == .ok && status.message.isEmpty && status.metadata.isEmpty {
      let fields = StaticHeaderFields.okTrailers
      _ = nghttp2_submit_trailer(session, call.streamID, fields.baseAddress, fields.count)
    } else {
      var fields = HeaderFields()
      Self.addStatus(status, to: &fields)
      _ = fields.withFields { nghttp2_submit_trailer(session, call.streamID, $0, $1) }
    }
  }

  // MARK: Endings

  /// A request-side failure (bad framing, too large): ends the call with
  /// `error` and cancels the handler.
  private func fail(_ call: ServerCall, _ error: RPCError) {
    call.requestError = error
    finish(call, .init(error))
    call.task?.cancel()
  }

  private func deadlinePassed(_ call: ServerCall) {
    call.deadlineTimer = nil
    guard call.phase != .finished else { return }
    finish(call, .init(code: .deadlineExceeded, message: "deadline exceeded"))
    call.task?.cancel()
  }

  /// nghttp2 closed a stream: by our trailers, a client RST_STREAM, or the
  /// connection going away.
  func streamClosed(streamID: Int32, errorCode: UInt32) {
    guard let call = removeCall(streamID) else { return }
    if call.uncreditedBytes > 0, let session {
      _ = nghttp2_session_consume_connection(session, call.uncreditedBytes)
      call.uncreditedBytes = 0
    }
    if calls.isEmpty { noteActivity() }
    abandon(call, RPCError(.cancelled, "the client cancelled the call"))
  }

  /// Cancels whatever of a call is still running; nothing more is sent.
  func abandon(_ call: ServerCall, _ error: @autoclosure () -> RPCError) {
    call.deadlineTimer?.cancel()
    call.deadlineTimer = nil
    if call.phase != .finished {
      call.phase = .finished
      call.task?.cancel()
    }
    releaseWaiters(call, error())
  }

  private func releaseWaiters(_ call: ServerCall, _ error: @autoclosure () -> RPCError) {
    call.deadlineTimer?.cancel()
    call.deadlineTimer = nil
    if let waiter = call.nextMessageWaiter {
      call.nextMessageWaiter = nil
      waiter.resume(throwing: error())
    }
    if let waiter = call.writeWaiter {
      call.writeWaiter = nil
      waiter.resume(throwing: error())
    }
  }

  /// The status a handler's error becomes on the wire.
  private func status(for error: any Error, _ call: ServerCall) -> ServerCall.Status {
    if let error = error as? RPCError { return .init(error) }
    if error is CancellationError {
      if let deadline = call.context?.deadline, deadline <= .now {
        return .init(code: .deadlineExceeded, message: "deadline exceeded")
      }
      return .init(code: .cancelled, message: "the call was cancelled")
    }
    core.logger.debug(
      "handler failed with an unexpected error",
      ["rpc.method": call.path ?? "", "error.type": "\(type(of: error))"])
    return .init(code: .unknown, message: "the handler failed")
  }
}
