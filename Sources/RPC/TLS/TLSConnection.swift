import COpenSSL

#if canImport(Glibc)
  import Glibc
#endif

/// How far a handshake has got.
package enum TLSProgress: Sendable, Hashable {
  /// The handshake is done and application data may flow.
  case complete
  /// Call again when the socket is readable.
  case wantRead
  /// Call again when the socket is writable.
  case wantWrite
}

/// The outcome of one read or write on a ``TLSConnection``.
package enum TLSIOResult: Sendable, Hashable {
  /// This many bytes were read or written; a read of `0` means the peer
  /// closed the connection in an orderly way.
  case transferred(Int)
  /// Call again, with the same bytes for a write, when the socket is readable.
  case wantRead
  /// Call again, with the same bytes for a write, when the socket is writable.
  case wantWrite
}

/// One TLS session over a non-blocking socket, driven by an event loop.
///
/// OpenSSL reads and writes the socket itself; every method returns at once,
/// saying whether it needs the socket to become readable or writable before
/// it can make progress. A renegotiation-free TLS 1.2+/1.3 session may still
/// need to read during a write (key updates) and the reverse, which is why
/// both directions can report either want.
///
/// - Important: Use from one thread at a time (the loop owning the socket).
///   The socket is not closed by this object.
package final class TLSConnection {
  /// The context this connection was made from.
  package let context: TLSContext
  private let ssl: OpaquePointer
  private var isHandshakeComplete = false

  /// Creates a session over `fd`.
  ///
  /// - Parameters:
  ///   - context: a client or server context.
  ///   - fd: a connected, non-blocking socket.
  ///   - serverName: client side: the host name (sent as SNI and checked
  ///     against the certificate) or IP address (checked against the
  ///     certificate's IP entries, no SNI). Ignored by servers.
  /// - Throws: ``TLSError`` when OpenSSL cannot set the session up.
  package init(context: TLSContext, fd: Int32, serverName: String?) throws {
    ERR_clear_error()
    guard let ssl = SSL_new(context.context) else {
      throw TLSError.fromErrorQueue(.configuration, "could not create a TLS session")
    }
    self.context = context
    self.ssl = ssl

    guard SSL_set_fd(ssl, fd) == 1 else {
      throw TLSError.fromErrorQueue(.configuration, "could not attach the TLS session to a socket")
    }

    switch context.role {
    case .server:
      SSL_set_accept_state(ssl)
    case .client:
      SSL_set_connect_state(ssl)
      if let serverName, !serverName.isEmpty {
        try configurePeerName(serverName)
      }
    }
  }

  deinit {
    SSL_free(ssl)
  }

  /// Sets SNI and the name or address the certificate must match.
  private func configurePeerName(_ serverName: String) throws {
    let name = Self.unbracketed(serverName)
    if Self.isIPAddress(name) {
      // RFC 6066 forbids IP literals in SNI; verify against the SAN IP entries.
      if context.verifiesPeer {
        guard X509_VERIFY_PARAM_set1_ip_asc(SSL_get0_param(ssl), name) == 1 else {
          throw TLSError.fromErrorQueue(.configuration, "invalid server address \(name)")
        }
      }
      return
    }

    guard copenssl_set_tlsext_host_name(ssl, name) == 1 else {
      throw TLSError.fromErrorQueue(.configuration, "invalid server name \(name)")
    }
    if context.verifiesPeer {
      guard SSL_set1_host(ssl, name) == 1 else {
        throw TLSError.fromErrorQueue(.configuration, "invalid server name \(name)")
      }
    }
  }

  /// Advances the handshake as far as the socket allows.
  ///
  /// Once complete, checks that an application protocol from the context's
  /// list was agreed when the context names any.
  ///
  /// - Throws: ``TLSError``: `certificateVerification` when the peer's
  ///   certificate is rejected, `applicationProtocol` when no protocol was
  ///   agreed, `handshake` for everything else.
  package func handshake() throws -> TLSProgress {
    if isHandshakeComplete { return .complete }

    ERR_clear_error()
    let result = SSL_do_handshake(ssl)
    if result == 1 {
      isHandshakeComplete = true
      try checkApplicationProtocol()
      return .complete
    }

    switch SSL_get_error(ssl, result) {
    case SSL_ERROR_WANT_READ:
      return .wantRead
    case SSL_ERROR_WANT_WRITE:
      return .wantWrite
    default:
      throw handshakeFailure()
    }
  }

  /// The protocol ALPN agreed on, such as `h2`, once the handshake is done.
  package var negotiatedALPN: String? {
    var data: UnsafePointer<UInt8>?
    var length: UInt32 = 0
    SSL_get0_alpn_selected(ssl, &data, &length)
    guard let data, length > 0 else { return nil }
    return String(decoding: UnsafeBufferPointer(start: data, count: Int(length)), as: UTF8.self)
  }

  /// Reads decrypted bytes into `buffer`.
  ///
  /// - Returns: `.transferred(n)` with `n > 0`, `.transferred(0)` once the
  ///   peer has closed, or the socket readiness needed first.
  /// - Throws: ``TLSError`` `io` when the session failed.
  package func read(into buffer: UnsafeMutableRawBufferPointer) throws -> TLSIOResult {
    guard let base = buffer.baseAddress, buffer.count > 0 else { return .transferred(0) }

    ERR_clear_error()
    var count = 0
    let result = SSL_read_ex(ssl, base, buffer.count, &count)
    if result == 1 { return .transferred(count) }
    return try ioOutcome(of: result, operation: "read")
  }

  /// Encrypts and sends bytes from `bytes`; with partial writes enabled this
  /// may take fewer than all of them.
  ///
  /// - Returns: `.transferred(n)` with `n > 0`, or the socket readiness
  ///   needed first — then call again with the same bytes.
  /// - Throws: ``TLSError`` `io` when the session failed or the peer closed.
  package func write(_ bytes: UnsafeRawBufferPointer) throws -> TLSIOResult {
    guard let base = bytes.baseAddress, bytes.count > 0 else { return .transferred(0) }

    ERR_clear_error()
    var count = 0
    let result = SSL_write_ex(ssl, base, bytes.count, &count)
    if result == 1 { return .transferred(count) }
    let outcome = try ioOutcome(of: result, operation: "write")
    guard outcome != .transferred(0) else {
      throw TLSError(.io, "TLS write failed: the peer closed the connection")
    }
    return outcome
  }

  /// Sends close_notify if the socket takes it now; never waits for the
  /// peer's reply. The caller closes the socket afterwards.
  package func shutdown() {
    guard isHandshakeComplete else { return }
    ERR_clear_error()
    _ = SSL_shutdown(ssl)
    ERR_clear_error()
  }

  /// Interprets a failed `SSL_read_ex`/`SSL_write_ex`.
  private func ioOutcome(of result: Int32, operation: String) throws -> TLSIOResult {
    let error = SSL_get_error(ssl, result)
    switch error {
    case SSL_ERROR_WANT_READ:
      return .wantRead
    case SSL_ERROR_WANT_WRITE:
      return .wantWrite
    case SSL_ERROR_ZERO_RETURN:
      return .transferred(0)
    case SSL_ERROR_SYSCALL:
      let code = errno
      let reasons = TLSError.drainErrorQueue()
      if reasons.isEmpty, code == 0 { return .transferred(0) }
      let detail =
        reasons.isEmpty ? String(cString: strerror(code)) : reasons.joined(separator: "; ")
      throw TLSError(.io, "TLS \(operation) failed: \(detail)")
    default:
      throw TLSError.fromErrorQueue(.io, "TLS \(operation) failed")
    }
  }

  /// The error for a failed handshake step, preferring the certificate
  /// verifier's explanation when it rejected the peer.
  private func handshakeFailure() -> TLSError {
    let verifyResult = SSL_get_verify_result(ssl)
    if verifyResult != X509_V_OK {
      _ = TLSError.drainErrorQueue()
      let reason = String(cString: X509_verify_cert_error_string(verifyResult))
      return TLSError(.certificateVerification, "certificate verify failed: \(reason)")
    }

    let code = errno
    let reasons = TLSError.drainErrorQueue()
    if reasons.isEmpty {
      if code != 0 {
        return TLSError(.handshake, "TLS handshake failed: \(String(cString: strerror(code)))")
      }
      return TLSError(.handshake, "TLS handshake failed: the peer closed the connection")
    }
    return TLSError(.handshake, "TLS handshake failed: \(reasons.joined(separator: "; "))")
  }

  /// Fails a finished handshake that agreed on no protocol from the list.
  private func checkApplicationProtocol() throws {
    let offered = context.applicationProtocols
    guard !offered.isEmpty else { return }
    guard let selected = negotiatedALPN, offered.contains(selected) else {
      let side = context.role == .client ? "the server did not select" : "the client did not offer"
      throw TLSError(
        .applicationProtocol,
        "\(side) an application protocol from \(offered.joined(separator: ", ")) (ALPN)")
    }
  }

  /// `::1` from `[::1]`; other names unchanged.
  private static func unbracketed(_ name: String) -> String {
    guard name.hasPrefix("["), name.hasSuffix("]") else { return name }
    return String(name.dropFirst().dropLast())
  }

  /// True for a numeric IPv4 or IPv6 address.
  private static func isIPAddress(_ name: String) -> Bool {
    var address = in6_addr()
    return inet_pton(AF_INET, name, &address) == 1 || inet_pton(AF_INET6, name, &address) == 1
  }
}
