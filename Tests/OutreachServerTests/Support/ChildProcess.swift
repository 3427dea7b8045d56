import Foundation
import Glibc

/// Paths and processes the tests that run programs need.
enum TestEnvironment {
  /// The repository's root, found from this file's path.
  static let repositoryRoot = URL(fileURLWithPath: #filePath)
    .deletingLastPathComponent().deletingLastPathComponent()
    .deletingLastPathComponent().deletingLastPathComponent()

  /// The Python with grpcio: `OUTREACH_PYTHON`, the repository's `.venv`, or
  /// `python3` from the path.
  static var python: String {
    if let configured = ProcessInfo.processInfo.environment["OUTREACH_PYTHON"],
      FileManager.default.isExecutableFile(atPath: configured)
    {
      return configured
    }
    let venv = repositoryRoot.appendingPathComponent(".venv/bin/python").path
    if FileManager.default.isExecutableFile(atPath: venv) { return venv }
    return "/usr/bin/python3"
  }

  /// The folder holding the built products: the test runner sits beside them.
  static var productsDirectory: URL {
    let runner = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
    if FileManager.default.isExecutableFile(atPath: runner.appendingPathComponent("outreachd").path)
    {
      return runner
    }
    return repositoryRoot.appendingPathComponent(".build/debug")
  }

  /// The built `outreachd` executable.
  static var outreachd: String {
    productsDirectory.appendingPathComponent("outreachd").path
  }

  /// The built `outreach` command-line client.
  static var outreach: String {
    productsDirectory.appendingPathComponent("outreach").path
  }
}

/// A child process with its output captured in files, killed when the test
/// lets go of it.
///
/// Spawned with `posix_spawn` rather than Foundation's `Process`, for two
/// reasons: the child starts with an empty signal mask (threads of the test
/// runner block SIGTERM, and a child would inherit that, ignoring a graceful
/// stop), and its exit is seen by `waitpid` even when grandchildren it left
/// running still hold descriptors it inherited.
final class ChildProcess: @unchecked Sendable {
  // @unchecked: `status` is guarded by `lock`; everything else is immutable.
  let pid: pid_t
  private let outputFile: URL
  private let errorFile: URL
  private let lock = NSLock()
  private var status: Int32?

  /// Starts `executable` with `arguments`, its environment ours plus
  /// `environment`, standard input from `/dev/null`, and `blocked` signals
  /// blocked (none unless a test asks).
  init(
    _ executable: String, _ arguments: [String], environment: [String: String] = [:],
    blocked: [Int32] = []
  ) throws {
    let scratch = FileManager.default.temporaryDirectory
    let name = UUID().uuidString
    outputFile = scratch.appendingPathComponent("child-\(name).out")
    errorFile = scratch.appendingPathComponent("child-\(name).err")

    var actions = posix_spawn_file_actions_t()
    posix_spawn_file_actions_init(&actions)
    defer { posix_spawn_file_actions_destroy(&actions) }
    posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
    posix_spawn_file_actions_addopen(
      &actions, 1, outputFile.path, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
    posix_spawn_file_actions_addopen(
      &actions, 2, errorFile.path, O_WRONLY | O_CREAT | O_TRUNC, 0o600)

    var attributes = posix_spawnattr_t()
    posix_spawnattr_init(&attributes)
    defer { posix_spawnattr_destroy(&attributes) }
    var mask = sigset_t()
    sigemptyset(&mask)
    for signal in blocked { sigaddset(&mask, signal) }
    posix_spawnattr_setsigmask(&attributes, &mask)
    var defaultActions = sigset_t()
    sigemptyset(&defaultActions)
    for signal in [SIGTERM, SIGINT, SIGPIPE, SIGCHLD] { sigaddset(&defaultActions, signal) }
    posix_spawnattr_setsigdefault(&attributes, &defaultActions)
    posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF))

    let merged = ProcessInfo.processInfo.environment.merging(environment) { $1 }
    let argv = ([executable] + arguments).map { strdup($0) } + [nil]
    let envp = merged.map { strdup("\($0.key)=\($0.value)") } + [nil]
    defer {
      for pointer in argv { free(pointer) }
      for pointer in envp { free(pointer) }
    }
    var pid: pid_t = 0
    let result = posix_spawn(&pid, executable, &actions, &attributes, argv, envp)
    guard result == 0 else {
      throw CocoaError(.fileNoSuchFile, userInfo: ["path": executable, "errno": result])
    }
    self.pid = pid
  }

  /// Whether the process has not exited yet.
  var isRunning: Bool { exitStatus(blocking: false) == nil }

  /// Waits at most `timeout` for the process to exit, killing it after.
  /// - Returns: its exit status (128 + the signal when a signal ended it),
  ///   standard output and standard error.
  func finish(within timeout: Duration = .seconds(120)) async -> (
    status: Int32, output: String, errors: String
  ) {
    let deadline = ContinuousClock.now.advanced(by: timeout)
    while isRunning && ContinuousClock.now < deadline {
      try? await Task.sleep(for: .milliseconds(20))
    }
    kill(signal: SIGKILL)
    let status = exitStatus(blocking: true) ?? -1
    return (status, standardOutput, standardError)
  }

  /// Blocks until the process exits; for short-lived helpers only.
  @discardableResult
  func waitForExit() -> Int32 {
    exitStatus(blocking: true) ?? -1
  }

  /// What the process has written to standard output so far.
  var standardOutput: String {
    (try? String(contentsOf: outputFile, encoding: .utf8)) ?? ""
  }

  /// What the process has written to standard error so far.
  var standardError: String {
    (try? String(contentsOf: errorFile, encoding: .utf8)) ?? ""
  }

  /// Sends `signal` to the process if it still runs.
  func kill(signal: Int32) {
    if isRunning { Glibc.kill(pid, signal) }
  }

  /// The exit status once the process has been reaped, reaping it if it
  /// has exited (or, when `blocking`, once it exits).
  private func exitStatus(blocking: Bool) -> Int32? {
    lock.lock()
    defer { lock.unlock() }
    if let status { return status }
    var raw: Int32 = 0
    let reaped = waitpid(pid, &raw, blocking ? 0 : WNOHANG)
    guard reaped == pid else { return nil }
    // WIFEXITED / WEXITSTATUS / WTERMSIG, spelled out: Glibc's macros are
    // not imported into Swift.
    let signal = raw & 0x7F
    status = signal == 0 ? (raw >> 8) & 0xFF : 128 + signal
    return status
  }

  deinit {
    if isRunning {
      Glibc.kill(pid, SIGKILL)
      _ = exitStatus(blocking: true)
    }
    try? FileManager.default.removeItem(at: outputFile)
    try? FileManager.default.removeItem(at: errorFile)
  }
}
