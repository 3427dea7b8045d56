import Foundation
import Testing

@testable import Mail

/// Resolving the relay's name within the send's deadline. The lookups here
/// are stand-ins: a name server that never answers cannot be had on demand,
/// and none of these tests may query a real one.
@Suite("Resolving the relay's name")
struct AddressLookupTests {
  @Test("a name server that does not answer fails the connect at the deadline")
  func silentResolver() {
    let stalled: AddressLookup.Function = { _, _ in
      Thread.sleep(forTimeInterval: 5)
      return AddressLookup.Answer(status: EAI_AGAIN, list: nil)
    }
    let started = ContinuousClock.now
    let failure = connectFailure(through: stalled, within: .milliseconds(200))
    #expect(failure?.code == .timedOut)
    #expect(failure?.message.contains("relay.test") == true)
    #expect(ContinuousClock.now - started < .seconds(2))
  }

  @Test("a name that does not resolve fails with the resolver's reason")
  func unknownName() {
    let noSuchName: AddressLookup.Function = { _, _ in
      AddressLookup.Answer(status: EAI_NONAME, list: nil)
    }
    let failure = connectFailure(through: noSuchName, within: .seconds(5))
    #expect(failure?.code == .connectFailed)
    #expect(failure?.message.hasPrefix("cannot resolve relay.test: ") == true)
  }

  /// The error connecting to `relay.test` through `lookup` ends with, or
  /// `nil` (recorded as an issue) if it connects.
  private func connectFailure(
    through lookup: @escaping AddressLookup.Function, within deadline: Duration
  ) -> SMTPTransportError? {
    do {
      _ = try SMTPConnection.connect(
        host: "relay.test", port: 587, deadline: .after(deadline), lookup: lookup)
      Issue.record("connected to relay.test")
      return nil
    } catch {
      return error
    }
  }

  @Test("the lookup is asked for the relay's host and port")
  func asksForHostAndPort() {
    let asked = LockedPair()
    let recording: AddressLookup.Function = { host, port in
      asked.set(host, port)
      return AddressLookup.Answer(status: EAI_NONAME, list: nil)
    }
    _ = try? SMTPConnection.connect(
      host: "smtp.example.test", port: 2525, deadline: .after(.seconds(5)), lookup: recording)
    #expect(asked.value?.0 == "smtp.example.test")
    #expect(asked.value?.1 == "2525")
  }
}

/// A host and port recorded from another thread.
private final class LockedPair: @unchecked Sendable {
  private let lock = NSLock()
  private var pair: (String, String)?

  func set(_ host: String, _ port: String) {
    lock.withLock { pair = (host, port) }
  }

  var value: (String, String)? { lock.withLock { pair } }
}
