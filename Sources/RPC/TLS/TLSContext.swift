import COpenSSL

/// An OpenSSL context: the certificates, verification policy and ALPN
/// protocols shared by every ``TLSConnection`` made from it.
///
/// Configured once in a factory method and never changed afterwards, so one
/// context may be used from any thread: OpenSSL allows concurrent `SSL_new`
/// on a context that is no longer being modified. That is why it is
/// `@unchecked Sendable`.
package final class TLSContext: @unchecked Sendable {
  /// Which end of a connection this context is for.
  package enum Role: Sendable {
    case client
    case server
  }

  /// Which end of a connection this context is for.
  package let role: Role
  /// The application protocols, in order of preference; a handshake that
  /// does not settle on one of them fails.
  package let applicationProtocols: [String]
  /// Whether a client checks the server's certificate and name.
  package let verifiesPeer: Bool

  let context: OpaquePointer
  /// One length byte then the ALPN wire list, read by the server's selection
  /// callback for as long as the context lives.
  private let serverPreferences: UnsafeMutablePointer<UInt8>?

  private init(
    role: Role,
    context: OpaquePointer,
    applicationProtocols: [String],
    verifiesPeer: Bool,
    serverPreferences: UnsafeMutablePointer<UInt8>?
  ) {
    self.role = role
    self.context = context
    self.applicationProtocols = applicationProtocols
    self.verifiesPeer = verifiesPeer
    self.serverPreferences = serverPreferences
  }

  deinit {
    SSL_CTX_free(context)
    serverPreferences?.deallocate()
  }

  /// A server context presenting `certificateChainFile` (PEM, leaf first)
  /// and selecting an ALPN protocol from `alpn`; clients that offer none of
  /// them are refused during the handshake.
  ///
  /// - Throws: ``TLSError`` when a file cannot be loaded or the key does not
  ///   match the certificate.
  package static func server(
    certificateChainFile: String,
    privateKeyFile: String,
    alpn: [String] = ["h2"]
  ) throws -> TLSContext {
    let context = try makeContext(method: TLS_server_method())
    var succeeded = false
    defer { if !succeeded { SSL_CTX_free(context) } }

    guard SSL_CTX_use_certificate_chain_file(context, certificateChainFile) == 1 else {
      throw TLSError.fromErrorQueue(
        .fileLoad, "could not load the certificate chain from \(certificateChainFile)")
    }
    guard SSL_CTX_use_PrivateKey_file(context, privateKeyFile, SSL_FILETYPE_PEM) == 1 else {
      throw TLSError.fromErrorQueue(
        .fileLoad, "could not load the private key from \(privateKeyFile)")
    }
    guard SSL_CTX_check_private_key(context) == 1 else {
      throw TLSError.fromErrorQueue(
        .fileLoad, "the private key in \(privateKeyFile) does not match the certificate")
    }

    var preferences: UnsafeMutablePointer<UInt8>?
    if !alpn.isEmpty {
      let wire = try wireFormat(alpn)
      let storage = UnsafeMutablePointer<UInt8>.allocate(capacity: wire.count + 1)
      storage[0] = UInt8(wire.count)
      storage.advanced(by: 1).update(from: wire, count: wire.count)
      copenssl_ctx_set_alpn_preferences(context, storage)
      preferences = storage
    }

    succeeded = true
    return TLSContext(
      role: .server, context: context, applicationProtocols: alpn, verifiesPeer: false,
      serverPreferences: preferences)
  }

  /// A client context offering the protocols in `alpn`.
  ///
  /// - Parameters:
  ///   - verifyPeer: check the server's certificate chain and host name;
  ///     turn off only for tests against self-signed servers.
  ///   - caFile: PEM file of trusted CAs; the system store when `nil`.
  ///   - alpn: protocols to offer; the server must select one of them.
  /// - Throws: ``TLSError`` when the CA file or system store cannot be loaded.
  package static func client(
    verifyPeer: Bool = true,
    caFile: String? = nil,
    alpn: [String] = ["h2"]
  ) throws -> TLSContext {
    let context = try makeContext(method: TLS_client_method())
    var succeeded = false
    defer { if !succeeded { SSL_CTX_free(context) } }

    if verifyPeer {
      SSL_CTX_set_verify(context, SSL_VERIFY_PEER, nil)
      if let caFile {
        guard SSL_CTX_load_verify_locations(context, caFile, nil) == 1 else {
          throw TLSError.fromErrorQueue(
            .fileLoad, "could not load trusted certificates from \(caFile)")
        }
      } else {
        guard SSL_CTX_set_default_verify_paths(context) == 1 else {
          throw TLSError.fromErrorQueue(
            .fileLoad, "could not load the system's trusted certificates")
        }
      }
    } else {
      SSL_CTX_set_verify(context, SSL_VERIFY_NONE, nil)
    }

    if !alpn.isEmpty {
      let wire = try wireFormat(alpn)
      // Unlike most of OpenSSL, this call returns 0 on success.
      guard SSL_CTX_set_alpn_protos(context, wire, UInt32(wire.count)) == 0 else {
        throw TLSError.fromErrorQueue(.configuration, "could not set the ALPN protocols")
      }
    }

    succeeded = true
    return TLSContext(
      role: .client, context: context, applicationProtocols: alpn, verifiesPeer: verifyPeer,
      serverPreferences: nil)
  }

  /// A context with the settings both roles share: TLS 1.2 or later, no
  /// renegotiation or compression, partial writes for non-blocking sockets,
  /// and a peer's close without close_notify read as an ordinary end of
  /// stream (HTTP/2 detects truncation itself).
  private static func makeContext(method: OpaquePointer?) throws -> OpaquePointer {
    ERR_clear_error()
    guard let context = SSL_CTX_new(method) else {
      throw TLSError.fromErrorQueue(.configuration, "could not create a TLS context")
    }
    guard copenssl_ctx_set_min_proto_version(context, TLS1_2_VERSION) == 1 else {
      SSL_CTX_free(context)
      throw TLSError.fromErrorQueue(.configuration, "could not require TLS 1.2 or later")
    }
    _ = copenssl_ctx_set_options(
      context,
      UInt(
        copenssl_op_ignore_unexpected_eof() | copenssl_op_no_renegotiation()
          | copenssl_op_no_compression()))
    _ = copenssl_ctx_set_mode(
      context, Int(SSL_MODE_ENABLE_PARTIAL_WRITE | SSL_MODE_ACCEPT_MOVING_WRITE_BUFFER))
    return context
  }

  /// The ALPN wire format: each protocol name prefixed by its length.
  private static func wireFormat(_ protocols: [String]) throws -> [UInt8] {
    var wire: [UInt8] = []
    for name in protocols {
      let bytes = Array(name.utf8)
      guard !bytes.isEmpty, bytes.count <= 255 else {
        throw TLSError(.configuration, "invalid ALPN protocol name \"\(name)\"")
      }
      wire.append(UInt8(bytes.count))
      wire.append(contentsOf: bytes)
    }
    guard wire.count <= 255 else {
      throw TLSError(.configuration, "the ALPN protocol list is too long")
    }
    return wire
  }
}
