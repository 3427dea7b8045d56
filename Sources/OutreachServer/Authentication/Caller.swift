import Glibc
import RPC
import Store

/// The authenticated user a call runs for.
///
/// ``CallGuard`` sets it around every handler after checking the bearer
/// token, so a service method reads it instead of receiving it: as a task
/// local for handlers that run as tasks, and in a slot of the running thread
/// for handlers that run synchronously to the end (deferred handlers on an
/// event loop), which costs no allocation per call.
enum Caller {
  /// The user of the call running in this task, if it was authenticated.
  @TaskLocal static var current: UserRecord?

  /// The authenticated user of the current call.
  /// - Throws: `UNAUTHENTICATED` when called outside an authenticated call,
  ///   which only a handler registered without ``CallGuard`` can do.
  static func user() throws(RPCError) -> UserRecord {
    // A synchronous handler holds its thread until it returns, so a user in
    // the thread's slot is this call's.
    guard let user = ThreadSlot.current.user ?? current else {
      throw RPCError(.unauthenticated, CallGuard.missingToken)
    }
    return user
  }

  /// The current user as a viewer of owner-scoped records.
  static func viewer() throws(RPCError) -> Viewer {
    Viewer(try user())
  }

  /// Runs `body`, which must not suspend or hand its work to a task that
  /// reads the caller, with `user` as the caller.
  static func withUser(_ user: UserRecord, synchronously body: () -> Void) {
    let slot = ThreadSlot.current
    let outer = slot.user
    slot.user = user
    defer { slot.user = outer }
    body()
  }

  /// The caller of the synchronous handler running on one thread.
  private final class ThreadSlot {
    var user: UserRecord?

    private static let key: pthread_key_t = {
      var key = pthread_key_t()
      let created = pthread_key_create(&key) { slot in
        if let slot { Unmanaged<ThreadSlot>.fromOpaque(slot).release() }
      }
      precondition(created == 0, "no thread-specific key left")
      return key
    }()

    /// This thread's slot, made on first use and released with the thread.
    static var current: ThreadSlot {
      if let existing = pthread_getspecific(key) {
        return Unmanaged<ThreadSlot>.fromOpaque(existing).takeUnretainedValue()
      }
      let slot = ThreadSlot()
      pthread_setspecific(key, Unmanaged.passRetained(slot).toOpaque())
      return slot
    }
  }
}
