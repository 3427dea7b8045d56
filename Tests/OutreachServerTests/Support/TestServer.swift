import Foundation
import Logging
import Mail
import OutreachAPI
import Policy
import RPC
import Store
import Testing

@testable import OutreachServer

/// An outreach server on an ephemeral loopback port, with a temporary
/// database and a scripted mail sender, for one test.
final class TestServer: Sendable {
  let store: Store
  let mail: ScriptedMail
  let application: OutreachApplication
  let directory: URL
  let logs = MemoryLogSink()

  /// The default sender requests without `sender_email` use.
  static let defaultSender = "outreach@sender.test"

  private init(limits: PolicyLimits, mail: ScriptedMail, sender: (any MailSender)?) throws {
    directory = FileManager.default.temporaryDirectory
      .appendingPathComponent("outreach-server-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    store = try Store(
      path: directory.appendingPathComponent("outreach.db").path,
      options: .init(limits: limits))
    self.mail = mail
    var rpc = RPCServer.Configuration(listenAddresses: ["127.0.0.1:0"])
    rpc.logger = Logger(label: "rpc.server", level: .warning, sink: logs)
    rpc.shutdownGracePeriod = .seconds(5)
    application = OutreachApplication(
      store: store, mail: sender ?? mail,
      defaultSender: try EmailAddress(parsing: Self.defaultSender), rpc: rpc,
      logger: Logger(label: "outreachd", level: .info, sink: logs))
    try application.start()
  }

  /// Runs `body` with a started server and stops it afterwards, whatever
  /// `body` does.
  /// - Parameters:
  ///   - mail: the scripted sender, used unless `sender` is given.
  ///   - sender: a real sender (SMTP) to deliver through instead.
  static func with<Result>(
    limits: PolicyLimits = .standard, mail: ScriptedMail = ScriptedMail(),
    sender: (any MailSender)? = nil,
    _ body: (TestServer) async throws -> Result
  ) async throws -> Result {
    let server = try TestServer(limits: limits, mail: mail, sender: sender)
    do {
      let result = try await body(server)
      await server.stop()
      return result
    } catch {
      await server.stop()
      throw error
    }
  }

  /// The server's address as a client target.
  var target: String { "127.0.0.1:\(application.ports[0])" }

  /// Creates a user and returns a connected caller for it.
  func caller(_ name: String, isAdmin: Bool = false) async throws -> TestCaller {
    let (user, token) = try await store.addUser(name: name, isAdmin: isAdmin)
    return try TestCaller(target: target, token: token, userID: user.id)
  }

  private func stop() async {
    await application.shutdown()
    store.close()
    try? FileManager.default.removeItem(at: directory)
  }
}

/// One authenticated client of a ``TestServer``, with the generated stubs.
struct TestCaller: Sendable {
  let client: RPCClient
  let token: String
  let userID: Int64

  init(target: String, token: String?, userID: Int64 = 0) throws {
    var metadata = Metadata()
    if let token { metadata.add("authorization", "Bearer \(token)") }
    client = try RPCClient(
      configuration: .init(
        target: target, defaultTimeout: .seconds(60), defaultMetadata: metadata))
    self.token = token ?? ""
    self.userID = userID
  }

  var policy: PolicyClient { PolicyClient(client: client) }
  var leads: LeadsClient { LeadsClient(client: client) }
  var suppressions: SuppressionsClient { SuppressionsClient(client: client) }
  var events: EventsClient { EventsClient(client: client) }
  var audit: AuditClient { AuditClient(client: client) }
  var outreach: OutreachClient { OutreachClient(client: client) }

  /// Creates a lead and returns its id.
  func lead(_ email: String, name: String = "") async throws -> Int64 {
    var request = CreateLeadRequest()
    request.email = email
    request.name = name
    return try await leads.create(request).id
  }

  /// Sends to a lead, returning the response or the status it failed with.
  func send(
    lead: Int64, subject: String = "Hello", body: String = "Hi there.",
    timeout: Duration? = nil
  ) async -> Swift.Result<SendResponse, RPCError> {
    var request = SendRequest()
    request.leadId = lead
    request.subject = subject
    request.bodyText = body
    do {
      return .success(
        try await outreach.send(request, options: CallOptions(timeout: timeout)))
    } catch let error as RPCError {
      return .failure(error)
    } catch {
      return .failure(RPCError(.unknown, "\(error)"))
    }
  }

  /// Validates a prospective send.
  func validate(_ recipient: String, subject: String = "Hello") async throws -> ValidateResponse {
    var request = ValidateRequest()
    request.recipientEmail = recipient
    request.subject = subject
    return try await policy.validate(request)
  }

  /// Every audit entry this caller may see, oldest first.
  func auditEntries(_ request: ListAuditRequest = ListAuditRequest()) async throws
    -> [OutreachAPI.AuditEntry]
  {
    try await audit.list(request) { stream in
      var entries: [OutreachAPI.AuditEntry] = []
      for try await entry in stream { entries.append(entry) }
      return entries
    }
  }
}

/// The status a call failed with, or `nil` when it succeeded.
func status<T>(of call: () async throws -> T) async -> RPCError? {
  do {
    _ = try await call()
    return nil
  } catch let error as RPCError {
    return error
  } catch {
    return RPCError(.unknown, "\(error)")
  }
}
