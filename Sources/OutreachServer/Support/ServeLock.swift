import Glibc

/// Keeps a second `outreachd serve` off a database this process serves.
///
/// One server per database file is what makes recovery safe: at start-up
/// the server settles every attempt still pending, which is right only when
/// no other server is delivering one of them at that moment.
///
/// The lock is an exclusive `flock` on the database file itself, so every
/// path that reaches the file (relative, through a symbolic or a hard link)
/// meets it. It is held for the life of the process and the kernel drops it
/// when the process ends, however it ends, so a server killed with
/// `kill -9` never keeps its successor out. Operator commands
/// (`outreachd user …`) do not take it.
///
/// SQLite locks the same file with POSIX record locks (`fcntl`), which Linux
/// keeps apart from `flock` locks on local file systems (the only kind WAL
/// mode supports). One rule follows from POSIX locks, though: closing any
/// descriptor of a file drops every POSIX lock the process holds on it,
/// SQLite's included, so a ``ServeLock`` must outlive the store it guards.
final class ServeLock {
  private let descriptor: Int32

  private init(descriptor: Int32) {
    self.descriptor = descriptor
  }

  deinit {
    close(descriptor)
  }

  /// Takes the lock of the database at `databasePath`, creating the file
  /// (empty, which SQLite reads as a new database) if it does not exist.
  /// - Returns: the held lock, or what went wrong.
  static func acquire(databasePath: String) -> Result<ServeLock, ServeLockError> {
    let descriptor = open(databasePath, O_RDWR | O_CREAT | O_CLOEXEC, 0o644)
    guard descriptor >= 0 else {
      return .failure(.cannotOpen(String(cString: strerror(errno))))
    }
    guard flock(descriptor, LOCK_EX | LOCK_NB) == 0 else {
      let code = errno
      close(descriptor)
      return .failure(code == EWOULDBLOCK ? .held : .cannotLock(String(cString: strerror(code))))
    }
    return .success(ServeLock(descriptor: descriptor))
  }
}

/// Why ``ServeLock/acquire(databasePath:)`` failed.
enum ServeLockError: Error, Equatable {
  /// Another `outreachd serve` holds the lock.
  case held
  /// The database file cannot be opened or created, with the system's reason.
  case cannotOpen(String)
  /// The lock cannot be taken for another reason than another holder.
  case cannotLock(String)
}
