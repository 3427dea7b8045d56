import CNGHTTP2

#if canImport(Glibc)
  import Glibc
#endif

/// One gRPC call on the client: its request bytes, its response state and
/// the gRPC rules that turn HTTP/2 events into a status.
///
/// The calling task creates it and hands it to the connection's event loop;
/// from then on only that loop touches its mutable state (which is why it
/// is `@unchecked Sendable`). Results go back to the caller through a
/// continuation (unary calls) or a ``StreamingResponse``.
final class ClientStream: @unchecked Sendable {
  /// How the caller takes the response.
  enum ResponseKind {
    /// Exactly one message, handed over with the status through
    /// ``singleResponseContinuation``.
    case single
    /// Messages as they arrive, through a queue the caller reads.
    case streaming(StreamingResponse)
  }

  /// How often a call the server refused unprocessed is sent in all. A
  /// server frees a stream slot a little after its trailers leave, so a
  /// call started at once can be refused while the client keeps within the
  /// advertised limit.
  static let maxAttempts = 6

  /// Request bytes buffered beyond this suspend a streaming request writer.
  private static let requestHighWater = 64 << 10

  /// The request HEADERS.
  let headerFields: RequestHeaderBlock
  /// When the call must have finished, if it has a deadline.
  let deadline: ContinuousClock.Instant?
  /// How the caller takes the response.
  let response: ResponseKind
  /// Called once with the response metadata when the call ends OK.
  let onResponseMetadata: (@Sendable (ReceivedMetadata) -> Void)?
  /// Set by the caller of a unary call before the stream reaches the loop.
  /// Unchecked because the hot path pays for checking; ``complete(_:)``
  /// resumes it exactly once and clears it.
  var singleResponseContinuation: UnsafeContinuation<[UInt8], any Error>?
  /// True when the whole request is in memory, so a refused stream can be
  /// sent again on another connection.
  let isReplayable: Bool

  /// The HTTP/2 stream id once started; 0 before.
  private(set) var streamID: Int32 = 0
  /// The session while the stream is part of it; cleared when it leaves.
  private var session: HTTP2ClientSession?
  /// How many times the stream was submitted.
  private(set) var attempts = 0
  /// Set when the server refused the stream before processing it and the
  /// call may be sent again.
  private(set) var needsRetry = false

  private var requestBody: [UInt8]
  private var requestBodyOffset = 0
  private var isRequestBodyComplete: Bool
  private var hasSentEndOfRequest = false
  private var pendingWrite: CheckedContinuation<Void, any Error>?

  private let maxReceiveMessageSize: Int
  private var deframer: MessageDeframer
  private var httpStatus: Int?
  private var grpcStatus: Int?
  private var grpcMessage: String?
  private var hasFinishedResponseHeaders = false
  private var initialMetadata = Metadata()
  private var trailingMetadata = Metadata()
  private var receivedMessage: [UInt8]?
  private var receivedMessageCount = 0
  private var hasReceivedData = false
  private var withheldCredit = 0
  /// The deadline timer while armed.
  var deadlineTimer: ScheduledTask?
  /// True once the loop has taken the stream over from the caller.
  var hasReachedLoop = false
  /// A cancellation that reached the loop before the stream did.
  var pendingCancellation: RPCError?

  /// The call's result once it has ended.
  private(set) var outcome: Result<Void, RPCError>?

  /// Creates a call's stream.
  ///
  /// - Parameters:
  ///   - headerFields: the request HEADERS.
  ///   - requestBody: framed request messages known up front.
  ///   - isRequestComplete: whether `requestBody` is the whole request.
  ///   - deadline: when the call times out, if ever.
  ///   - maxReceiveMessageSize: the largest response message accepted.
  ///   - response: how the caller takes the response.
  ///   - onResponseMetadata: called with the metadata when the call ends OK.
  init(
    headerFields: RequestHeaderBlock,
    requestBody: [UInt8],
    isRequestComplete: Bool,
    deadline: ContinuousClock.Instant?,
    maxReceiveMessageSize: Int,
    response: ResponseKind,
    onResponseMetadata: (@Sendable (ReceivedMetadata) -> Void)?
  ) {
    self.headerFields = headerFields
    self.requestBody = requestBody
    self.isRequestBodyComplete = isRequestComplete
    self.isReplayable = isRequestComplete
    self.deadline = deadline
    self.maxReceiveMessageSize = maxReceiveMessageSize
    self.deframer = MessageDeframer(maxMessageSize: maxReceiveMessageSize)
    self.response = response
    self.onResponseMetadata = onResponseMetadata
  }

  /// True once the call has a result.
  var isCompleted: Bool { outcome != nil }

  // MARK: Life cycle

  /// Records that `session` opened the stream as `streamID`.
  func attach(to session: HTTP2ClientSession, streamID: Int32) {
    self.session = session
    self.streamID = streamID
    attempts += 1
  }

  /// Prepares a refused stream to be submitted again from the start.
  func prepareForRetry() {
    needsRetry = false
    session = nil
    streamID = 0
    requestBodyOffset = 0
    hasSentEndOfRequest = false
    deframer = MessageDeframer(maxMessageSize: maxReceiveMessageSize)
    httpStatus = nil
    grpcStatus = nil
    grpcMessage = nil
    hasFinishedResponseHeaders = false
    initialMetadata = Metadata()
    trailingMetadata = Metadata()
  }

  /// Ends the call with `error` and resets the stream with `errorCode`
  /// when it is open; used for deadlines, cancellation and bad responses.
  func fail(_ error: RPCError, resetWith errorCode: UInt32 = NGHTTP2_CANCEL.rawValue) {
    guard outcome == nil else { return }
    complete(.failure(error))
    session?.reset(self, errorCode: errorCode)
  }

  /// Ends the call because its connection is gone.
  func connectionDidFail(with error: RPCError) {
    session = nil
    complete(.failure(error))
  }

  /// The session closed the stream; ends the call unless it already ended
  /// or may be retried.
  ///
  /// - Parameters:
  ///   - errorCode: the HTTP/2 error code the stream closed with.
  ///   - wasSent: false when the request HEADERS never left.
  func didClose(errorCode: UInt32, wasSent: Bool) {
    session = nil
    guard outcome == nil else { return }

    if errorCode == NGHTTP2_REFUSED_STREAM.rawValue, isReplayable, !hasReceivedData,
      httpStatus == nil, attempts < Self.maxAttempts
    {
      needsRetry = true
      return
    }
    if errorCode == NGHTTP2_NO_ERROR.rawValue {
      complete(.failure(RPCError(.internal, "the server closed the stream without a status")))
      return
    }
    let reason = wasSent ? "the server reset the stream" : "the request could not be sent"
    complete(
      .failure(
        RPCError(
          Self.statusCode(forResetCode: errorCode),
          "\(reason) (\(Self.resetCodeName(errorCode)))")))
  }

  /// The gRPC status for an RST_STREAM error code.
  static func statusCode(forResetCode code: UInt32) -> StatusCode {
    switch code {
    case NGHTTP2_REFUSED_STREAM.rawValue: .unavailable
    case NGHTTP2_CANCEL.rawValue: .cancelled
    case NGHTTP2_ENHANCE_YOUR_CALM.rawValue: .resourceExhausted
    case NGHTTP2_INADEQUATE_SECURITY.rawValue: .permissionDenied
    default: .internal
    }
  }

  private static func resetCodeName(_ code: UInt32) -> String {
    String(cString: nghttp2_http2_strerror(code))
  }

  // MARK: Request side

  /// The data-provider callback: copies request bytes into nghttp2's frame.
  ///
  /// - Returns: the bytes copied, or `NGHTTP2_ERR_DEFERRED` when the writer
  ///   has not produced more yet.
  func readRequestBody(
    into buffer: UnsafeMutablePointer<UInt8>,
    capacity: Int,
    flags: UnsafeMutablePointer<UInt32>
  ) -> Int {
    let available = requestBody.count - requestBodyOffset
    if available == 0 && !isRequestBodyComplete {
      return Int(NGHTTP2_ERR_DEFERRED.rawValue)
    }

    let count = min(available, capacity)
    if count > 0 {
      requestBody.withUnsafeBufferPointer { bytes in
        buffer.update(from: bytes.baseAddress! + requestBodyOffset, count: count)
      }
      requestBodyOffset += count
    }
    if isRequestBodyComplete && requestBodyOffset == requestBody.count {
      flags.pointee |= NGHTTP2_DATA_FLAG_EOF.rawValue
      hasSentEndOfRequest = true
    }
    if !isReplayable && requestBodyOffset == requestBody.count {
      requestBody.removeAll(keepingCapacity: true)
      requestBodyOffset = 0
    }
    if let writer = pendingWrite, requestBody.count - requestBodyOffset < Self.requestHighWater {
      pendingWrite = nil
      writer.resume()
    }
    return count
  }

  /// Queues one framed request message from a streaming writer; resumes
  /// `writer` at once while little is buffered, otherwise once nghttp2 has
  /// taken enough.
  func enqueueRequestMessage(_ framed: [UInt8], writer: CheckedContinuation<Void, any Error>) {
    if let outcome {
      writer.resume(throwing: Self.writeAfterEndError(outcome))
      return
    }
    guard !isRequestBodyComplete else {
      writer.resume(throwing: RPCError(.internal, "the request stream is already closed"))
      return
    }

    requestBody.append(contentsOf: framed)
    session?.resumeRequestBody(of: self)
    if requestBody.count - requestBodyOffset < Self.requestHighWater {
      writer.resume()
    } else {
      pendingWrite = writer
    }
  }

  /// Ends the request side: END_STREAM follows the buffered bytes.
  func finishRequest() {
    guard !isRequestBodyComplete else { return }
    isRequestBodyComplete = true
    session?.resumeRequestBody(of: self)
  }

  /// The error a write sees after the call ended: the call's own error, or
  /// ``RPCError/callEnded`` after OK.
  private static func writeAfterEndError(_ outcome: Result<Void, RPCError>) -> RPCError {
    switch outcome {
    case .success: .callEnded
    case .failure(let error): error
    }
  }

  // MARK: Response side

  /// One response header field.
  ///
  /// - Parameter blockEndsStream: the field's HEADERS frame carries
  ///   END_STREAM, so it belongs to trailers (or a trailers-only response).
  func receiveHeader(
    name: UnsafeBufferPointer<UInt8>,
    value: UnsafeBufferPointer<UInt8>,
    blockEndsStream: Bool
  ) {
    if HeaderName.status.matches(name) {
      httpStatus = Self.decimal(value)
    } else if HeaderName.grpcStatus.matches(name) {
      grpcStatus = Self.decimal(value)
    } else if HeaderName.grpcMessage.matches(name) {
      grpcMessage = StatusMessageEncoding.decode(String(decoding: value, as: UTF8.self))
    } else if name.first == UInt8(ascii: ":") || HeaderName.contentType.matches(name) {
      return
    } else {
      let isTrailer = hasFinishedResponseHeaders || blockEndsStream
      // Header metadata reaches callers only through the callback, so it
      // is decoded only when there is one; trailers are always kept.
      guard isTrailer || onResponseMetadata != nil else { return }
      let nameText = String(decoding: name, as: UTF8.self)
      guard !MetadataEncoding.isReserved(nameText),
        let values = MetadataEncoding.values(
          name: nameText, headerValue: String(decoding: value, as: UTF8.self))
      else { return }
      for value in values {
        if isTrailer {
          trailingMetadata.append(nameText, value)
        } else {
          initialMetadata.append(nameText, value)
        }
      }
    }
  }

  /// A HEADERS block ended; `endsStream` marks trailers (or trailers-only).
  func receiveHeadersEnd(endsStream: Bool) {
    if !hasFinishedResponseHeaders {
      if let httpStatus, (100..<200).contains(httpStatus) {
        // An informational response; the real one follows.
        self.httpStatus = nil
        return
      }
      hasFinishedResponseHeaders = true
    }
    if endsStream { receiveEndOfStream() }
  }

  /// Response DATA bytes.
  ///
  /// - Returns: how many bytes to credit to the stream's window now; the
  ///   rest is credited when the caller catches up.
  func receiveData(_ bytes: UnsafeRawBufferPointer) -> Int {
    hasReceivedData = true
    guard outcome == nil else { return bytes.count }

    if case .single = response, let payload = singleWholeMessage(in: bytes) {
      receivedMessageCount += 1
      receivedMessage = payload
      return bytes.count
    }

    deframer.append(bytes)
    do {
      while let message = try deframer.next() {
        receivedMessageCount += 1
        switch response {
        case .single:
          receivedMessage = message
        case .streaming(let queue):
          queue.deliver(message)
        }
      }
    } catch {
      fail(error)
      return bytes.count
    }

    guard case .streaming(let queue) = response, queue.shouldWithholdCredit() else {
      return bytes.count
    }
    withheldCredit += bytes.count
    return 0
  }

  /// The payload when `bytes` is exactly one whole uncompressed message
  /// within the limit and nothing is buffered: the usual unary response,
  /// taken without copying it through the deframer.
  private func singleWholeMessage(in bytes: UnsafeRawBufferPointer) -> [UInt8]? {
    let prefixLength = MessageFraming.prefixLength
    guard bytes.count >= prefixLength, deframer.bufferedByteCount == 0, bytes[0] == 0 else {
      return nil
    }
    let length = Int(bytes[1]) << 24 | Int(bytes[2]) << 16 | Int(bytes[3]) << 8 | Int(bytes[4])
    guard length == bytes.count - prefixLength, length <= maxReceiveMessageSize else {
      return nil
    }
    return Array(bytes[prefixLength...])
  }

  /// The caller caught up with the messages: credits what was held back.
  func releaseWithheldCredit() {
    let credit = withheldCredit
    withheldCredit = 0
    session?.creditStream(self, count: credit)
  }

  /// The server ended its side; decides the call's status.
  func receiveEndOfStream() {
    guard outcome == nil else { return }
    complete(finalStatus())
    if !hasSentEndOfRequest {
      // The server is done with the call; stop sending the request.
      session?.reset(self, errorCode: NGHTTP2_NO_ERROR.rawValue)
    }
  }

  /// The status from trailers, or from the HTTP status when they lack one.
  private func finalStatus() -> Result<Void, RPCError> {
    if let grpcStatus {
      let code = StatusCode(rawValue: grpcStatus)
      guard code == .ok else {
        return .failure(RPCError(code, grpcMessage ?? "", metadata: trailingMetadata))
      }
      if deframer.hasPartialMessage {
        return .failure(RPCError(.internal, "the response ended inside a message"))
      }
      return .success(())
    }
    if let httpStatus, httpStatus != 200 {
      return .failure(
        RPCError(
          MetadataEncoding.statusCode(forHTTPStatus: httpStatus),
          "the server answered with HTTP status \(httpStatus)", metadata: trailingMetadata))
    }
    return .failure(
      RPCError(
        .internal, "the server ended the call without a grpc-status", metadata: trailingMetadata))
  }

  /// Hands the result to the caller, once.
  private func complete(_ result: Result<Void, RPCError>) {
    guard outcome == nil else { return }
    outcome = result
    deadlineTimer?.cancel()
    deadlineTimer = nil

    if let writer = pendingWrite {
      pendingWrite = nil
      writer.resume(throwing: Self.writeAfterEndError(result))
    }

    var result = result
    if case .success = result, case .single = response, receivedMessageCount != 1 {
      result = .failure(
        RPCError(
          .internal, "expected one response message, received \(receivedMessageCount)"))
      outcome = result
    }
    if case .success = result, let onResponseMetadata {
      onResponseMetadata(ReceivedMetadata(initial: initialMetadata, trailing: trailingMetadata))
    }

    switch response {
    case .single:
      let continuation = singleResponseContinuation
      singleResponseContinuation = nil
      switch result {
      case .success: continuation?.resume(returning: receivedMessage ?? [])
      case .failure(let error): continuation?.resume(throwing: error)
      }
    case .streaming(let queue):
      queue.finish(result)
    }
    receivedMessage = nil
  }

  /// A non-negative decimal without sign, or nil.
  private static func decimal(_ bytes: UnsafeBufferPointer<UInt8>) -> Int? {
    guard !bytes.isEmpty, bytes.count <= 9 else { return nil }
    var value = 0
    for byte in bytes {
      guard byte >= UInt8(ascii: "0"), byte <= UInt8(ascii: "9") else { return nil }
      value = value * 10 + Int(byte - UInt8(ascii: "0"))
    }
    return value
  }
}

/// Response header names the transport reads itself, compared as bytes.
private enum HeaderName {
  case status
  case grpcStatus
  case grpcMessage
  case contentType

  private var bytes: StaticString {
    switch self {
    case .status: ":status"
    case .grpcStatus: "grpc-status"
    case .grpcMessage: "grpc-message"
    case .contentType: "content-type"
    }
  }

  func matches(_ name: UnsafeBufferPointer<UInt8>) -> Bool {
    let literal = bytes
    guard name.count == literal.utf8CodeUnitCount else { return false }
    return memcmp(name.baseAddress!, literal.utf8Start, name.count) == 0
  }
}

extension RPCError {
  /// What a request write sees after the call ended with OK.
  static let callEnded = RPCError(.failedPrecondition, "the call has already ended")
}

extension Metadata {
  /// Appends a value of either kind under `name`.
  mutating func append(_ name: String, _ value: Value) {
    switch value {
    case .string(let text): add(name, text)
    case .binary(let bytes): add(name, binary: bytes)
    }
  }
}
