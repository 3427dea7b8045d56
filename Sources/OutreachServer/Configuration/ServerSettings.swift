import Foundation
import Glibc
import Logging
import Mail
import Policy

/// Everything `outreachd` reads from its environment.
///
/// | Variable | Default | Meaning |
/// |---|---|---|
/// | `OUTREACH_LISTEN` | `127.0.0.1:50051` | comma-separated `host:port` list; IPv6 as `[::1]:50051` |
/// | `OUTREACH_DB` | `./outreach.db` | SQLite database file |
/// | `OUTREACH_DAILY_USER_CAP` | `100` | sends per user per UTC day |
/// | `OUTREACH_DAILY_DOMAIN_CAP` | `20` | sends per recipient domain per UTC day |
/// | `OUTREACH_TLS_CERT`, `OUTREACH_TLS_KEY` | none | PEM certificate chain and key; both or neither |
/// | `OUTREACH_LOG_LEVEL` | `info` | `trace` … `critical` |
/// | `OUTREACH_MAIL_DROP` | none | development only: write messages to this folder instead of SMTP |
/// | `SMTP_*` | see ``SMTPConfiguration`` | the mail relay; required unless `OUTREACH_MAIL_DROP` is set |
struct ServerSettings: Sendable {
  /// How mail leaves the server.
  enum MailDelivery: Sendable {
    /// Through the SMTP relay.
    case smtp(SMTPConfiguration)
    /// Into a local folder, for development and tests.
    case drop(directory: String)
  }

  var listenAddresses: [String]
  var databasePath: String
  var limits: PolicyLimits
  var tlsCertificateFile: String?
  var tlsKeyFile: String?
  var logLevel: Logger.Level
  var mail: MailDelivery
  /// The sender used when a request names none.
  var defaultSender: EmailAddress?

  /// Reads the variables in the table above.
  /// - Parameter needsMail: false for operator commands, which only need
  ///   the database.
  /// - Throws: ``SettingsError`` naming the first missing or invalid variable.
  init(environment: [String: String], needsMail: Bool = true) throws(SettingsError) {
    func value(_ name: String) -> String? {
      guard let text = environment[name]?.trimmingCharacters(in: .whitespaces), !text.isEmpty
      else { return nil }
      return text
    }

    func cap(_ name: String, default fallback: Int) throws(SettingsError) -> Int {
      guard let text = value(name) else { return fallback }
      guard let number = Int(text), (1...1_000_000).contains(number) else {
        throw SettingsError(variable: name, problem: "must be a whole number from 1 to 1000000")
      }
      return number
    }

    func readableFile(_ name: String) throws(SettingsError) -> String? {
      guard let path = value(name) else { return nil }
      guard FileManager.default.isReadableFile(atPath: path) else {
        throw SettingsError(variable: name, problem: "is not a readable file")
      }
      return path
    }

    let listen = value("OUTREACH_LISTEN") ?? "127.0.0.1:50051"
    listenAddresses = listen.split(separator: ",").map {
      $0.trimmingCharacters(in: .whitespaces)
    }
    guard !listenAddresses.isEmpty else {
      throw SettingsError(variable: "OUTREACH_LISTEN", problem: "names no address")
    }
    for address in listenAddresses where !Self.isListenAddress(address) {
      throw SettingsError(
        variable: "OUTREACH_LISTEN",
        problem:
          "has \(address), which is not host:port with a numeric IP (such as 127.0.0.1:50051 or [::1]:50051)"
      )
    }

    databasePath = value("OUTREACH_DB") ?? "./outreach.db"
    limits = PolicyLimits(
      dailyUserCap: try cap("OUTREACH_DAILY_USER_CAP", default: 100),
      dailyDomainCap: try cap("OUTREACH_DAILY_DOMAIN_CAP", default: 20))

    tlsCertificateFile = try readableFile("OUTREACH_TLS_CERT")
    tlsKeyFile = try readableFile("OUTREACH_TLS_KEY")
    if (tlsCertificateFile == nil) != (tlsKeyFile == nil) {
      let missing = tlsCertificateFile == nil ? "OUTREACH_TLS_CERT" : "OUTREACH_TLS_KEY"
      throw SettingsError(
        variable: missing, problem: "is required when the other TLS file is set")
    }

    if let text = value("OUTREACH_LOG_LEVEL") {
      guard let level = Logger.Level(name: text) else {
        throw SettingsError(
          variable: "OUTREACH_LOG_LEVEL",
          problem: "must be trace, debug, info, notice, warning, error or critical")
      }
      logLevel = level
    } else {
      logLevel = .info
    }

    if let directory = value("OUTREACH_MAIL_DROP") {
      mail = .drop(directory: directory)
      if let from = value("SMTP_FROM_EMAIL") {
        do {
          defaultSender = try EmailAddress(parsing: from)
        } catch {
          throw SettingsError(
            variable: "SMTP_FROM_EMAIL", problem: "is not a valid address (\(error.message))")
        }
      }
    } else if needsMail {
      let smtp: SMTPConfiguration
      do {
        smtp = try SMTPConfiguration(environment: environment)
      } catch {
        throw SettingsError(variable: error.variable, problem: error.problem)
      }
      mail = .smtp(smtp)
      defaultSender = try? EmailAddress(parsing: smtp.fromAddress.wireForm)
    } else {
      mail = .drop(directory: "")
      defaultSender = nil
    }
  }

  /// Whether `text` is `host:port` with a numeric IPv4 host or a bracketed
  /// numeric IPv6 host and a port from 0 to 65535.
  static func isListenAddress(_ text: String) -> Bool {
    guard let colon = text.lastIndex(of: ":"),
      let port = Int(text[text.index(after: colon)...]), (0...65535).contains(port)
    else { return false }
    let host = text[..<colon]
    var buffer = in6_addr()
    if host.hasPrefix("[") && host.hasSuffix("]") {
      return inet_pton(AF_INET6, String(host.dropFirst().dropLast()), &buffer) == 1
    }
    return inet_pton(AF_INET, String(host), &buffer) == 1
  }
}

/// A missing or invalid setting; its description is the one line
/// `outreachd` prints before exiting with status 2.
struct SettingsError: Error, Sendable, Equatable, CustomStringConvertible {
  /// The environment variable at fault.
  let variable: String
  /// What is wrong with it, as the end of a sentence.
  let problem: String

  var description: String { "\(variable) \(problem)" }
}
