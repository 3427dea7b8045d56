import Foundation
import Mail
import Synchronization

/// A mail sender whose outcome each test scripts: it records every message
/// it is handed and answers with what ``behaviour`` says, after a delay.
final class ScriptedMail: MailSender {
  /// What a send returns, decided per message.
  typealias Behaviour = @Sendable (OutgoingMessage) -> DeliveryResult

  private let state = Mutex<(behaviour: Behaviour, messages: [OutgoingMessage])>(
    ({ _ in .delivered(messageID: "<\(UUID().uuidString)@test>") }, []))
  private let delay: Duration

  /// A sender that delivers every message after `delay`.
  init(delay: Duration = .milliseconds(20)) {
    self.delay = delay
  }

  /// Replaces what later sends return.
  func script(_ behaviour: @escaping Behaviour) {
    state.withLock { $0.behaviour = behaviour }
  }

  /// Every message handed over so far, delivered or not.
  var messages: [OutgoingMessage] { state.withLock { $0.messages } }

  func send(_ message: OutgoingMessage) async -> DeliveryResult {
    // Not cancellable on purpose: a real delivery does not stop halfway
    // because a caller left.
    try? await Task.sleep(for: delay)
    return state.withLock { state in
      state.messages.append(message)
      return state.behaviour(message)
    }
  }
}
