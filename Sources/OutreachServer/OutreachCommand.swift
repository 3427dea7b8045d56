import Foundation
import Logging
import Mail
import Policy
import RPC
import Store

/// The `outreachd` command line: the server and the operator commands.
public enum OutreachCommand {
  /// The exit status for a usage or configuration error.
  public static let configurationErrorStatus: Int32 = 2

  static let usage = """
    usage: outreachd [serve]                 run the server (until SIGTERM or SIGINT)
           outreachd user add NAME [--admin] create a user and print its token once
           outreachd user list               list users
           outreachd user revoke NAME        revoke every token of a user
           outreachd token revoke TOKEN      revoke one token
           outreachd --help                  show this text

    Operator commands work on OUTREACH_DB directly. The server reads OUTREACH_LISTEN,
    OUTREACH_DB, OUTREACH_DAILY_USER_CAP, OUTREACH_DAILY_DOMAIN_CAP, OUTREACH_TLS_CERT,
    OUTREACH_TLS_KEY, OUTREACH_LOG_LEVEL and the SMTP_* variables (see
    docs/configuration.md).
    """

  /// Runs the command `arguments` (without the program name) names.
  /// - Returns: the process exit status.
  public static func run(arguments: [String], environment: [String: String]) async -> Int32 {
    switch arguments.first {
    case nil, "serve":
      guard arguments.count <= 1 else { return usageError("serve takes no arguments") }
      return await serve(environment: environment)
    case "-h", "--help", "help":
      print(usage)
      return 0
    case "user", "token":
      return await operate(arguments, environment: environment)
    default:
      return usageError("unknown command \(arguments[0])")
    }
  }

  // MARK: - serve

  private static func serve(environment: [String: String]) async -> Int32 {
    // Catch SIGTERM and SIGINT before anything else: a supervisor may stop
    // the server at any moment of start-up, and must then get a graceful
    // drain and exit status 0, with the database closed properly, not a
    // process killed with its store half open. A signal that arrives before
    // the server listens stops it as soon as it does.
    let stopSignals = StopSignals()
    defer { stopSignals.release() }
    let signals = stopSignals.received

    let settings: ServerSettings
    do {
      settings = try ServerSettings(environment: environment)
    } catch {
      return configurationError(error.description)
    }
    var logger = Logger(label: "outreachd", level: settings.logLevel)

    // Before the store opens (a refused server migrates nothing) and held
    // until after it has closed: recovery settles pending attempts, which
    // only one server per database may do.
    let serveLock: ServeLock
    switch ServeLock.acquire(databasePath: settings.databasePath) {
    case .success(let lock): serveLock = lock
    case .failure(.held):
      printError("outreachd: another outreachd serve is using \(settings.databasePath)")
      return 1
    case .failure(.cannotOpen(let reason)):
      return configurationError("OUTREACH_DB \(settings.databasePath) cannot be opened: \(reason)")
    case .failure(.cannotLock(let reason)):
      printError("outreachd: cannot lock \(settings.databasePath): \(reason)")
      return 1
    }
    defer { withExtendedLifetime(serveLock) {} }

    guard let store = openStore(settings) else { return configurationErrorStatus }
    defer { store.close() }
    do {
      let report = try await store.recoverInterruptedAttempts()
      logger.info(
        "recovered interrupted attempts",
        [
          "outreach.released": String(report.releasedAttemptIDs.count),
          "outreach.unknown": String(report.ambiguousAttemptIDs.count),
        ])
    } catch {
      logger.critical("recovery failed", ["error": "\(error)"])
      return 1
    }

    let mail: any MailSender
    var smtpSender: SMTPSender?
    switch settings.mail {
    case .smtp(let configuration):
      for warning in configuration.startupWarnings {
        logger.warning(warning)
      }
      let sender: SMTPSender
      do {
        sender = try SMTPSender(
          configuration: configuration,
          logger: Logger(label: "mail.smtp", level: settings.logLevel))
      } catch {
        return configurationError(error.description)
      }
      smtpSender = sender
      mail = sender
    case .drop(let directory):
      do {
        mail = try MailDropSender(directory: directory)
      } catch {
        return configurationError("OUTREACH_MAIL_DROP \(directory) cannot be created")
      }
      logger.warning(
        "OUTREACH_MAIL_DROP is set: messages are written to a folder, not sent",
        ["mail.drop": directory])
    }

    var rpc = RPCServer.Configuration(listenAddresses: settings.listenAddresses)
    rpc.logger = Logger(label: "rpc.server", level: settings.logLevel)
    if let certificate = settings.tlsCertificateFile, let key = settings.tlsKeyFile {
      rpc.tls = RPCServer.TLSFiles(certificateChainFile: certificate, privateKeyFile: key)
    }
    let application = OutreachApplication(
      store: store, mail: mail, defaultSender: settings.defaultSender, rpc: rpc, logger: logger)
    do {
      try application.start()
    } catch {
      logger.critical("cannot listen", ["error": "\(error)"])
      return 1
    }
    logger.metadata["outreach.db"] = settings.databasePath
    logger.notice(
      "outreachd listening",
      [
        "outreach.listen": settings.listenAddresses.joined(separator: ","),
        "outreach.ports": application.ports.map(String.init).joined(separator: ","),
        "outreach.tls": rpc.tls == nil ? "off" : "on",
      ])
    var received = signals.makeAsyncIterator()
    let signalNumber = await received.next() ?? SIGTERM
    logger.info("signal received, draining", ["outreach.signal": String(signalNumber)])
    // A second signal cuts the grace period short, for an operator who will
    // not wait for slow calls; what was acknowledged stays committed.
    let hurry = Task { [logger] in
      for await second in signals {
        logger.notice(
          "second signal received, ending the grace period",
          ["outreach.signal": String(second)])
        application.endGracePeriod()
        break
      }
    }
    await application.shutdown()
    hurry.cancel()
    await smtpSender?.shutdown()
    logger.info("outreachd stopped")
    return 0
  }

  // MARK: - operator commands

  private static func operate(_ arguments: [String], environment: [String: String]) async
    -> Int32
  {
    let settings: ServerSettings
    do {
      settings = try ServerSettings(environment: environment, needsMail: false)
    } catch {
      return configurationError(error.description)
    }
    guard let store = openStore(settings) else { return configurationErrorStatus }
    defer { store.close() }

    do {
      switch Array(arguments.prefix(2)) {
      case ["user", "add"]:
        let rest = Array(arguments.dropFirst(2))
        let isAdmin = rest.contains("--admin")
        let names = rest.filter { $0 != "--admin" }
        guard names.count == 1, let name = names.first, !name.hasPrefix("-") else {
          return usageError("user add takes one NAME and an optional --admin")
        }
        guard !name.utf8.contains(where: { $0 < 0x20 || $0 == 0x7F }), name.count <= 100 else {
          return usageError("NAME must be one line of at most 100 characters")
        }
        let (user, token) = try await store.addUser(name: name, isAdmin: isAdmin)
        printError(
          "created \(user.isAdmin ? "admin" : "user") \(user.name) (id \(user.id));"
            + " its token, shown only now:")
        print(token)
      case ["user", "list"]:
        guard arguments.count == 2 else { return usageError("user list takes no arguments") }
        for user in try await store.users() {
          print(
            "\(user.id)\t\(user.name)\t\(user.isAdmin ? "admin" : "user")\t"
              + Timestamp.format(user.createdAt))
        }
      case ["user", "revoke"]:
        guard arguments.count == 3 else { return usageError("user revoke takes one NAME") }
        guard try await store.user(named: arguments[2]) != nil else {
          printError("outreachd: no user named \(arguments[2])")
          return 1
        }
        let count = try await store.revokeTokens(userName: arguments[2])
        printError("revoked \(count) token(s) of \(arguments[2])")
      case ["token", "revoke"]:
        guard arguments.count == 3 else { return usageError("token revoke takes one TOKEN") }
        guard try await store.revokeToken(arguments[2]) else {
          printError("outreachd: no active token matches")
          return 1
        }
        printError("token revoked")
      default:
        return usageError("unknown command \(arguments.joined(separator: " "))")
      }
    } catch let error as StoreError {
      printError("outreachd: \(error.message)")
      return 1
    } catch {
      printError("outreachd: \(error)")
      return 1
    }
    return 0
  }

  /// Opens the database the settings name, or prints why it cannot be
  /// opened and returns `nil`.
  private static func openStore(_ settings: ServerSettings) -> Store? {
    do {
      return try Store(path: settings.databasePath, options: .init(limits: settings.limits))
    } catch {
      printError("outreachd: OUTREACH_DB \(settings.databasePath) cannot be opened: \(error)")
      return nil
    }
  }

  // MARK: - output

  private static func usageError(_ message: String) -> Int32 {
    printError("outreachd: \(message)\n\n\(usage)")
    return configurationErrorStatus
  }

  private static func configurationError(_ message: String) -> Int32 {
    printError("outreachd: \(message)")
    return configurationErrorStatus
  }

  private static func printError(_ line: String) {
    FileHandle.standardError.write(Data((line + "\n").utf8))
  }
}
