/// Names one RPC method and says how its messages flow; generated code
/// declares one per method and the server routes `:path` with it.
public struct MethodDescriptor: Sendable, Hashable, CustomStringConvertible {
  /// How many messages travel in each direction.
  public enum Kind: Sendable, Hashable {
    /// One request, one response.
    case unary
    /// One request, any number of responses.
    case serverStreaming
    /// Any number of requests, one response.
    case clientStreaming
    /// Any number in both directions, interleaved as the handler likes.
    case bidirectionalStreaming
  }

  /// The fully qualified service, such as `outreach.v1.Policy`.
  public let service: String
  /// The method name as written in the schema, such as `Validate`.
  public let method: String
  /// How messages flow.
  public let kind: Kind

  public init(service: String, method: String, kind: Kind) {
    self.service = service
    self.method = method
    self.kind = kind
  }

  /// `outreach.v1.Policy/Validate`.
  public var fullName: String { "\(service)/\(method)" }

  /// The HTTP/2 `:path` of the method: `/outreach.v1.Policy/Validate`.
  public var path: String { "/\(service)/\(method)" }

  public var description: String { fullName }
}
