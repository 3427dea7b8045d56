import Logging

/// One SMTP connection driven through its ``SMTPDialogue``: the thin I/O layer
/// that performs the dialogue's actions.
///
/// `@unchecked Sendable`: a session is used by one task at a time; the
/// ``SMTPSender`` actor hands it out exclusively and takes it back before
/// anyone else may use it.
final class SMTPSession: @unchecked Sendable {
  /// Where and how to connect.
  struct Endpoint: Sendable {
    let host: String
    let port: UInt16
    let tlsContext: TLSClientContext
  }

  /// A number that tells sessions apart in logs.
  let id: Int
  private let endpoint: Endpoint
  private var dialogue: SMTPDialogue
  private var connection: SMTPConnection?
  private let logger: Logger
  /// When the session last finished a message; drives the idle timeout.
  private(set) var lastUsed: ContinuousClock.Instant = .now

  init(id: Int, endpoint: Endpoint, heloName: String, credentials: SMTPCredentials, logger: Logger)
  {
    self.id = id
    self.endpoint = endpoint
    self.dialogue = SMTPDialogue(heloName: heloName, credentials: credentials)
    var logger = logger
    logger.metadata["smtp.session"] = String(id)
    self.logger = logger
  }

  /// Whether the session is connected, authenticated and idle.
  var isReady: Bool { dialogue.phase == .ready && connection != nil }

  /// Connects, upgrades to TLS and authenticates.
  /// - Returns: `nil` when the session is ready, else why it is not.
  func open(deadline: Deadline) -> SMTPFailure? {
    do {
      connection = try SMTPConnection.connect(
        host: endpoint.host, port: endpoint.port, deadline: deadline)
    } catch {
      return dialogue.transportFailed(error.message)
    }
    switch run(dialogue.start(), deadline: deadline) {
    case .ready:
      logger.debug("smtp session ready", ["smtp.host": endpoint.host])
      return nil
    case .failed(let failure):
      close()
      return failure
    case let other:
      close()
      return SMTPFailure(
        kind: .transient, detail: "session setup ended unexpectedly (\(other))",
        isSessionUsable: false)
    }
  }

  /// Sends one message on a ready session.
  /// - Returns: the accepting reply, or the classified failure.
  func deliver(_ envelope: SMTPEnvelope, deadline: Deadline) -> Result<SMTPReply, SMTPFailure> {
    let outcome: Result<SMTPReply, SMTPFailure>
    switch run(dialogue.begin(envelope), deadline: deadline) {
    case .messageAccepted(let reply):
      outcome = .success(reply)
    case .failed(let failure):
      outcome = .failure(failure)
    case let other:
      outcome = .failure(
        SMTPFailure(
          kind: .transient, detail: "message ended unexpectedly (\(other))",
          isSessionUsable: false))
    }
    lastUsed = .now
    if case .failure(let failure) = outcome, !failure.isSessionUsable { close() }
    return outcome
  }

  /// Says `QUIT` if the session is idle, then closes it.
  func quit(deadline: Deadline) {
    if connection != nil {
      _ = run(dialogue.quit(), deadline: deadline)
    }
    close()
  }

  /// Closes the connection without a word.
  func close() {
    connection?.close()
    connection = nil
  }

  /// Performs actions until the dialogue yields one that needs the caller.
  private func run(_ first: SMTPDialogue.Action, deadline: Deadline) -> SMTPDialogue.Action {
    guard let connection else {
      return .failed(dialogue.transportFailed("not connected"))
    }
    var action = first
    do throws(SMTPTransportError) {
      while true {
        switch action {
        case .awaitReply:
          let reply = try connection.readReply(deadline: deadline)
          logger.trace("smtp reply", ["smtp.reply_code": String(reply.code)])
          action = dialogue.receive(reply)
        case .send(let command):
          logger.trace("smtp command", ["smtp.command": command.loggedForm])
          try connection.write(command.bytes, deadline: deadline)
          action = .awaitReply
        case .startTLS:
          try connection.startTLS(
            context: endpoint.tlsContext, host: endpoint.host, deadline: deadline)
          action = dialogue.tlsEstablished()
        case .ready, .messageAccepted, .failed, .close:
          return action
        }
      }
    } catch {
      return .failed(dialogue.transportFailed(error.message))
    }
  }
}
