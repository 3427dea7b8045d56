#if canImport(Glibc)
  import Glibc
#endif

/// The byte stream under an HTTP/2 client connection: a plain socket or a
/// TLS session over one. The HTTP/2 code does not care which.
enum ClientTransport {
  /// What one read or write did.
  enum Outcome: Equatable {
    /// This many bytes moved.
    case transferred(Int)
    /// The peer closed the connection (reads only).
    case closed
    /// Wait until the socket is readable.
    case wantRead
    /// Wait until the socket is writable.
    case wantWrite
  }

  case plain(Int32)
  case tls(TLSConnection)

  /// Reads what is available.
  ///
  /// - Throws: ``SocketError`` or ``TLSError``.
  func read(into buffer: UnsafeMutableRawBufferPointer) throws -> Outcome {
    switch self {
    case .plain(let fd):
      switch try Socket.read(fd, into: buffer) {
      case .bytes(let count): return .transferred(count)
      case .endOfFile: return .closed
      case .wouldBlock: return .wantRead
      }
    case .tls(let connection):
      switch try connection.read(into: buffer) {
      case .transferred(0): return .closed
      case .transferred(let count): return .transferred(count)
      case .wantRead: return .wantRead
      case .wantWrite: return .wantWrite
      }
    }
  }

  /// Writes as much of `bytes` as the socket takes now.
  ///
  /// - Throws: ``SocketError`` or ``TLSError``.
  func write(_ bytes: UnsafeRawBufferPointer) throws -> Outcome {
    switch self {
    case .plain(let fd):
      let count = try Socket.write(fd, bytes)
      return count > 0 ? .transferred(count) : .wantWrite
    case .tls(let connection):
      switch try connection.write(bytes) {
      case .transferred(let count): return .transferred(count)
      case .wantRead: return .wantRead
      case .wantWrite: return .wantWrite
      }
    }
  }
}

extension Error {
  /// A short explanation for connection-level error messages:
  /// `connection refused` rather than `connect failed: Connection refused (errno 111)`.
  var transportReason: String {
    if let error = self as? SocketError {
      let text = String(cString: strerror(error.errno))
      return text.prefix(1).lowercased() + text.dropFirst()
    }
    if let error = self as? TLSError { return error.message }
    return "\(self)"
  }
}
