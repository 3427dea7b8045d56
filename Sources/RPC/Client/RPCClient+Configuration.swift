extension RPCClient {
  /// How an ``RPCClient`` reaches its server and what every call carries.
  public struct Configuration: Sendable {
    /// Whether the connection is encrypted.
    public enum Security: Sendable {
      /// HTTP/2 over plain TCP with prior knowledge (h2c).
      case plaintext
      /// HTTP/2 over TLS; the server must select `h2` with ALPN.
      case tls(TLS)
    }

    /// TLS settings.
    public struct TLS: Sendable {
      /// Check the server's certificate chain and name. Turn off only for
      /// tests against self-signed servers.
      public var verifiesPeer: Bool
      /// A PEM file of trusted CAs; the system store when `nil`.
      public var caFile: String?
      /// The name checked against the certificate, sent as SNI and used as
      /// `:authority`, instead of the target's host.
      public var serverNameOverride: String?

      public init(
        verifiesPeer: Bool = true, caFile: String? = nil, serverNameOverride: String? = nil
      ) {
        self.verifiesPeer = verifiesPeer
        self.caFile = caFile
        self.serverNameOverride = serverNameOverride
      }
    }

    /// `host:port`: a name, an IPv4 address, or an IPv6 address in
    /// brackets such as `[::1]:50051`.
    public var target: String
    /// Plaintext or TLS.
    public var security: Security
    /// The timeout of calls whose options set none; `nil` for no deadline.
    public var defaultTimeout: Duration?
    /// Metadata sent with every call, such as a bearer token in
    /// `authorization`; a call's own metadata of the same name replaces it.
    public var defaultMetadata: Metadata
    /// The largest response message accepted; larger ones fail the call
    /// with `RESOURCE_EXHAUSTED`.
    public var maxReceiveMessageSize: Int
    /// How long opening a connection (resolution, TCP, TLS) may take.
    public var connectTimeout: Duration
    /// Flow-control windows offered to the server.
    var http2Settings = HTTP2ClientSession.Settings()

    public init(
      target: String,
      security: Security = .plaintext,
      defaultTimeout: Duration? = nil,
      defaultMetadata: Metadata = Metadata(),
      maxReceiveMessageSize: Int = 4 << 20,
      connectTimeout: Duration = .seconds(20)
    ) {
      self.target = target
      self.security = security
      self.defaultTimeout = defaultTimeout
      self.defaultMetadata = defaultMetadata
      self.maxReceiveMessageSize = maxReceiveMessageSize
      self.connectTimeout = connectTimeout
    }
  }
}

/// An ``RPCClient`` could not be created.
public struct RPCClientError: Error, Sendable, Hashable, CustomStringConvertible {
  /// What went wrong.
  public enum Code: Sendable, Hashable {
    /// The target is not `host:port`.
    case invalidTarget
    /// The TLS settings could not be applied (unreadable CA file…).
    case tls
    /// The event loop thread could not start.
    case eventLoop
  }

  /// What went wrong.
  public var code: Code
  /// A message for humans.
  public var message: String

  public init(_ code: Code, _ message: String) {
    self.code = code
    self.message = message
  }

  public var description: String { message }
}

extension ClientTarget {
  /// Parses `host:port`, `[v6]:port` or `v4:port`.
  ///
  /// - Parameter serverNameOverride: the TLS name to use instead of the host.
  /// - Throws: ``RPCClientError`` `invalidTarget`.
  init(parsing target: String, serverNameOverride: String?) throws(RPCClientError) {
    let host: Substring
    let portText: Substring
    if target.hasPrefix("[") {
      guard let close = target.firstIndex(of: "]"),
        target[target.index(after: close)...].hasPrefix(":")
      else {
        throw RPCClientError(
          .invalidTarget, "invalid target \"\(target)\": expected [address]:port")
      }
      host = target[target.index(after: target.startIndex)..<close]
      portText = target[target.index(close, offsetBy: 2)...]
    } else {
      guard let colon = target.lastIndex(of: ":"), !target[..<colon].contains(":") else {
        throw RPCClientError(
          .invalidTarget, "invalid target \"\(target)\": expected host:port or [address]:port")
      }
      host = target[..<colon]
      portText = target[target.index(after: colon)...]
    }
    guard !host.isEmpty, let port = Int(portText), (1...65535).contains(port) else {
      throw RPCClientError(.invalidTarget, "invalid target \"\(target)\": expected host:port")
    }

    self.host = String(host)
    self.port = port
    let isIPv6 = host.contains(":")
    numericHost = Self.isNumeric(String(host)) ? String(host) : nil
    address = isIPv6 ? "[\(host)]:\(port)" : "\(host):\(port)"
    authority = serverNameOverride ?? address
    serverName = serverNameOverride ?? String(host)
  }

  private static func isNumeric(_ host: String) -> Bool {
    (try? SocketAddress(host: host, port: 0)) != nil
  }
}
