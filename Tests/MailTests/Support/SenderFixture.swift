import Foundation
import Logging

@testable import Mail

/// Builds senders and messages the way the server would, pointed at a test
/// server on loopback.
enum SenderFixture {
  static let username = "outreach"
  static let password = "s3cret-pass"

  /// Every form of the password that must never be logged or sent in clear.
  static var secretForms: [String] {
    let credentials = SMTPCredentials(username: username, password: password)
    return [password, credentials.plainResponse, credentials.loginPassword]
  }

  /// A configuration for a server on `port`.
  static func configuration(
    port: UInt16,
    host: String = "localhost",
    verifiesTLS: Bool = true,
    caFile: String? = TestCertificates.shared.caFile,
    sendTimeout: Duration = .seconds(10),
    maxSessions: Int = 2,
    idleTimeout: Duration = .seconds(30)
  ) -> SMTPConfiguration {
    SMTPConfiguration(
      host: host, port: port, username: username, password: password,
      verifiesTLS: verifiesTLS, sendTimeout: sendTimeout,
      fromAddress: try! MailAddress("sender@outreach.test"), caFile: caFile,
      maxSessions: maxSessions, idleTimeout: idleTimeout, heloName: "client.test")
  }

  /// A sender whose log lines, at every level, land in `sink`.
  static func sender(_ configuration: SMTPConfiguration, sink: MemoryLogSink = MemoryLogSink())
    throws -> SMTPSender
  {
    try SMTPSender(
      configuration: configuration, logger: Logger(label: "test.smtp", level: .trace, sink: sink))
  }

  /// A plain message from the fixture's sender.
  static func message(
    to recipient: String = "lead@example.test", subject: String = "Hello",
    text: String = "Hi there,\nthis is a test.\n", html: String? = nil
  ) -> OutgoingMessage {
    try! OutgoingMessage(
      from: "sender@outreach.test", fromName: "Outreach Team", to: recipient, subject: subject,
      textBody: text, htmlBody: html)
  }
}
