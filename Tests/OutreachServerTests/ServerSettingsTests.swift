import Foundation
import Testing

@testable import OutreachServer

/// Start-up settings come from the environment; a bad one names itself.
@Suite("Server settings")
struct ServerSettingsTests {
  private let smtp = [
    "SMTP_HOST": "smtp.example.com", "SMTP_USER": "user", "SMTP_PASS": "secret",
    "SMTP_FROM_EMAIL": "outreach@example.com",
  ]

  @Test("defaults serve a laptop")
  func defaults() throws {
    let settings = try ServerSettings(environment: smtp)
    #expect(settings.listenAddresses == ["127.0.0.1:50051"])
    #expect(settings.databasePath == "./outreach.db")
    #expect(settings.limits.dailyUserCap == 100)
    #expect(settings.limits.dailyDomainCap == 20)
    #expect(settings.tlsCertificateFile == nil)
    #expect(settings.logLevel == .info)
    #expect(settings.defaultSender?.address == "outreach@example.com")
  }

  @Test("several listen addresses, IPv6 included, and caps are read")
  func values() throws {
    var environment = smtp
    environment["OUTREACH_LISTEN"] = "127.0.0.1:7000, [::1]:7001"
    environment["OUTREACH_DAILY_USER_CAP"] = "5"
    environment["OUTREACH_DAILY_DOMAIN_CAP"] = "2"
    environment["OUTREACH_LOG_LEVEL"] = "debug"
    let settings = try ServerSettings(environment: environment)
    #expect(settings.listenAddresses == ["127.0.0.1:7000", "[::1]:7001"])
    #expect(settings.limits.dailyUserCap == 5)
    #expect(settings.limits.dailyDomainCap == 2)
    #expect(settings.logLevel == .debug)
  }

  @Test(
    "a missing or invalid variable stops start-up naming it",
    arguments: [
      ("OUTREACH_LISTEN", "localhost:50051"),
      ("OUTREACH_LISTEN", "127.0.0.1"),
      ("OUTREACH_LISTEN", "127.0.0.1:70000"),
      ("OUTREACH_DAILY_USER_CAP", "0"),
      ("OUTREACH_DAILY_DOMAIN_CAP", "many"),
      ("OUTREACH_TLS_CERT", "/nonexistent/cert.pem"),
      ("OUTREACH_LOG_LEVEL", "loud"),
      ("SMTP_HOST", ""),
      ("SMTP_PORT", "0"),
      ("SMTP_VERIFY_TLS", "maybe"),
      ("SMTP_FROM_EMAIL", "not-an-address"),
    ])
  func invalid(variable: String, value: String) throws {
    var environment = smtp
    environment[variable] = value
    #expect(failure(environment) == variable)
  }

  @Test("a TLS certificate without its key names the key")
  func tlsNeedsBoth() throws {
    let certificate = FileManager.default.temporaryDirectory
      .appendingPathComponent("cert-\(UUID().uuidString).pem")
    try Data("x".utf8).write(to: certificate)
    defer { try? FileManager.default.removeItem(at: certificate) }
    var environment = smtp
    environment["OUTREACH_TLS_CERT"] = certificate.path
    #expect(failure(environment) == "OUTREACH_TLS_KEY")
  }

  @Test("operator commands need no SMTP settings")
  func operatorCommandsNeedNoMail() throws {
    let settings = try ServerSettings(environment: ["OUTREACH_DB": "/tmp/x.db"], needsMail: false)
    #expect(settings.databasePath == "/tmp/x.db")
  }
}

/// The variable reading `environment` fails on, or `nil` when it succeeds.
private func failure(_ environment: [String: String]) -> String? {
  do {
    _ = try ServerSettings(environment: environment)
    return nil
  } catch {
    return error.variable
  }
}
