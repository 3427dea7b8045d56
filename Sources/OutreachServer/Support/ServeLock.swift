import Glibc

/// Keeps a second `outreachd serve` off a database this process serves.
///
/// One server per database file is what makes recovery safe: at start-up
/// the server settles every attempt still pending, which is right only when
/// no other server is delivering one of them at that moment. The lock is an
/// exclusive `flock` on a file beside the database, held for the life of the
/// process; the kernel drops it when the process ends, however it ends, so a
/// server killed with `kill -9` never keeps its successor out. Operator
/// commands (`outreachd user …`) do not take it.
final class ServeLock {
  private let descriptor: Int32

  private init(descriptor: Int32) {
    self.descriptor = descriptor
  }

  deinit {
    close(descriptor)
  }

  /// The lock file of the database at `databasePath`: beside the file the
  /// path leads to, so every spelling of it (relative, through a symbolic
  /// link) finds the same lock, as SQLite finds the same journal.
  static func path(forDatabase databasePath: String) -> String {
    guard let resolved = realpath(databasePath, nil) else { return databasePath + "-serve.lock" }
    defer { free(resolved) }
    return String(cString: resolved) + "-serve.lock"
  }

  /// Takes the lock of the database at `databasePath`, which must exist.
  /// - Returns: the held lock, or a one-line reason it could not be taken.
  static func acquire(databasePath: String) -> Result<ServeLock, ServeLockError> {
    let path = path(forDatabase: databasePath)
    let descriptor = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0o600)
    guard descriptor >= 0 else {
      return .failure(ServeLockError("cannot create \(path): \(String(cString: strerror(errno)))"))
    }
    guard flock(descriptor, LOCK_EX | LOCK_NB) == 0 else {
      let code = errno
      close(descriptor)
      if code == EWOULDBLOCK {
        return .failure(
          ServeLockError("another outreachd serve is using \(databasePath) (it holds \(path))"))
      }
      return .failure(ServeLockError("cannot lock \(path): \(String(cString: strerror(code)))"))
    }
    return .success(ServeLock(descriptor: descriptor))
  }
}

/// Why ``ServeLock/acquire(databasePath:)`` failed, in one line.
struct ServeLockError: Error, CustomStringConvertible {
  let description: String

  init(_ description: String) {
    self.description = description
  }
}
