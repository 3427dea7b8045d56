import Foundation
import Policy

/// How to reach and authenticate with the SMTP relay, read from the
/// environment.
///
/// | Variable | Default | Meaning |
/// |---|---|---|
/// | `SMTP_HOST` | required | relay host name or IP address |
/// | `SMTP_PORT` | `587` | submission port (STARTTLS) |
/// | `SMTP_USER` | required | AUTH user name |
/// | `SMTP_PASS` | required | AUTH password |
/// | `SMTP_VERIFY_TLS` | `true` | verify the certificate chain and host name |
/// | `SMTP_SEND_TIMEOUT` | `30` | seconds one send may take, end to end |
/// | `SMTP_FROM_EMAIL` | required | sender address |
/// | `SMTP_CA_FILE` | system store | PEM file of trusted CAs |
/// | `SMTP_MAX_SESSIONS` | `4` | connections open in parallel at most |
/// | `SMTP_IDLE_TIMEOUT` | `30` | seconds an unused connection stays open |
/// | `SMTP_HELO_NAME` | `localhost` | name sent in `EHLO` |
public struct SMTPConfiguration: Sendable, CustomStringConvertible {
  /// Relay host name or IP address.
  public var host: String
  /// Relay port.
  public var port: UInt16
  /// AUTH user name.
  public var username: String
  /// AUTH password.
  public var password: String
  /// Whether the relay's certificate chain and host name are verified.
  public var verifiesTLS: Bool
  /// The bound on one whole send: connect, TLS, AUTH and the transaction.
  public var sendTimeout: Duration
  /// The sender address every message is sent from.
  public var fromAddress: MailAddress
  /// A PEM file of trusted CAs used instead of the system store.
  public var caFile: String?
  /// How many connections may be open at once.
  public var maxSessions: Int
  /// How long an unused connection stays open before it is closed.
  public var idleTimeout: Duration
  /// The name this client announces in `EHLO`.
  public var heloName: String

  /// Creates a configuration from values.
  public init(
    host: String,
    port: UInt16 = 587,
    username: String,
    password: String,
    verifiesTLS: Bool = true,
    sendTimeout: Duration = .seconds(30),
    fromAddress: MailAddress,
    caFile: String? = nil,
    maxSessions: Int = 4,
    idleTimeout: Duration = .seconds(30),
    heloName: String = "localhost"
  ) {
    self.host = host
    self.port = port
    self.username = username
    self.password = password
    self.verifiesTLS = verifiesTLS
    self.sendTimeout = sendTimeout
    self.fromAddress = fromAddress
    self.caFile = caFile
    self.maxSessions = maxSessions
    self.idleTimeout = idleTimeout
    self.heloName = heloName
  }

  /// Reads the variables described on the type.
  /// - Parameter environment: usually `ProcessInfo.processInfo.environment`.
  /// - Throws: ``SMTPConfigurationError`` naming the first missing or invalid
  ///   variable; its description is one line fit to print before exiting.
  public init(environment: [String: String]) throws(SMTPConfigurationError) {
    func required(_ name: String) throws(SMTPConfigurationError) -> String {
      guard let value = environment[name], !value.isEmpty else {
        throw SMTPConfigurationError(variable: name, problem: "is required")
      }
      return value
    }

    func optional(_ name: String) -> String? {
      guard let value = environment[name], !value.isEmpty else { return nil }
      return value
    }

    func number(_ name: String, default fallback: Int, range: ClosedRange<Int>)
      throws(SMTPConfigurationError) -> Int
    {
      guard let text = optional(name) else { return fallback }
      guard let value = Int(text), range.contains(value) else {
        throw SMTPConfigurationError(
          variable: name,
          problem: "must be a whole number from \(range.lowerBound) to \(range.upperBound)")
      }
      return value
    }

    func seconds(_ name: String, default fallback: Double) throws(SMTPConfigurationError)
      -> Duration
    {
      guard let text = optional(name) else { return .milliseconds(Int(fallback * 1000)) }
      guard let value = Double(text), value > 0, value <= 3600 else {
        throw SMTPConfigurationError(
          variable: name, problem: "must be a number of seconds above 0 and at most 3600")
      }
      return .milliseconds(Int((value * 1000).rounded()))
    }

    let host = try required("SMTP_HOST")
    guard !host.unicodeScalars.contains(where: { $0.value <= 0x20 || $0 == "/" }) else {
      throw SMTPConfigurationError(variable: "SMTP_HOST", problem: "is not a host name")
    }
    let port = try number("SMTP_PORT", default: 587, range: 1...65535)
    let username = try required("SMTP_USER")
    let password = try required("SMTP_PASS")

    var verifiesTLS = true
    if let text = optional("SMTP_VERIFY_TLS") {
      switch text.lowercased() {
      case "true", "1", "yes", "on": verifiesTLS = true
      case "false", "0", "no", "off": verifiesTLS = false
      default:
        throw SMTPConfigurationError(variable: "SMTP_VERIFY_TLS", problem: "must be true or false")
      }
    }

    let sendTimeout = try seconds("SMTP_SEND_TIMEOUT", default: 30)
    let fromText = try required("SMTP_FROM_EMAIL")
    let fromAddress: MailAddress
    do {
      fromAddress = try MailAddress(fromText, field: "SMTP_FROM_EMAIL")
    } catch {
      throw SMTPConfigurationError(
        variable: "SMTP_FROM_EMAIL", problem: "is not a valid address (\(error.message))")
    }

    let caFile = optional("SMTP_CA_FILE")
    if let caFile, !FileManager.default.isReadableFile(atPath: caFile) {
      throw SMTPConfigurationError(variable: "SMTP_CA_FILE", problem: "is not a readable file")
    }
    let maxSessions = try number("SMTP_MAX_SESSIONS", default: 4, range: 1...256)
    let idleTimeout = try seconds("SMTP_IDLE_TIMEOUT", default: 30)
    let heloText = optional("SMTP_HELO_NAME") ?? "localhost"
    guard let heloName = try? DomainName.canonicalHostName(heloText) else {
      throw SMTPConfigurationError(variable: "SMTP_HELO_NAME", problem: "is not a host name")
    }

    self.init(
      host: host, port: UInt16(port), username: username, password: password,
      verifiesTLS: verifiesTLS, sendTimeout: sendTimeout, fromAddress: fromAddress,
      caFile: caFile, maxSessions: maxSessions, idleTimeout: idleTimeout,
      heloName: heloName)
  }

  /// Lines the server should log as warnings at start-up: currently one when
  /// certificate verification is off.
  public var startupWarnings: [String] {
    verifiesTLS
      ? []
      : [
        "SMTP_VERIFY_TLS=false: the mail relay's certificate is not verified;"
          + " use only for local development"
      ]
  }

  /// A summary without the password.
  public var description: String {
    "smtp://\(username)@\(host):\(port) verify_tls=\(verifiesTLS) from=\(fromAddress)"
  }
}

/// A missing or invalid SMTP setting.
public struct SMTPConfigurationError: Error, Sendable, Equatable, CustomStringConvertible {
  /// The environment variable at fault, such as `SMTP_HOST`.
  public let variable: String
  /// What is wrong with it, such as `is required`.
  public let problem: String

  /// One line naming the variable: `SMTP_HOST is required`.
  public var description: String { "\(variable) \(problem)" }
}
