/// gRPC's length-prefixed message framing: each message on a stream is a
/// 1-byte compressed flag, a 4-byte big-endian length, then the payload.
/// DATA frame boundaries mean nothing; one message may span many frames
/// and one frame may hold many messages.
package enum MessageFraming {
  /// The size of the prefix before each payload.
  package static let prefixLength = 5

  /// Appends one uncompressed message, prefix then payload.
  package static func append(_ payload: [UInt8], to buffer: inout [UInt8]) {
    let length = UInt32(truncatingIfNeeded: payload.count)
    buffer.reserveCapacity(buffer.count + prefixLength + payload.count)
    buffer.append(0)
    buffer.append(UInt8(truncatingIfNeeded: length >> 24))
    buffer.append(UInt8(truncatingIfNeeded: length >> 16))
    buffer.append(UInt8(truncatingIfNeeded: length >> 8))
    buffer.append(UInt8(truncatingIfNeeded: length))
    buffer.append(contentsOf: payload)
  }
}

/// Reassembles length-prefixed messages from DATA bytes of any split.
///
/// The size limit is enforced from the prefix, before the payload is
/// buffered, so a peer announcing a 4 GiB message costs five bytes of
/// memory, not four gigabytes.
package struct MessageDeframer {
  private let maxMessageSize: Int
  private var buffer: [UInt8] = []
  /// Where unread bytes start in `buffer`; compacted lazily.
  private var readIndex = 0

  /// - Parameter maxMessageSize: the largest payload accepted, in bytes.
  package init(maxMessageSize: Int) {
    self.maxMessageSize = maxMessageSize
  }

  /// Appends bytes received in DATA frames.
  package mutating func append(_ bytes: UnsafeRawBufferPointer) {
    if readIndex > 0, readIndex == buffer.count {
      buffer.removeAll(keepingCapacity: true)
      readIndex = 0
    }
    buffer.append(contentsOf: bytes)
  }

  /// The next complete payload, or `nil` when more bytes are needed.
  ///
  /// - Throws: ``RPCError`` `RESOURCE_EXHAUSTED` when a prefix announces
  ///   more than the limit, `UNIMPLEMENTED` for a compressed message (no
  ///   encodings are supported), `INTERNAL` for an invalid flag byte.
  package mutating func next() throws(RPCError) -> [UInt8]? {
    let available = buffer.count - readIndex
    guard available >= MessageFraming.prefixLength else { return nil }

    let flag = buffer[readIndex]
    switch flag {
    case 0:
      break
    case 1:
      throw RPCError(.unimplemented, "compressed messages are not supported (no grpc-encoding)")
    default:
      throw RPCError(.internal, "invalid message prefix flag \(flag)")
    }

    var length = 0
    for offset in 1...4 {
      length = length << 8 | Int(buffer[readIndex + offset])
    }
    guard length <= maxMessageSize else {
      throw RPCError(
        .resourceExhausted,
        "message of \(length) bytes exceeds the limit of \(maxMessageSize) bytes"
      )
    }
    guard available >= MessageFraming.prefixLength + length else { return nil }

    let start = readIndex + MessageFraming.prefixLength
    let payload = Array(buffer[start..<start + length])
    readIndex = start + length
    if readIndex == buffer.count {
      buffer.removeAll(keepingCapacity: true)
      readIndex = 0
    } else if readIndex > 64 * 1024 && readIndex * 2 > buffer.count {
      // Keep the consumed prefix from growing without bound.
      buffer.removeFirst(readIndex)
      readIndex = 0
    }
    return payload
  }

  /// True while part of a message is buffered: at end of stream that
  /// means the peer sent a truncated message.
  package var hasPartialMessage: Bool {
    buffer.count > readIndex
  }

  /// Bytes received but not yet returned as messages.
  package var bufferedByteCount: Int {
    buffer.count - readIndex
  }
}
