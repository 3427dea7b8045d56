import Foundation
import Testing

@testable import Mail

/// How ``SMTPSender`` opens, reuses, bounds and replaces sessions.
@Suite("SMTP sender session pool")
struct SessionPoolTests {
  @Test("sends consecutive messages on one connection with RSET between them")
  func reusesOneConnection() async throws {
    try await FaultServer.with(scenario: "normal") { server in
      let sender = try SenderFixture.sender(SenderFixture.configuration(port: server.port))
      #expect(await sender.send(SenderFixture.message()).isDelivered)
      #expect(await sender.send(SenderFixture.message()).isDelivered)
      await sender.shutdown()

      #expect(server.connectionCount == 1)
      #expect(
        server.verbs(over: "tls") == [
          "EHLO", "AUTH", "MAIL", "RCPT", "DATA", "<MESSAGE", "RSET", "MAIL", "RCPT", "DATA",
          "<MESSAGE", "QUIT",
        ])
    }
  }

  @Test("closes a session left idle past the idle timeout and reconnects for the next send")
  func closesIdleSessions() async throws {
    try await FaultServer.with(scenario: "normal") { server in
      let sender = try SenderFixture.sender(
        SenderFixture.configuration(port: server.port, idleTimeout: .milliseconds(300)))
      #expect(await sender.send(SenderFixture.message()).isDelivered)
      // The sweeper says QUIT on the first connection while it sits idle.
      var waited = Duration.zero
      while !server.transcript.contains("1 tls QUIT") && waited < .seconds(10) {
        try await Task.sleep(for: .milliseconds(100))
        waited += .milliseconds(100)
      }
      #expect(server.transcript.contains("1 tls QUIT"))
      #expect(await sender.send(SenderFixture.message()).isDelivered)
      await sender.shutdown()
      #expect(server.connectionCount == 2)
      #expect(await sender.sessionsOpened == 2)
    }
  }

  @Test("replaces a session the server dropped, without failing the next message")
  func replacesBrokenSession() async throws {
    try await FaultServer.with(scenario: "close-after-message") { server in
      let sender = try SenderFixture.sender(SenderFixture.configuration(port: server.port))
      let first = await sender.send(SenderFixture.message())
      let second = await sender.send(SenderFixture.message())
      await sender.shutdown()

      #expect(first.isDelivered, "\(first)")
      #expect(second.isDelivered, "\(second)")
      #expect(server.connectionCount == 2)
    }
  }

  @Test("keeps the session after a refused recipient and resets it for the next message")
  func keepsSessionAfterRefusal() async throws {
    try await FaultServer.with(scenario: "rcpt-550-5.7.1") { server in
      let sender = try SenderFixture.sender(SenderFixture.configuration(port: server.port))
      _ = await sender.send(SenderFixture.message())
      _ = await sender.send(SenderFixture.message())
      await sender.shutdown()

      #expect(server.connectionCount == 1)
      #expect(server.verbs(over: "tls").filter { $0 == "RSET" }.count == 1)
    }
  }

  @Test("never opens more connections than configured, however many sends run at once")
  func boundsParallelSessions() async throws {
    try await FaultServer.with(scenario: "normal") { server in
      let sender = try SenderFixture.sender(
        SenderFixture.configuration(port: server.port, maxSessions: 2))
      let results = await withTaskGroup(of: DeliveryResult.self) { group in
        for index in 0..<8 {
          group.addTask { await sender.send(SenderFixture.message(subject: "Parallel \(index)")) }
        }
        return await group.reduce(into: []) { $0.append($1) }
      }
      await sender.shutdown()

      #expect(results.count == 8)
      #expect(results.filter(\.isDelivered).count == 8)
      #expect(server.connectionCount <= 2)
      #expect(server.received(over: "tls").filter { $0.hasPrefix("<message") }.count == 8)
    }
  }
}
