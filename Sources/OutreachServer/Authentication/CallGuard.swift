import Logging
import RPC
import Store

/// Wraps every method of the outreach services in one place: the bearer
/// token is checked before the handler runs, the handler runs with
/// ``Caller/current`` set, and whatever it throws is mapped to a status on
/// purpose by ``ErrorMapping``.
///
/// A call without a valid token ends with `UNAUTHENTICATED` before its
/// handler runs: it is audited nowhere and costs nothing but the token
/// lookup (which the store caches).
struct CallGuard: Sendable {
  /// The message for a call without a usable `authorization` entry.
  static let missingToken = "missing bearer token"
  /// The message for a token that is unknown or revoked.
  static let invalidToken = "invalid or revoked token"

  let store: Store
  let logger: Logger

  /// `handlers`, each behind authentication and error mapping.
  func protect(_ handlers: [MethodHandler]) -> [MethodHandler] {
    handlers.map(protect)
  }

  private func protect(_ handler: MethodHandler) -> MethodHandler {
    let method = handler.method.path
    switch handler.body {
    case .inline(let body):
      // Authentication may read the database, so the call moves to the pool.
      return MethodHandler(
        method: handler.method,
        body: .unary { request, context in
          try await run(method, context) { try body(request, context) }
        })
    case .unary(let body):
      return MethodHandler(
        method: handler.method,
        body: .unary { request, context in
          try await run(method, context) { try await body(request, context) }
        })
    case .deferred(let body):
      // Made once per method, so a call installs it without allocating.
      let mapError: @Sendable (any Error) -> any Error = { [logger] error in
        ErrorMapping.status(for: error, method: method, logger: logger)
      }
      return MethodHandler(
        method: handler.method,
        body: .deferred { request, context, response in
          response.mapErrors(mapError)
          // A token the store has vouched for recently is accepted right
          // here on the event loop; any other is looked up in a task.
          guard let token = Self.bearerToken(in: context.requestMetadata) else {
            response.fail(RPCError(.unauthenticated, Self.missingToken))
            return
          }
          if let user = store.cachedUser(token: token) {
            Caller.withUser(user) { body(request, context, response) }
          } else {
            authenticateThenStart(context, response) { body(request, context, response) }
          }
        })
    case .streaming(let body):
      return MethodHandler(
        method: handler.method,
        body: .streaming { source, sink, context in
          try await run(method, context) { try await body(source, sink, context) }
        })
    }
  }

  /// Authenticates the call, then runs `body` as its user.
  private func run<Result: Sendable>(
    _ method: String, _ context: ServerContext,
    _ body: () async throws -> Result
  ) async throws -> Result {
    let user = try await authenticate(context.requestMetadata)
    do {
      return try await Caller.$current.withValue(user) { try await body() }
    } catch {
      throw ErrorMapping.status(for: error, method: method, logger: logger)
    }
  }

  /// Authenticates a deferred call whose token is not cached, in a task
  /// since that may read the database, then starts `body` as its user.
  private func authenticateThenStart(
    _ context: ServerContext, _ response: DeferredResponse, _ body: @escaping @Sendable () -> Void
  ) {
    Task {
      let user: UserRecord
      do {
        user = try await authenticate(context.requestMetadata)
      } catch {
        response.fail(error)
        return
      }
      Caller.withUser(user) { body() }
    }
  }

  /// The user whose token the metadata carries.
  /// - Throws: `UNAUTHENTICATED` for a missing, malformed, unknown or revoked
  ///   token; `UNAVAILABLE` when the store cannot be read.
  func authenticate(_ metadata: Metadata) async throws(RPCError) -> UserRecord {
    guard let token = Self.bearerToken(in: metadata) else {
      throw RPCError(.unauthenticated, Self.missingToken)
    }
    let user: UserRecord?
    do {
      user = try await store.authenticate(token: String(token))
    } catch {
      logger.error("token lookup failed", ["error": "\(error)"])
      throw RPCError(.unavailable, "authentication is unavailable")
    }
    guard let user else {
      throw RPCError(.unauthenticated, Self.invalidToken)
    }
    return user
  }

  /// The token of an `authorization: Bearer <token>` entry, if any: the
  /// scheme in any case, then spaces, then the token without surrounding
  /// spaces.
  static func bearerToken(in metadata: Metadata) -> Substring? {
    guard let value = metadata["authorization"] else { return nil }
    // Bytes, not Characters: this runs on every call.
    let bytes = value.utf8
    let scheme = "bearer".utf8
    guard bytes.count > scheme.count + 1,
      zip(bytes, scheme).allSatisfy({ $0 | 0x20 == $1 })
    else { return nil }
    var start = bytes.index(bytes.startIndex, offsetBy: scheme.count)
    guard bytes[start] == UInt8(ascii: " ") else { return nil }
    while start < bytes.endIndex, bytes[start] == UInt8(ascii: " ") {
      start = bytes.index(after: start)
    }
    var end = bytes.endIndex
    while end > start, bytes[bytes.index(before: end)] == UInt8(ascii: " ") {
      end = bytes.index(before: end)
    }
    guard start < end else { return nil }
    return value[start..<end]
  }
}
