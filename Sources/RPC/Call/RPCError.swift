/// A call that ended with a status other than OK.
///
/// Handlers throw it to choose the status, message and trailing metadata
/// the caller sees; clients receive it when the server ends a call that
/// way. Any other error a handler throws reaches the caller as `UNKNOWN`
/// with a generic message, so internal details never cross the wire.
public struct RPCError: Error, Sendable, Hashable, CustomStringConvertible {
  /// The status code.
  public var code: StatusCode
  /// A message for humans, sent percent-encoded in `grpc-message`.
  public var message: String
  /// Custom trailing metadata sent with the status.
  public var metadata: Metadata

  public init(_ code: StatusCode, _ message: String, metadata: Metadata = Metadata()) {
    self.code = code
    self.message = message
    self.metadata = metadata
  }

  public var description: String {
    message.isEmpty ? code.name : "\(code.name): \(message)"
  }
}
