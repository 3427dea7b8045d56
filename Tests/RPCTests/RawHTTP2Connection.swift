import CNGHTTP2
import Glibc

@testable import RPC

/// A deliberately small HTTP/2 client for tests: it writes frames byte by
/// byte as told, valid or not, and reads what the server answers.
///
/// `@unchecked Sendable`: a test uses it from one thread at a time, handing
/// it from one blocking step to the next.
final class RawHTTP2Connection: @unchecked Sendable {
  /// One frame as read from the wire.
  struct Frame {
    var type: UInt8
    var flags: UInt8
    var streamID: UInt32
    var payload: [UInt8]

    var endsStream: Bool { flags & 0x1 != 0 }
  }

  /// What came back on one stream.
  struct Response {
    var headers: [(name: String, value: String)] = []
    var trailers: [(name: String, value: String)] = []
    var data: [UInt8] = []
    var resetCode: UInt32?
    var isComplete = false

    /// The first value of `name` in the headers, then the trailers.
    func header(_ name: String) -> String? {
      (headers + trailers).first { $0.name == name }?.value
    }

    /// The `grpc-status`, from the trailers or a trailers-only response.
    var grpcStatus: Int? { header("grpc-status").flatMap { Int($0) } }

    /// The gRPC messages in the DATA bytes.
    var messages: [[UInt8]] {
      var messages: [[UInt8]] = []
      var index = 0
      while index + 5 <= data.count {
        let length = data[index + 1..<index + 5].reduce(0) { $0 << 8 | Int($1) }
        guard index + 5 + length <= data.count else { break }
        messages.append(Array(data[index + 5..<index + 5 + length]))
        index += 5 + length
      }
      return messages
    }
  }

  static let frameData: UInt8 = 0
  static let frameHeaders: UInt8 = 1
  static let frameRSTStream: UInt8 = 3
  static let frameSettings: UInt8 = 4
  static let framePing: UInt8 = 6
  static let frameGoaway: UInt8 = 7
  static let frameContinuation: UInt8 = 9

  private(set) var fd: Int32 = -1
  private var inflater: OpaquePointer?
  private var received: [UInt8] = []
  /// Frames read but not yet asked for by stream.
  private(set) var goawayReceived = false

  /// Connects with a blocking socket whose reads time out after `timeout`.
  init(port: Int, host: String = "127.0.0.1", timeout: Int = 15) throws {
    nghttp2_hd_inflate_new(&inflater)
    fd = try Socket.connect(host: host, port: port)
    var poll = pollfd(fd: fd, events: Int16(POLLOUT), revents: 0)
    _ = Glibc.poll(&poll, 1, Int32(timeout * 1000))
    try Socket.connectResult(fd)
    let flags = fcntl(fd, F_GETFL)
    _ = fcntl(fd, F_SETFL, flags & ~O_NONBLOCK)
    var limit = timeval(tv_sec: timeout, tv_usec: 0)
    _ = setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &limit, socklen_t(MemoryLayout<timeval>.size))
    _ = setsockopt(fd, SOL_SOCKET, SO_SNDTIMEO, &limit, socklen_t(MemoryLayout<timeval>.size))
  }

  deinit {
    if let inflater { nghttp2_hd_inflate_del(inflater) }
    if fd >= 0 { Socket.close(fd) }
  }

  /// Sends raw bytes; returns false when the server already closed.
  @discardableResult
  func send(_ bytes: [UInt8]) -> Bool {
    var offset = 0
    while offset < bytes.count {
      let count = bytes[offset...].withUnsafeBytes {
        Glibc.send(fd, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL))
      }
      if count <= 0 { return false }
      offset += count
    }
    return true
  }

  /// The client connection preface and an empty SETTINGS frame.
  func sendPreface() {
    send(Array("PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n".utf8))
    sendFrame(type: Self.frameSettings, flags: 0, streamID: 0, payload: [])
  }

  func sendFrame(type: UInt8, flags: UInt8, streamID: UInt32, payload: [UInt8]) {
    send(Self.frame(type: type, flags: flags, streamID: streamID, payload: payload))
  }

  static func frame(type: UInt8, flags: UInt8, streamID: UInt32, payload: [UInt8]) -> [UInt8] {
    let length = UInt32(payload.count)
    var bytes: [UInt8] = [
      UInt8(length >> 16 & 0xFF), UInt8(length >> 8 & 0xFF), UInt8(length & 0xFF), type, flags,
      UInt8(streamID >> 24 & 0x7F), UInt8(streamID >> 16 & 0xFF), UInt8(streamID >> 8 & 0xFF),
      UInt8(streamID & 0xFF),
    ]
    bytes.append(contentsOf: payload)
    return bytes
  }

  /// HPACK "literal without indexing, new name" fields, no Huffman coding.
  static func headerBlock(_ fields: [(String, String)]) -> [UInt8] {
    var block: [UInt8] = []
    for (name, value) in fields {
      block.append(0)
      appendLength(name.utf8.count, to: &block)
      block.append(contentsOf: name.utf8)
      appendLength(value.utf8.count, to: &block)
      block.append(contentsOf: value.utf8)
    }
    return block
  }

  private static func appendLength(_ length: Int, to block: inout [UInt8]) {
    guard length >= 127 else {
      block.append(UInt8(length))
      return
    }
    block.append(127)
    var rest = length - 127
    while rest >= 128 {
      block.append(UInt8(rest & 0x7F) | 0x80)
      rest >>= 7
    }
    block.append(UInt8(rest))
  }

  /// The request headers of a gRPC call to `path`.
  static func grpcRequestHeaders(
    _ path: String, extra: [(String, String)] = [], method: String = "POST",
    contentType: String = "application/grpc"
  ) -> [(String, String)] {
    [
      (":method", method), (":scheme", "http"), (":path", path),
      (":authority", "localhost"), ("content-type", contentType), ("te", "trailers"),
    ] + extra
  }

  /// Sends a header block, split into CONTINUATION frames when it is larger
  /// than the default maximum frame size.
  func sendHeaders(streamID: UInt32, _ fields: [(String, String)], endStream: Bool) {
    let block = Self.headerBlock(fields)
    let chunks = stride(from: 0, to: max(block.count, 1), by: 16_384).map {
      Array(block[$0..<min($0 + 16_384, block.count)])
    }
    for (index, chunk) in chunks.enumerated() {
      let isFirst = index == 0
      let isLast = index == chunks.count - 1
      var flags: UInt8 = isLast ? 0x4 : 0
      if isFirst && endStream { flags |= 0x1 }
      sendFrame(
        type: isFirst ? Self.frameHeaders : Self.frameContinuation, flags: flags,
        streamID: streamID, payload: chunk)
    }
  }

  func sendData(streamID: UInt32, _ bytes: [UInt8], endStream: Bool) {
    sendFrame(type: Self.frameData, flags: endStream ? 1 : 0, streamID: streamID, payload: bytes)
  }

  func sendReset(streamID: UInt32, code: UInt32 = 8) {
    let payload = [
      UInt8(code >> 24), UInt8(code >> 16 & 0xFF), UInt8(code >> 8 & 0xFF), UInt8(code & 0xFF),
    ]
    sendFrame(type: Self.frameRSTStream, flags: 0, streamID: streamID, payload: payload)
  }

  /// Sends `message` (DATA frames no larger than 16 KiB) on `streamID` again
  /// and again, as the server's flow-control windows allow, until `limit`
  /// bytes went out or no window opened for `patience` seconds. Returns the
  /// bytes sent. Call it right after the preface: it reads the server's
  /// SETTINGS for the initial stream window.
  func sendWithinWindows(streamID: UInt32, _ message: [UInt8], limit: Int, patience: Int) -> Int {
    var streamWindow = 65_535
    var connectionWindow = 65_535
    var sent = 0
    var limitTimeout = timeval(tv_sec: patience, tv_usec: 0)
    _ = setsockopt(
      fd, SOL_SOCKET, SO_RCVTIMEO, &limitTimeout, socklen_t(MemoryLayout<timeval>.size))
    while sent < limit {
      if min(streamWindow, connectionWindow) >= message.count {
        sendData(streamID: streamID, message, endStream: false)
        streamWindow -= message.count
        connectionWindow -= message.count
        sent += message.count
        continue
      }
      guard let frame = readFrame() else { break }
      let value =
        frame.payload.count >= 4 ? frame.payload[0..<4].reduce(0) { $0 << 8 | Int($1) } : 0
      switch frame.type {
      case 8 where frame.streamID == 0: connectionWindow += value & 0x7FFF_FFFF
      case 8 where frame.streamID == streamID: streamWindow += value & 0x7FFF_FFFF
      case Self.frameSettings where frame.flags & 1 == 0:
        for offset in stride(from: 0, to: frame.payload.count - 5, by: 6)
        where frame.payload[offset] == 0 && frame.payload[offset + 1] == 4 {
          let initial = frame.payload[offset + 2..<offset + 6].reduce(0) { $0 << 8 | Int($1) }
          streamWindow += initial - 65_535
        }
        sendFrame(type: Self.frameSettings, flags: 1, streamID: 0, payload: [])
      default:
        break
      }
    }
    return sent
  }

  /// A gRPC message: the 5-byte prefix and the payload.
  static func grpcMessage(_ payload: [UInt8]) -> [UInt8] {
    var bytes: [UInt8] = []
    MessageFraming.append(payload, to: &bytes)
    return bytes
  }

  /// Reads one frame; nil when the server closed the connection or the read
  /// timed out.
  func readFrame() -> Frame? {
    while true {
      if received.count >= 9 {
        let length = Int(received[0]) << 16 | Int(received[1]) << 8 | Int(received[2])
        if received.count >= 9 + length {
          let streamID =
            (UInt32(received[5]) << 24 | UInt32(received[6]) << 16 | UInt32(received[7]) << 8
              | UInt32(received[8])) & 0x7FFF_FFFF
          let frame = Frame(
            type: received[3], flags: received[4], streamID: streamID,
            payload: Array(received[9..<9 + length]))
          received.removeFirst(9 + length)
          return frame
        }
      }
      var buffer = [UInt8](repeating: 0, count: 65_536)
      let count = buffer.withUnsafeMutableBytes { Glibc.recv(fd, $0.baseAddress, $0.count, 0) }
      guard count > 0 else { return nil }
      received.append(contentsOf: buffer[0..<count])
    }
  }

  /// Reads until `streamID` ends (END_STREAM or RST_STREAM) or the
  /// connection does; answers SETTINGS and PING as a client must.
  func readResponse(streamID: UInt32) -> Response {
    var response = Response()
    var sawHeaders = false
    while let frame = readFrame() {
      switch frame.type {
      case Self.frameSettings where frame.flags & 1 == 0:
        sendFrame(type: Self.frameSettings, flags: 1, streamID: 0, payload: [])
      case Self.framePing where frame.flags & 1 == 0:
        sendFrame(type: Self.framePing, flags: 1, streamID: 0, payload: frame.payload)
      case Self.frameGoaway:
        goawayReceived = true
      case Self.frameHeaders, Self.frameContinuation:
        let fields = decode(frame.payload)
        guard frame.streamID == streamID else { continue }
        if sawHeaders { response.trailers += fields } else { response.headers += fields }
        sawHeaders = true
        if frame.endsStream {
          response.isComplete = true
          return response
        }
      case Self.frameData where frame.streamID == streamID:
        response.data += frame.payload
        if !frame.payload.isEmpty {
          // Credit the bytes back so long responses keep flowing.
          let credit = UInt32(frame.payload.count)
          let increment = [
            UInt8(credit >> 24), UInt8(credit >> 16 & 0xFF), UInt8(credit >> 8 & 0xFF),
            UInt8(credit & 0xFF),
          ]
          sendFrame(type: 8, flags: 0, streamID: 0, payload: increment)
          sendFrame(type: 8, flags: 0, streamID: streamID, payload: increment)
        }
        if frame.endsStream {
          response.isComplete = true
          return response
        }
      case Self.frameRSTStream where frame.streamID == streamID:
        response.resetCode = frame.payload.reduce(0) { $0 << 8 | UInt32($1) }
        return response
      default:
        break
      }
    }
    return response
  }

  /// True when the server closes the connection (EOF or reset) within the
  /// read timeout; frames it sends first are skipped.
  func closesConnection() -> Bool {
    while true {
      var buffer = [UInt8](repeating: 0, count: 4096)
      let count = buffer.withUnsafeMutableBytes { Glibc.recv(fd, $0.baseAddress, $0.count, 0) }
      if count == 0 { return true }
      if count < 0 { return errno == ECONNRESET }
    }
  }

  private func decode(_ block: [UInt8]) -> [(name: String, value: String)] {
    var fields: [(name: String, value: String)] = []
    block.withUnsafeBufferPointer { bytes in
      var offset = 0
      while true {
        var field = nghttp2_nv()
        var flags: Int32 = 0
        let used = nghttp2_hd_inflate_hd2(
          inflater, &field, &flags, bytes.baseAddress! + offset, bytes.count - offset, 1)
        guard used >= 0 else { return }
        offset += used
        if flags & Int32(NGHTTP2_HD_INFLATE_EMIT.rawValue) != 0 {
          fields.append(
            (
              String(
                decoding: UnsafeBufferPointer(start: field.name, count: field.namelen),
                as: UTF8.self),
              String(
                decoding: UnsafeBufferPointer(start: field.value, count: field.valuelen),
                as: UTF8.self)
            ))
        }
        if flags & Int32(NGHTTP2_HD_INFLATE_FINAL.rawValue) != 0 {
          nghttp2_hd_inflate_end_headers(inflater)
          return
        }
        if used == 0 && flags & Int32(NGHTTP2_HD_INFLATE_EMIT.rawValue) == 0 { return }
      }
    }
    return fields
  }

  /// One complete unary gRPC call on `streamID`: headers, one message with
  /// END_STREAM, then the response.
  func unaryCall(
    streamID: UInt32, path: String, payload: [UInt8], extra: [(String, String)] = [],
    contentType: String = "application/grpc"
  ) -> Response {
    sendHeaders(
      streamID: streamID,
      Self.grpcRequestHeaders(path, extra: extra, contentType: contentType), endStream: false)
    sendData(streamID: streamID, Self.grpcMessage(payload), endStream: true)
    return readResponse(streamID: streamID)
  }
}

/// Health/Check helpers shared by the transport tests.
enum HealthProbe {
  static let checkPath = "/grpc.health.v1.Health/Check"

  /// The exact response bytes of a SERVING reply: prefix, then `08 01`.
  static let servingReply: [UInt8] = [0, 0, 0, 0, 2, 0x08, 0x01]

  /// A Health/Check for the whole server on a fresh connection; true when
  /// it answers SERVING with status OK.
  static func isServing(port: Int) -> Bool {
    guard let connection = try? RawHTTP2Connection(port: port) else { return false }
    connection.sendPreface()
    let response = connection.unaryCall(streamID: 1, path: checkPath, payload: [])
    return response.data == servingReply && response.grpcStatus == 0
  }
}
