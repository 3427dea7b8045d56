import COpenSSL

/// A TLS failure: what went wrong and OpenSSL's own explanation.
///
/// Messages come from OpenSSL's error queue and certificate verifier; they
/// name files, protocols and certificate problems, never key material.
package struct TLSError: Error, Sendable, Hashable, CustomStringConvertible {
  /// What kind of failure this is.
  package enum Code: Sendable, Hashable {
    /// The context could not be created or configured.
    case configuration
    /// A certificate, key or CA file could not be loaded.
    case fileLoad
    /// The peer's certificate failed verification (unknown CA, wrong name, expired…).
    case certificateVerification
    /// The peers share no application protocol (the client did not offer `h2`,
    /// or the server did not select it).
    case applicationProtocol
    /// The handshake failed for another reason (protocol error, alert).
    case handshake
    /// Reading or writing application data failed.
    case io
  }

  /// What kind of failure this is.
  package var code: Code
  /// A message for humans.
  package var message: String

  package init(_ code: Code, _ message: String) {
    self.code = code
    self.message = message
  }

  package var description: String { message }

  /// Builds an error from OpenSSL's error queue, which it drains.
  ///
  /// - Parameters:
  ///   - code: the kind of failure.
  ///   - context: what was being attempted, such as `loading the certificate chain`.
  package static func fromErrorQueue(_ code: Code, _ context: String) -> TLSError {
    let reasons = drainErrorQueue()
    guard !reasons.isEmpty else { return TLSError(code, context) }
    return TLSError(code, "\(context): \(reasons.joined(separator: "; "))")
  }

  /// Every pending OpenSSL error as text, oldest first; leaves the queue empty.
  static func drainErrorQueue() -> [String] {
    var reasons: [String] = []
    while true {
      let error = ERR_get_error()
      if error == 0 { break }
      reasons.append(errorString(error))
    }
    return reasons
  }

  /// OpenSSL's text for one packed error code, such as
  /// `error:0A000086:SSL routines::certificate verify failed`.
  private static func errorString(_ error: UInt) -> String {
    var buffer = [CChar](repeating: 0, count: 256)
    ERR_error_string_n(error, &buffer, buffer.count)
    let bytes = buffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }
    return String(decoding: bytes, as: UTF8.self)
  }
}
