/// A failure of the connection under the SMTP dialogue: connecting, the TLS
/// handshake, reading, writing, or the deadline.
struct SMTPTransportError: Error, Sendable, Equatable, CustomStringConvertible {
  /// What kind of failure.
  enum Code: String, Sendable, Equatable {
    case connectFailed = "connect_failed"
    case timedOut = "timed_out"
    case closedByPeer = "closed_by_peer"
    case tlsFailed = "tls_failed"
    case ioFailed = "io_failed"
    case malformedReply = "malformed_reply"
  }

  let code: Code
  /// A human explanation; never holds credentials or message content.
  let message: String

  init(_ code: Code, _ message: String) {
    self.code = code
    self.message = message
  }

  var description: String { message }
}
