import COpenSSL

/// The OpenSSL client context every SMTP connection is created from: TLS 1.2
/// or newer, and, when verifying, the chain checked against the system store
/// or a CA file.
///
/// Host names are checked per connection (``SMTPConnection``), since one
/// context serves every connection.
///
/// `@unchecked Sendable`: the `SSL_CTX` is configured once in `init` and only
/// read afterwards (`SSL_new`), which OpenSSL documents as thread-safe.
final class TLSClientContext: @unchecked Sendable {
  /// The owned context, freed in `deinit`.
  let context: OpaquePointer
  /// Whether connections verify the peer's chain and host name.
  let verifiesPeer: Bool

  /// Creates a context.
  /// - Parameters:
  ///   - verifiesPeer: check chain and host name (`SMTP_VERIFY_TLS`).
  ///   - caFile: PEM file of trusted CAs instead of the system store.
  /// - Throws: ``SMTPTransportError`` when OpenSSL cannot create the context
  ///   or load the CA file.
  init(verifiesPeer: Bool, caFile: String?) throws(SMTPTransportError) {
    guard let context = SSL_CTX_new(TLS_client_method()) else {
      throw SMTPTransportError(.tlsFailed, "cannot create a TLS context: \(openSSLErrorText())")
    }
    self.context = context
    self.verifiesPeer = verifiesPeer
    _ = copenssl_ctx_set_min_proto_version(context, TLS1_2_VERSION)
    _ = copenssl_ctx_set_mode(context, Int(SSL_MODE_ENABLE_PARTIAL_WRITE))

    guard verifiesPeer else {
      SSL_CTX_set_verify(context, SSL_VERIFY_NONE, nil)
      return
    }
    SSL_CTX_set_verify(context, SSL_VERIFY_PEER, nil)
    let loaded =
      if let caFile {
        SSL_CTX_load_verify_locations(context, caFile, nil)
      } else {
        SSL_CTX_set_default_verify_paths(context)
      }
    guard loaded == 1 else {
      throw SMTPTransportError(
        .tlsFailed, "cannot load trusted certificates: \(openSSLErrorText())")
    }
  }

  deinit {
    SSL_CTX_free(context)
  }
}

/// The oldest error on this thread's OpenSSL error queue as text, clearing the queue.
func openSSLErrorText() -> String {
  let code = ERR_get_error()
  ERR_clear_error()
  guard code != 0 else { return "unknown TLS error" }
  var buffer = [CChar](repeating: 0, count: 256)
  ERR_error_string_n(code, &buffer, buffer.count)
  return String(
    decoding: buffer.prefix(while: { $0 != 0 }).map { UInt8(bitPattern: $0) }, as: UTF8.self)
}
