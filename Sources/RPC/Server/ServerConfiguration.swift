import Glibc
import Logging

extension RPCServer {
  /// Certificate and key files that turn the listeners into TLS listeners
  /// negotiating `h2` by ALPN.
  public struct TLSFiles: Sendable, Hashable {
    /// PEM certificate chain, leaf first.
    public var certificateChainFile: String
    /// PEM private key of the leaf certificate.
    public var privateKeyFile: String

    public init(certificateChainFile: String, privateKeyFile: String) {
      self.certificateChainFile = certificateChainFile
      self.privateKeyFile = privateKeyFile
    }
  }

  /// Everything that shapes a server, with defaults for a laptop.
  public struct Configuration: Sendable {
    /// Where to listen, as `host:port` with a numeric IPv4 address or a
    /// bracketed IPv6 one (`127.0.0.1:50051`, `[::1]:0`). Port 0 picks a free
    /// port; read it back from ``RPCServer/listeningPorts``.
    public var listenAddresses: [String]
    /// TLS certificate and key; `nil` serves h2c (HTTP/2 over plain TCP with
    /// prior knowledge).
    public var tls: TLSFiles?
    /// Event-loop threads; each owns the connections it is given.
    public var loopCount: Int
    /// Streams a client may have open on one connection, advertised in
    /// SETTINGS; the excess is refused with `REFUSED_STREAM`.
    public var maxConcurrentStreams: Int
    /// The largest request header block accepted, in HPACK-decoded bytes.
    public var maxHeaderListSize: Int
    /// Connections served at once; more are closed as soon as accepted.
    public var maxConnections: Int
    /// A connection without open streams for this long is closed with
    /// GOAWAY; `nil` keeps idle connections forever.
    public var idleTimeout: Duration?
    /// The largest request message accepted; bigger ones end the call with
    /// `RESOURCE_EXHAUSTED` before they are buffered.
    public var maxReceiveMessageSize: Int
    /// How long a graceful shutdown waits for calls in flight.
    public var shutdownGracePeriod: Duration
    /// Serve `grpc.health.v1.Health` from ``RPCServer/health``.
    public var servesHealth: Bool
    /// Where the server logs connection-level events.
    public var logger: Logger

    /// A configuration listening on `127.0.0.1:50051` with the defaults
    /// every stock gRPC implementation uses where one exists.
    public init(listenAddresses: [String] = ["127.0.0.1:50051"]) {
      self.listenAddresses = listenAddresses
      self.tls = nil
      self.loopCount = max(1, Int(sysconf(Int32(_SC_NPROCESSORS_ONLN))))
      self.maxConcurrentStreams = 256
      self.maxHeaderListSize = 16 * 1024
      self.maxConnections = 10_000
      self.idleTimeout = .seconds(300)
      self.maxReceiveMessageSize = 4 * 1024 * 1024
      self.shutdownGracePeriod = .seconds(10)
      self.servesHealth = true
      self.logger = Logger(label: "rpc.server")
    }
  }
}

/// A listen address split into a numeric host and a port.
struct ListenAddress: Sendable, Hashable {
  var host: String
  var port: Int

  /// Parses `host:port`, `[v6]:port`.
  ///
  /// - Throws: ``ServerError`` `invalidAddress` when it does not parse.
  init(parsing text: String) throws(ServerError) {
    guard let colon = text.lastIndex(of: ":"), let port = Int(text[text.index(after: colon)...]),
      (0...65535).contains(port)
    else {
      throw ServerError(.invalidAddress, "listen address \(text) is not host:port")
    }
    var host = String(text[..<colon])
    if host.hasPrefix("[") && host.hasSuffix("]") { host = String(host.dropFirst().dropLast()) }
    guard !host.isEmpty else {
      throw ServerError(.invalidAddress, "listen address \(text) has no host")
    }
    self.host = host
    self.port = port
  }
}

/// Why a server could not start.
public struct ServerError: Error, Sendable, Hashable, CustomStringConvertible {
  /// What went wrong, broadly.
  public struct Code: Sendable, Hashable, CustomStringConvertible {
    private let name: String

    private init(_ name: String) {
      self.name = name
    }

    /// A listen address that does not parse.
    public static let invalidAddress = Code("invalid address")
    /// A socket, bind or listen call failed (port in use, no permission).
    public static let listenFailed = Code("listen failed")
    /// The TLS certificate or key could not be loaded.
    public static let tlsFailed = Code("TLS setup failed")
    /// An event loop could not start.
    public static let loopFailed = Code("event loop failed")
    /// `start()` ran twice, or after shutdown.
    public static let badState = Code("bad state")

    public var description: String { name }
  }

  /// The kind of failure.
  public var code: Code
  /// What happened, for humans.
  public var message: String

  public init(_ code: Code, _ message: String) {
    self.code = code
    self.message = message
  }

  public var description: String { "\(code): \(message)" }
}
