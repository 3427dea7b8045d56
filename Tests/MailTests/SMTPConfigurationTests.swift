import Foundation
import Testing

@testable import Mail

@Suite("SMTP configuration from the environment")
struct SMTPConfigurationTests {
  static let complete = [
    "SMTP_HOST": "smtp.example.test", "SMTP_USER": "mailer", "SMTP_PASS": "hunter2",
    "SMTP_FROM_EMAIL": "outreach@example.test",
  ]

  @Test("applies the documented defaults")
  func defaults() throws {
    let configuration = try SMTPConfiguration(environment: Self.complete)
    #expect(configuration.port == 587)
    #expect(configuration.verifiesTLS)
    #expect(configuration.sendTimeout == .seconds(30))
    #expect(configuration.caFile == nil)
    #expect(configuration.startupWarnings.isEmpty)
    #expect(configuration.fromAddress.wireForm == "outreach@example.test")
    #expect(configuration.heloName == "localhost")
  }

  @Test("announces SMTP_HELO_NAME in its canonical A-label form")
  func heloName() throws {
    var environment = Self.complete
    environment["SMTP_HELO_NAME"] = "Mail.Bücher.Example."
    let configuration = try SMTPConfiguration(environment: environment)
    #expect(configuration.heloName == "mail.xn--bcher-kva.example")
  }

  @Test(
    "names the missing required variable in one line",
    arguments: ["SMTP_HOST", "SMTP_USER", "SMTP_PASS", "SMTP_FROM_EMAIL"])
  func missingVariable(name: String) {
    var environment = Self.complete
    environment[name] = nil
    do {
      _ = try SMTPConfiguration(environment: environment)
      Issue.record("expected an error")
    } catch {
      #expect(error.description == "\(name) is required")
      #expect(!error.description.contains("\n"))
    }
  }

  @Test(
    "names an invalid variable",
    arguments: [
      ("SMTP_PORT", "0"), ("SMTP_PORT", "smtp"), ("SMTP_VERIFY_TLS", "maybe"),
      ("SMTP_SEND_TIMEOUT", "-1"), ("SMTP_SEND_TIMEOUT", "soon"),
      ("SMTP_FROM_EMAIL", "a@x.test>\r\nRCPT TO:<b@y.test>"), ("SMTP_MAX_SESSIONS", "0"),
      ("SMTP_HELO_NAME", "evil\r\nMAIL FROM:<x@y>"), ("SMTP_CA_FILE", "/nonexistent/ca.pem"),
    ])
  func invalidVariable(name: String, value: String) {
    var environment = Self.complete
    environment[name] = value
    do {
      _ = try SMTPConfiguration(environment: environment)
      Issue.record("expected an error for \(name)")
    } catch {
      #expect(error.variable == name)
      #expect(error.description.hasPrefix(name))
      #expect(!error.description.contains("\n"))
    }
  }

  @Test("warns at start-up when certificate verification is off")
  func verificationOffWarning() throws {
    var environment = Self.complete
    environment["SMTP_VERIFY_TLS"] = "false"
    environment["SMTP_SEND_TIMEOUT"] = "1.5"
    let configuration = try SMTPConfiguration(environment: environment)
    #expect(!configuration.verifiesTLS)
    #expect(configuration.sendTimeout == .milliseconds(1500))
    #expect(configuration.startupWarnings.count == 1)
  }

  @Test("names SMTP_CA_FILE when it holds no certificate")
  func unusableCAFile() throws {
    let directory = try TestEnvironment.makeTemporaryDirectory()
    defer { try? FileManager.default.removeItem(at: directory) }
    let file = directory.appendingPathComponent("ca.pem").path
    try "not a certificate\n".write(toFile: file, atomically: true, encoding: .utf8)
    var environment = Self.complete
    environment["SMTP_CA_FILE"] = file
    let configuration = try SMTPConfiguration(environment: environment)
    do {
      _ = try SMTPSender(configuration: configuration)
      Issue.record("expected an error")
    } catch {
      #expect(error.variable == "SMTP_CA_FILE")
    }
  }

  @Test("never prints the password")
  func descriptionHidesPassword() throws {
    let configuration = try SMTPConfiguration(environment: Self.complete)
    #expect(!"\(configuration)".contains("hunter2"))
  }
}
