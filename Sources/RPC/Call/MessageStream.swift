import Wire

/// Where a ``MessageStream`` gets its encoded messages from: the server's
/// request side of a call, or the client's response side.
package protocol RawMessageSource: Sendable {
  /// The next complete message payload, or `nil` once the peer has ended
  /// its side of the call.
  ///
  /// - Throws: ``RPCError`` when the call fails or is cancelled.
  func next() async throws -> [UInt8]?
}

/// Where a ``MessageWriter`` sends encoded messages: the server's response
/// side of a call, or the client's request side.
package protocol RawMessageSink: Sendable {
  /// Queues one message payload, suspending while the peer's flow-control
  /// window is exhausted.
  ///
  /// - Throws: ``RPCError`` when the call has ended or been cancelled.
  func write(_ payload: [UInt8]) async throws
}

/// The messages a peer sends on a streaming call, decoded as they arrive.
///
/// The transport credits the peer's flow-control window only as messages
/// are taken from the stream, so a slow consumer slows the sender rather
/// than growing a buffer.
public struct MessageStream<Message: WireMessage>: AsyncSequence, Sendable {
  public typealias Element = Message

  private let source: any RawMessageSource

  package init(source: any RawMessageSource) {
    self.source = source
  }

  public struct AsyncIterator: AsyncIteratorProtocol {
    let source: any RawMessageSource

    /// The next message, or `nil` when the peer has finished sending.
    /// - Throws: ``RPCError``: `INTERNAL` when a message does not decode,
    ///   or the status the call ended with.
    public mutating func next() async throws -> Message? {
      guard let payload = try await source.next() else { return nil }
      return try Message(decoding: payload)
    }
  }

  public func makeAsyncIterator() -> AsyncIterator {
    AsyncIterator(source: source)
  }
}

/// Sends messages to the peer of a streaming call.
public struct MessageWriter<Message: WireMessage>: Sendable {
  private let sink: any RawMessageSink

  package init(sink: any RawMessageSink) {
    self.sink = sink
  }

  /// Sends one message, suspending while the peer is not reading.
  /// - Throws: ``RPCError`` when the call has ended or been cancelled.
  public func write(_ message: Message) async throws {
    try await sink.write(message.serializedBytes())
  }
}

extension WireMessage {
  /// Decodes a payload that arrived on a call, turning a decoding failure
  /// into the `INTERNAL` status gRPC libraries use for unparsable messages.
  package init(decoding payload: [UInt8]) throws(RPCError) {
    do {
      self = try Self(serializedBytes: payload)
    } catch {
      throw RPCError(.internal, "could not decode \(Self.protoMessageName): \(error)")
    }
  }
}
