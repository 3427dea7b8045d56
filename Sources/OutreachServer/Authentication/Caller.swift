import RPC
import Store

/// The authenticated user a call runs for.
///
/// ``CallGuard`` sets it around every handler after checking the bearer
/// token, so a service method reads it instead of receiving it.
enum Caller {
  /// The user of the call running in this task, if it was authenticated.
  @TaskLocal static var current: UserRecord?

  /// The authenticated user of the current call.
  /// - Throws: `UNAUTHENTICATED` when called outside an authenticated call,
  ///   which only a handler registered without ``CallGuard`` can do.
  static func user() throws(RPCError) -> UserRecord {
    guard let user = current else {
      throw RPCError(.unauthenticated, CallGuard.missingToken)
    }
    return user
  }

  /// The current user as a viewer of owner-scoped records.
  static func viewer() throws(RPCError) -> Viewer {
    Viewer(try user())
  }
}
