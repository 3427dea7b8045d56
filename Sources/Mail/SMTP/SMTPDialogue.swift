/// The client side of an SMTP session as a state machine, with no I/O.
///
/// The flow follows RFC 5321 with mandatory STARTTLS (RFC 3207) and AUTH
/// (RFC 4954): greeting → `EHLO` → `STARTTLS` → TLS handshake → `EHLO` →
/// `AUTH` → ready; then per message `RSET` (on a reused session) → `MAIL FROM`
/// → `RCPT TO` → `DATA` → payload → ready; finally `QUIT`.
///
/// Each event method returns the ``Action`` the I/O layer performs next. A
/// ``Action/send(_:)`` is always followed by reading one reply and feeding it
/// to ``receive(_:)``.
struct SMTPDialogue {
  /// What the I/O layer does next.
  enum Action: Equatable {
    /// Read one reply and pass it to ``SMTPDialogue/receive(_:)``.
    case awaitReply
    /// Write the command, then read one reply.
    case send(SMTPCommand)
    /// Discard every buffered byte, perform the TLS handshake, then call
    /// ``SMTPDialogue/tlsEstablished()``.
    case startTLS
    /// The session is authenticated over TLS and idle.
    case ready
    /// The server accepted the message; the session is idle again.
    case messageAccepted(SMTPReply)
    /// The message or the session failed.
    case failed(SMTPFailure)
    /// The session is over; close the connection.
    case close
  }

  /// Where the dialogue stands: mostly, which reply it waits for.
  enum Phase: Equatable {
    case notStarted
    case greeting
    case plainEHLO
    case startTLS
    case handshake
    case secureEHLO
    case authPlain
    case authLoginUsername
    case authLoginPassword
    case authResult
    case ready
    case reset
    case mailFrom
    case recipient
    case data
    case dataEnd
    case quit
    case closed
  }

  /// What the server advertised in its last `EHLO` reply.
  struct Capabilities: Equatable {
    /// Extension keywords, uppercased: `STARTTLS`, `SMTPUTF8`, `AUTH`…
    var keywords: Set<String> = []
    /// SASL mechanisms from `AUTH …` and the old `AUTH=…` lines, uppercased.
    var authMechanisms: Set<String> = []

    /// Reads every line after the first (which names the server).
    init(ehloReply: SMTPReply) {
      for line in ehloReply.lines.dropFirst() {
        let words = line.split(whereSeparator: { $0 == " " || $0 == "\t" }).map {
          $0.uppercased()
        }
        guard var keyword = words.first else { continue }
        var parameters = Array(words.dropFirst())
        if keyword.hasPrefix("AUTH=") {
          parameters.insert(String(keyword.dropFirst(5)), at: 0)
          keyword = "AUTH"
        }
        keywords.insert(keyword)
        if keyword == "AUTH" { authMechanisms.formUnion(parameters) }
      }
    }

    init() {}
  }

  /// The name sent in `EHLO`, already validated as a host name.
  let heloName: String
  /// What AUTH sends.
  let credentials: SMTPCredentials

  /// The current phase.
  private(set) var phase: Phase = .notStarted
  /// Capabilities from the latest `EHLO`; emptied when TLS starts.
  private(set) var capabilities = Capabilities()
  /// Whether a message was attempted on this session, so the next needs `RSET`.
  private var needsReset = false
  /// The message in progress.
  private var envelope: SMTPEnvelope?

  init(heloName: String, credentials: SMTPCredentials) {
    self.heloName = heloName
    self.credentials = credentials
  }

  // MARK: - Events

  /// The connection is open: wait for the greeting.
  mutating func start() -> Action {
    precondition(phase == .notStarted, "a dialogue starts once")
    phase = .greeting
    return .awaitReply
  }

  /// The TLS handshake succeeded: greet again, as RFC 3207 §4.2 requires.
  mutating func tlsEstablished() -> Action {
    precondition(phase == .handshake, "TLS is established only after STARTTLS was accepted")
    phase = .secureEHLO
    return .send(.line("EHLO \(heloName)"))
  }

  /// Starts sending `envelope` on a ready session.
  mutating func begin(_ envelope: SMTPEnvelope) -> Action {
    precondition(phase == .ready, "a message starts only on a ready session")
    if envelope.needsSMTPUTF8 && !capabilities.keywords.contains("SMTPUTF8") {
      return .failed(
        SMTPFailure(
          kind: .permanentOther,
          detail: "an address has a non-ASCII local part and the server does not offer SMTPUTF8",
          isSessionUsable: true))
    }
    self.envelope = envelope
    if needsReset {
      phase = .reset
      return .send(.line("RSET"))
    }
    return sendMailFrom()
  }

  /// Ends the session politely when it is idle, or at once otherwise.
  mutating func quit() -> Action {
    guard phase == .ready else {
      phase = .closed
      return .close
    }
    phase = .quit
    return .send(.line("QUIT"))
  }

  /// The connection failed (timeout, reset, TLS error): classifies the loss.
  ///
  /// After the final `.` the server may already have accepted the message,
  /// so the outcome is ambiguous; before it, nothing was delivered.
  mutating func transportFailed(_ reason: String) -> SMTPFailure {
    let step = phase
    phase = .closed
    switch step {
    case .dataEnd:
      return SMTPFailure(
        kind: .ambiguous,
        detail: "connection lost after the end of data, before the server's reply: \(reason)",
        isSessionUsable: false)
    case .reset:
      return SMTPFailure(
        kind: .transient, detail: "reused connection failed at RSET: \(reason)",
        isSessionUsable: false, isRetryableOnNewSession: true)
    default:
      return SMTPFailure(
        kind: .transient, detail: "\(Self.stepName(step)): \(reason)", isSessionUsable: false)
    }
  }

  /// A complete reply arrived.
  mutating func receive(_ reply: SMTPReply) -> Action {
    if reply.code == 421 && phase != .quit {
      // RFC 5321 §3.8: the server is closing the channel.
      let failure = SMTPFailure(
        kind: .transient, detail: "\(Self.stepName(phase)): server closing: \(reply)",
        isSessionUsable: false, isRetryableOnNewSession: phase == .reset)
      phase = .closed
      return .failed(failure)
    }

    switch phase {
    case .greeting:
      guard reply.code == 220 else { return sessionFailure(reply) }
      phase = .plainEHLO
      return .send(.line("EHLO \(heloName)"))

    case .plainEHLO:
      guard reply.code == 250 else { return sessionFailure(reply) }
      guard Capabilities(ehloReply: reply).keywords.contains("STARTTLS") else {
        phase = .closed
        return .failed(
          SMTPFailure(
            kind: .transient,
            detail: "server does not offer STARTTLS; refusing to send without TLS",
            isSessionUsable: false))
      }
      phase = .startTLS
      return .send(.line("STARTTLS"))

    case .startTLS:
      guard reply.code == 220 else { return sessionFailure(reply) }
      // Nothing learnt before TLS may be trusted (RFC 3207 §4.2).
      capabilities = Capabilities()
      phase = .handshake
      return .startTLS

    case .secureEHLO:
      guard reply.code == 250 else { return sessionFailure(reply) }
      capabilities = Capabilities(ehloReply: reply)
      return authenticate()

    case .authPlain, .authResult:
      guard reply.code == 235 else { return sessionFailure(reply) }
      phase = .ready
      return .ready

    case .authLoginUsername:
      guard reply.code == 334 else { return sessionFailure(reply) }
      phase = .authLoginPassword
      return .send(.secret(credentials.loginUsername, loggedAs: "<user name>"))

    case .authLoginPassword:
      guard reply.code == 334 else { return sessionFailure(reply) }
      phase = .authResult
      return .send(.secret(credentials.loginPassword, loggedAs: "<password>"))

    case .reset:
      guard reply.code == 250 else {
        let failure = SMTPFailure(
          kind: .transient, detail: "RSET refused: \(reply)", isSessionUsable: false,
          isRetryableOnNewSession: true)
        phase = .closed
        return .failed(failure)
      }
      return sendMailFrom()

    case .mailFrom:
      guard reply.code == 250 else { return transactionFailure(reply) }
      phase = .recipient
      return .send(.line("RCPT TO:<\(envelope!.recipient.wireForm)>"))

    case .recipient:
      guard reply.code == 250 || reply.code == 251 else { return transactionFailure(reply) }
      phase = .data
      return .send(.line("DATA"))

    case .data:
      guard reply.code == 354 else { return transactionFailure(reply) }
      phase = .dataEnd
      return .send(.payload(envelope!.payload))

    case .dataEnd:
      guard reply.code == 250 else { return transactionFailure(reply) }
      phase = .ready
      envelope = nil
      return .messageAccepted(reply)

    case .quit:
      phase = .closed
      return .close

    case .notStarted, .handshake, .ready, .closed:
      let step = phase
      phase = .closed
      return .failed(
        SMTPFailure(
          kind: .transient,
          detail: "unexpected reply while \(Self.stepName(step)): \(reply)",
          isSessionUsable: false))
    }
  }

  // MARK: - Steps

  /// Picks PLAIN, else LOGIN, from what the server offers over TLS.
  private mutating func authenticate() -> Action {
    if capabilities.authMechanisms.contains("PLAIN") {
      phase = .authPlain
      return .send(
        .secret("AUTH PLAIN \(credentials.plainResponse)", loggedAs: "AUTH PLAIN <redacted>"))
    }
    if capabilities.authMechanisms.contains("LOGIN") {
      phase = .authLoginUsername
      return .send(.line("AUTH LOGIN"))
    }
    phase = .closed
    let offered = capabilities.authMechanisms.sorted().joined(separator: " ")
    return .failed(
      SMTPFailure(
        kind: .permanentOther,
        detail:
          "server offers no supported AUTH mechanism (offered: \(offered.isEmpty ? "none" : offered))",
        isSessionUsable: false))
  }

  private mutating func sendMailFrom() -> Action {
    needsReset = true
    phase = .mailFrom
    let envelope = envelope!
    let utf8 = envelope.needsSMTPUTF8 ? " SMTPUTF8" : ""
    return .send(.line("MAIL FROM:<\(envelope.sender.wireForm)>\(utf8)"))
  }

  /// A refusal before the session was ready: the connection is given up.
  private mutating func sessionFailure(_ reply: SMTPReply) -> Action {
    let step = phase
    phase = .closed
    let kind: SMTPFailure.Kind = reply.isPermanentFailure ? .permanentOther : .transient
    return .failed(
      SMTPFailure(
        kind: kind, detail: "\(Self.stepName(step)) refused: \(reply)", isSessionUsable: false))
  }

  /// A refusal inside a transaction: the message failed, the session stays.
  private mutating func transactionFailure(_ reply: SMTPReply) -> Action {
    let step = phase
    phase = .ready
    envelope = nil
    let kind = Self.classify(reply, at: step)
    return .failed(
      SMTPFailure(
        kind: kind, detail: "\(Self.stepName(step)) refused: \(reply)",
        isSessionUsable: reply.isTransientFailure || reply.isPermanentFailure))
  }

  /// Classifies a refusal by reply class and enhanced code (RFC 3463).
  ///
  /// Only an explicit addressing or mailbox code on `RCPT` or `DATA` marks the
  /// recipient as undeliverable: servers also answer `550` for throttling and
  /// reputation blocks, so a bare `550` is not a hard bounce.
  static func classify(_ reply: SMTPReply, at step: Phase) -> SMTPFailure.Kind {
    guard reply.isPermanentFailure else { return .transient }
    guard [.recipient, .data, .dataEnd].contains(step), let status = reply.enhancedCode else {
      return .permanentOther
    }
    switch (status.subject, status.detail) {
    case (1, 7), (1, 8):
      // Bad sender address or sender system address: the sender's problem.
      return .permanentOther
    case (1, _), (2, 1):
      // Addressing errors and "mailbox disabled, not accepting messages".
      return .permanentRecipient
    default:
      return .permanentOther
    }
  }

  /// The step a phase stands for, as operators read it.
  static func stepName(_ phase: Phase) -> String {
    switch phase {
    case .notStarted: return "connect"
    case .greeting: return "greeting"
    case .plainEHLO: return "EHLO"
    case .startTLS: return "STARTTLS"
    case .handshake: return "TLS handshake"
    case .secureEHLO: return "EHLO after STARTTLS"
    case .authPlain, .authLoginUsername, .authLoginPassword, .authResult: return "AUTH"
    case .ready: return "idle"
    case .reset: return "RSET"
    case .mailFrom: return "MAIL FROM"
    case .recipient: return "RCPT TO"
    case .data: return "DATA"
    case .dataEnd: return "end of data"
    case .quit: return "QUIT"
    case .closed: return "closed"
    }
  }
}
