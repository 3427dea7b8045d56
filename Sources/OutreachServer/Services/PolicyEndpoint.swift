import OutreachAPI
import Policy
import RPC
import Store

/// `outreach.v1.Policy`: the checks of a send, run alone and audited.
struct PolicyEndpoint: PolicyService {
  let store: Store
  let senders: SenderAddresses
  private let writerWake: WriterWake

  init(store: Store, senders: SenderAddresses) {
    self.store = store
    self.senders = senders
    writerWake = WriterWake(store: store)
  }

  /// Served deferred: the request is checked on the event loop and the
  /// answer goes out from the store's commit callback, with no task per call.
  ///
  /// On an event loop the store's writer is woken once, when the loop has
  /// handled everything it read: the validations of one read commit
  /// together. Elsewhere (a call whose token had to be looked up first) the
  /// writer is woken at once.
  var methodHandlers: [MethodHandler] {
    [
      .deferred(PolicyMethods.validate) { (request: ValidateRequest, _, response) in
        let intent: SendIntent
        do {
          intent = try self.intent(for: request)
        } catch {
          response.fail(error)
          return
        }
        let loop = EventLoop.current
        store.validate(intent, wakeLater: loop != nil) { outcome in
          switch outcome {
          case .success(let decision): response.succeed(ValidateResponse(decision))
          case .failure(let error): response.fail(error)
          }
        }
        loop?.notifyAtTurnEnd(writerWake)
      }
    ]
  }

  func validate(_ request: ValidateRequest, context: ServerContext) async throws
    -> ValidateResponse
  {
    ValidateResponse(try await store.validate(try intent(for: request)))
  }

  /// The intent a request describes, for the authenticated caller.
  private func intent(for request: ValidateRequest) throws(RPCError) -> SendIntent {
    let user = try Caller.user()
    return try SendIntentFields.intent(
      userID: user.id, recipient: request.recipientEmail, sender: request.senderEmail,
      subject: request.subject, senders: senders)
  }
}

/// The fields a validation and a send share, checked the same way.
enum SendIntentFields {
  /// Checks a subject line by the policy's rules (required, one line, at
  /// most 998 octets) and returns it trimmed.
  static func subject(_ text: String) throws(RPCError) -> String {
    do {
      return try SubjectLine.validate(text)
    } catch {
      throw RPCError(.invalidArgument, "subject: \(error.message)")
    }
  }

  /// An intent from raw request fields.
  static func intent(
    userID: Int64, leadID: Int64? = nil, recipient: String, sender: String, subject: String,
    senders: SenderAddresses
  ) throws(RPCError) -> SendIntent {
    let recipient = try RequestFields.address(recipient, field: "recipient_email")
    let sender = try senders.resolve(sender)
    return SendIntent(
      userID: userID, leadID: leadID, sender: sender, recipient: recipient,
      subject: try Self.subject(subject))
  }
}

/// Wakes the store's writer at the end of an event-loop turn that queued
/// validations without waking it.
private final class WriterWake: TurnObserver, Sendable {
  let store: Store

  init(store: Store) {
    self.store = store
  }

  func turnEnded() {
    store.wakeWriter()
  }
}
