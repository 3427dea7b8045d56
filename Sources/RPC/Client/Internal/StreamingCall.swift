import Synchronization

/// The caller's side of a call with a streamed request or response: the
/// stream on the loop, the response queue, and the request writer.
final class StreamingCall: Sendable {
  let stream: ClientStream
  let queue: StreamingResponse
  let channel: ClientChannel
  private let requestFailure = Mutex<(any Error)?>(nil)
  private let sink: RequestSink

  init(stream: ClientStream, queue: StreamingResponse, channel: ClientChannel) {
    self.stream = stream
    self.queue = queue
    self.channel = channel
    sink = RequestSink(stream: stream, channel: channel)
  }

  /// Cancels the call (task cancellation).
  func cancel() {
    channel.cancel(stream, with: .cancelledByCaller)
  }

  /// The error that ended the request side, when the caller's request
  /// closure threw one of its own.
  var requestSideError: (any Error)? {
    requestFailure.withLock { $0 }
  }

  /// Runs the caller's request closure, then ends the request side.
  ///
  /// An error the closure throws because the call itself ended is left
  /// for the response side to report with the call's status; any other
  /// error cancels the call and is rethrown.
  func writeRequests<Request>(
    _ requests: @Sendable (MessageWriter<Request>) async throws -> Void
  ) async throws {
    do {
      try await requests(MessageWriter(sink: sink))
    } catch {
      if let rpcError = error as? RPCError, sink.failures.withLock({ $0.contains(rpcError) }) {
        return
      }
      requestFailure.withLock { $0 = error }
      channel.cancel(stream, with: RPCError(.cancelled, "the request stream failed: \(error)"))
      throw error
    }
    channel.finishRequest(of: stream)
  }

  /// Runs the caller's response closure, then waits for the status.
  func readResponses<Response, Result>(
    _ responses: @Sendable (MessageStream<Response>) async throws -> Result
  ) async throws -> Result {
    let source = ResponseSource(queue: queue, stream: stream, channel: channel)
    do {
      let result = try await responses(MessageStream(source: source))
      source.discardRemaining()
      try await queue.waitForStatus()
      return result
    } catch {
      source.discardRemaining()
      channel.cancel(stream, with: RPCError(.cancelled, "the response handler failed: \(error)"))
      throw error
    }
  }

  /// Reads the one response of a client-streaming call.
  func readSingleResponse() async throws -> [UInt8] {
    let source = ResponseSource(queue: queue, stream: stream, channel: channel)
    guard let message = try await source.next() else {
      throw RPCError(.internal, "the server sent no response message")
    }
    if try await source.next() != nil {
      source.discardRemaining()
      channel.cancel(stream, with: RPCError(.internal, "the server sent more than one response"))
      throw RPCError(.internal, "expected one response message, received more")
    }
    return message
  }
}

/// The response messages as the ``MessageStream`` sees them.
private struct ResponseSource: RawMessageSource {
  let queue: StreamingResponse
  let stream: ClientStream
  let channel: ClientChannel

  func next() async throws -> [UInt8]? {
    try await queue.next { [channel, stream] in channel.releaseCredit(of: stream) }
  }

  func discardRemaining() {
    queue.discardRemaining { [channel, stream] in channel.releaseCredit(of: stream) }
  }
}

/// Where a ``MessageWriter`` of a call puts its messages.
private final class RequestSink: RawMessageSink {
  let stream: ClientStream
  let channel: ClientChannel
  /// Errors handed to the caller by failed writes.
  let failures = Mutex<[RPCError]>([])

  init(stream: ClientStream, channel: ClientChannel) {
    self.stream = stream
    self.channel = channel
  }

  func write(_ payload: [UInt8]) async throws {
    var framed: [UInt8] = []
    MessageFraming.append(payload, to: &framed)
    do {
      try await withCheckedThrowingContinuation { continuation in
        channel.write(framed, on: stream, writer: continuation)
      }
    } catch {
      if let error = error as? RPCError {
        failures.withLock { $0.append(error) }
      }
      throw error
    }
  }
}
