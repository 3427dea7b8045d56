import Dispatch
import Foundation
import Logging

#if canImport(Glibc)
  import Glibc
#endif

/// Delivers messages through the configured relay over SMTP with mandatory
/// STARTTLS and AUTH, keeping a bounded pool of sessions.
///
/// - At most ``SMTPConfiguration/maxSessions`` connections are open; further
///   sends wait for one to come free.
/// - A session carries consecutive messages, with `RSET` before each reuse,
///   and is closed after ``SMTPConfiguration/idleTimeout`` unused or as soon
///   as it breaks; the next send opens a new one. A reused session that turns
///   out dead before the message started is replaced once, transparently.
/// - ``SMTPConfiguration/sendTimeout`` bounds each send from connect (when a
///   new session is needed) to the server's final reply.
///
/// Blocking socket work runs on Dispatch's global queue, never on the actor.
public actor SMTPSender: MailSender {
  private let configuration: SMTPConfiguration
  private let endpoint: SMTPSession.Endpoint
  private let credentials: SMTPCredentials
  private let logger: Logger

  /// Sessions that are ready and idle, most recently used last.
  private var idleSessions: [SMTPSession] = []
  /// Sessions open or being opened, idle or busy.
  private var openSessionCount = 0
  /// Sends waiting for a session slot.
  private var waiters: [CheckedContinuation<Void, Never>] = []
  /// The task that closes idle sessions once they time out.
  private var idleSweeper: Task<Void, Never>?
  private var nextSessionID = 1
  private var isShutDown = false

  /// How many connections this sender has opened so far.
  public private(set) var sessionsOpened = 0

  /// Creates a sender; nothing connects until the first send.
  /// - Throws: ``SMTPConfigurationError`` when the TLS context cannot be
  ///   created, naming `SMTP_CA_FILE` when that file holds no usable certificate.
  public init(configuration: SMTPConfiguration, logger: Logger = Logger(label: "mail.smtp"))
    throws(SMTPConfigurationError)
  {
    // A peer closing mid-write must surface as an error, not kill the process.
    signal(SIGPIPE, SIG_IGN)
    let tlsContext: TLSClientContext
    do {
      tlsContext = try TLSClientContext(
        verifiesPeer: configuration.verifiesTLS, caFile: configuration.caFile)
    } catch {
      throw SMTPConfigurationError(
        variable: configuration.caFile == nil ? "SMTP_VERIFY_TLS" : "SMTP_CA_FILE",
        problem: "cannot be used: \(error.message)")
    }
    self.configuration = configuration
    self.endpoint = SMTPSession.Endpoint(
      host: configuration.host, port: configuration.port, tlsContext: tlsContext)
    self.credentials = SMTPCredentials(
      username: configuration.username, password: configuration.password)
    self.logger = logger
  }

  /// Builds, sends and classifies one message.
  public func send(_ message: OutgoingMessage) async -> DeliveryResult {
    let messageID = MessageComposer.newMessageID(domain: message.messageIDDomain)
    let text = MessageComposer.compose(message, messageID: messageID, date: Date())
    let envelope = SMTPEnvelope(
      sender: message.from, recipient: message.to,
      payload: MessageComposer.dataPayload(text))
    let deadline = Deadline.after(configuration.sendTimeout)

    var outcome: Result<SMTPReply, SMTPFailure> = .failure(
      SMTPFailure(kind: .transient, detail: "sender is shut down", isSessionUsable: false))
    for _ in 0..<2 {
      guard let (session, isNew) = await acquireSession() else { break }
      outcome = await Self.perform(
        on: session, opening: isNew, envelope: envelope, deadline: deadline)
      release(session)
      if case .failure(let failure) = outcome, failure.isRetryableOnNewSession, !isNew {
        logger.debug("smtp reused session was dead; retrying on a new one")
        continue
      }
      break
    }

    switch outcome {
    case .success(let reply):
      logger.info(
        "smtp message accepted",
        ["smtp.message_id": messageID, "smtp.reply_code": String(reply.code)])
      return .delivered(messageID: messageID)
    case .failure(let failure):
      let safe = SMTPFailure(
        kind: failure.kind, detail: credentials.redacting(failure.detail),
        isSessionUsable: failure.isSessionUsable)
      logger.warning(
        "smtp delivery failed",
        ["smtp.result": "\(safe.kind)", "smtp.detail": safe.detail, "smtp.message_id": messageID])
      return safe.deliveryResult
    }
  }

  /// Says `QUIT` on every idle session and refuses further sends.
  public func shutdown() async {
    isShutDown = true
    idleSweeper?.cancel()
    let sessions = idleSessions
    idleSessions = []
    openSessionCount -= sessions.count
    for waiter in waiters { waiter.resume() }
    waiters = []
    await Self.quit(sessions, within: .seconds(2))
  }

  // MARK: - Sessions

  /// Runs one message on a session off the actor.
  private static func perform(
    on session: SMTPSession, opening: Bool, envelope: SMTPEnvelope, deadline: Deadline
  ) async -> Result<SMTPReply, SMTPFailure> {
    await withCheckedContinuation { continuation in
      DispatchQueue.global().async {
        if opening, let failure = session.open(deadline: deadline) {
          continuation.resume(returning: .failure(failure))
          return
        }
        continuation.resume(returning: session.deliver(envelope, deadline: deadline))
      }
    }
  }

  /// Closes sessions politely off the actor.
  private static func quit(_ sessions: [SMTPSession], within timeout: Duration) async {
    guard !sessions.isEmpty else { return }
    await withCheckedContinuation { continuation in
      DispatchQueue.global().async {
        let deadline = Deadline.after(timeout)
        for session in sessions { session.quit(deadline: deadline) }
        continuation.resume()
      }
    }
  }

  /// An idle session, or a new unopened one when under the limit, waiting
  /// for a free slot otherwise; `nil` after shutdown.
  private func acquireSession() async -> (SMTPSession, isNew: Bool)? {
    while !isShutDown {
      closeExpiredSessions()
      if let session = idleSessions.popLast() {
        return (session, false)
      }
      if openSessionCount < configuration.maxSessions {
        openSessionCount += 1
        sessionsOpened += 1
        let session = SMTPSession(
          id: nextSessionID, endpoint: endpoint, heloName: configuration.heloName,
          credentials: credentials, logger: logger)
        nextSessionID += 1
        return (session, true)
      }
      await withCheckedContinuation { waiters.append($0) }
    }
    return nil
  }

  /// Takes a session back: idle if it still works, else forgotten.
  private func release(_ session: SMTPSession) {
    if session.isReady && !isShutDown {
      idleSessions.append(session)
      startIdleSweeper()
    } else {
      session.close()
      openSessionCount -= 1
    }
    if !waiters.isEmpty {
      waiters.removeFirst().resume()
    }
  }

  /// Removes idle sessions unused for the idle timeout and quits them.
  private func closeExpiredSessions() {
    let cutoff = ContinuousClock.now - configuration.idleTimeout
    let expired = idleSessions.filter { $0.lastUsed <= cutoff }
    guard !expired.isEmpty else { return }
    idleSessions.removeAll { $0.lastUsed <= cutoff }
    openSessionCount -= expired.count
    logger.debug("smtp closing idle sessions", ["smtp.count": String(expired.count)])
    Task { await Self.quit(expired, within: .seconds(2)) }
    for _ in expired where !waiters.isEmpty {
      waiters.removeFirst().resume()
    }
  }

  /// Keeps one task alive while idle sessions exist, closing them as they expire.
  private func startIdleSweeper() {
    guard idleSweeper == nil else { return }
    let interval = configuration.idleTimeout
    idleSweeper = Task { [weak self] in
      while !Task.isCancelled {
        try? await Task.sleep(for: interval / 2)
        guard let self, await self.sweepIdleSessions() else { return }
      }
    }
  }

  /// One sweep; returns whether idle sessions remain to watch.
  private func sweepIdleSessions() -> Bool {
    closeExpiredSessions()
    if idleSessions.isEmpty {
      idleSweeper = nil
      return false
    }
    return true
  }
}
