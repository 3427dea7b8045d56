/// Received message payloads waiting for a reader, oldest first.
///
/// Taking a message advances a head index instead of shifting the array, so
/// each take costs O(1); the storage is reused once the queue drains.
struct MessageQueue: Sendable {
  private var messages: [[UInt8]] = []
  private var head = 0

  /// How many messages wait.
  var count: Int { messages.count - head }

  /// Whether no message waits.
  var isEmpty: Bool { head == messages.count }

  /// Adds `message` behind the others.
  mutating func append(_ message: [UInt8]) {
    messages.append(message)
  }

  /// Takes the oldest message, or `nil` when none waits.
  mutating func popFirst() -> [UInt8]? {
    guard head < messages.count else { return nil }
    let message = messages[head]
    // Release the payload now rather than when the queue next drains.
    messages[head] = []
    head += 1
    if head == messages.count {
      messages.removeAll(keepingCapacity: true)
      head = 0
    }
    return message
  }

  /// Drops every waiting message.
  mutating func removeAll() {
    messages.removeAll()
    head = 0
  }
}
