import RPC

/// The exit status of `outreach`: one per class of outcome, so scripts can
/// tell a bad request from a refusal from a server that is down.
struct ExitStatus: Sendable, Hashable {
  /// The process exit code.
  let code: Int32

  /// The command did what was asked.
  static let success = ExitStatus(code: 0)
  /// Any failure without a class of its own (`INTERNAL`, `UNKNOWN`, …).
  static let failure = ExitStatus(code: 1)
  /// Bad usage, or an input file that cannot be read.
  static let usage = ExitStatus(code: 2)
  /// The server rejected the request's content (`INVALID_ARGUMENT`,
  /// `FAILED_PRECONDITION`, `OUT_OF_RANGE`, `ALREADY_EXISTS`).
  static let invalidArgument = ExitStatus(code: 3)
  /// The caller is not allowed: `UNAUTHENTICATED`, or `PERMISSION_DENIED`
  /// such as a policy block.
  static let denied = ExitStatus(code: 4)
  /// `NOT_FOUND`.
  static let notFound = ExitStatus(code: 5)
  /// The server could not be reached or did not answer in time:
  /// `UNAVAILABLE`, `DEADLINE_EXCEEDED`; also a health check that is not
  /// `SERVING`.
  static let unavailable = ExitStatus(code: 6)

  /// The exit status for a call that ended with `code`.
  init(for code: StatusCode) {
    switch code {
    case .ok: self = .success
    case .invalidArgument, .failedPrecondition, .outOfRange, .alreadyExists:
      self = .invalidArgument
    case .unauthenticated, .permissionDenied: self = .denied
    case .notFound: self = .notFound
    case .unavailable, .deadlineExceeded: self = .unavailable
    default: self = .failure
    }
  }

  private init(code: Int32) {
    self.code = code
  }

  /// The table `--help` and the documentation show.
  static let table = """
    exit status:
      0  success
      1  other failure (INTERNAL, UNKNOWN, UNIMPLEMENTED, …)
      2  usage error, or an input file that cannot be read
      3  INVALID_ARGUMENT, FAILED_PRECONDITION, OUT_OF_RANGE, ALREADY_EXISTS
      4  UNAUTHENTICATED, PERMISSION_DENIED (such as a policy block)
      5  NOT_FOUND
      6  UNAVAILABLE, DEADLINE_EXCEEDED (server down, unreachable or too slow)
    """
}

/// A failure `outreach` reports on standard error before exiting.
struct CLIError: Error, Sendable {
  /// What went wrong, in one line or a few.
  let message: String
  /// The exit status.
  let status: ExitStatus
  /// Whether to print the command's usage after the message.
  var showsUsage = false

  /// A usage error: the message followed by the command's usage.
  static func usage(_ message: String) -> CLIError {
    CLIError(message: message, status: .usage, showsUsage: true)
  }

  /// An input that cannot be used (an unreadable file, bad JSON).
  static func badInput(_ message: String) -> CLIError {
    CLIError(message: message, status: .usage)
  }
}
