import Logging
import Mail
import Policy
import RPC
import Store

/// Turns what the layers below throw into the status a caller sees.
///
/// Each kind of error is mapped on purpose: address and input problems keep
/// their human message (it names the field and says what is wrong, never more
/// than the caller sent), while anything from the database or the machinery
/// becomes a generic `INTERNAL` or `UNAVAILABLE` and is logged here instead.
/// No SQL, SMTP transcript or stack ever reaches the caller.
enum ErrorMapping {
  /// The status for `error`, logging what the caller will not see.
  static func status(for error: any Error, method: String, logger: Logger) -> RPCError {
    switch error {
    case let error as RPCError:
      return error
    case let error as StoreError:
      return status(for: error, method: method, logger: logger)
    case let error as AddressError:
      return RPCError(.invalidArgument, error.message)
    case let error as MessageValidationError:
      return RPCError(.invalidArgument, "\(error.field): \(error.message)")
    case is CancellationError:
      return RPCError(.cancelled, "the call was cancelled")
    default:
      logger.error("unexpected error", ["rpc.method": method, "error": "\(error)"])
      return RPCError(.internal, "internal error")
    }
  }

  private static func status(for error: StoreError, method: String, logger: Logger) -> RPCError {
    switch error.code {
    case .invalidArgument:
      return RPCError(.invalidArgument, error.message)
    case .notFound:
      return RPCError(.notFound, error.message)
    case .conflict:
      return RPCError(.failedPrecondition, error.message)
    case .closed:
      return RPCError(.unavailable, "the server is shutting down")
    default:
      logger.error(
        "store failed",
        ["rpc.method": method, "store.code": "\(error.code)", "store.message": error.message])
      return RPCError(.internal, "internal error")
    }
  }

  /// An address field that did not parse, named for the caller.
  static func invalidAddress(_ error: AddressError, field: String) -> RPCError {
    RPCError(.invalidArgument, "\(field): \(error.message)")
  }
}
