import Foundation
import Mail

/// A development stand-in for the SMTP relay: each message becomes one file
/// in a folder, written atomically, and counts as delivered.
///
/// - Important: For local development and tests only (`OUTREACH_MAIL_DROP`);
///   nothing leaves the machine.
struct MailDropSender: MailSender {
  let directory: URL

  init(directory: String) throws {
    self.directory = URL(fileURLWithPath: directory, isDirectory: true)
    try FileManager.default.createDirectory(at: self.directory, withIntermediateDirectories: true)
  }

  func send(_ message: OutgoingMessage) async -> DeliveryResult {
    let id = "\(UUID().uuidString.lowercased())@\(message.messageIDDomain)"
    var text = "Message-ID: <\(id)>\r\n"
    text += "Date: \(Timestamp.format(Date()))\r\n"
    text += "From: \(message.from.wireForm)\r\n"
    text += "To: \(message.to.wireForm)\r\n"
    text += "Subject: \(message.subject)\r\n"
    text += "Content-Type: text/plain; charset=utf-8\r\n\r\n"
    text += message.textBody
    let name = "\(Int64(Date().timeIntervalSince1970 * 1_000))-\(id).eml"
    let file = directory.appendingPathComponent(name)
    do {
      try Data(text.utf8).write(to: file, options: .atomic)
      return .delivered(messageID: "<\(id)>")
    } catch {
      return .transient(detail: "mail drop: cannot write \(file.lastPathComponent)")
    }
  }
}
