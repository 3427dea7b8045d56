import OutreachAPI
import RPC
import Testing

@testable import OutreachServer

/// `Policy.Validate` is served without a task per call: authenticated on the
/// event loop when the token is cached, answered from the audit commit.
@Suite("Policy.Validate served from the audit commit")
struct PolicyValidateTests {
  @Test(
    "a first call (token looked up) and later ones (token cached) are answered and audited alike")
  func lookedUpAndCached() async throws {
    try await TestServer.with { server in
      let caller = try await server.caller("alice")

      let first = try await caller.validate("editor@example.com")
      let second = try await caller.validate("editor@example.com")

      #expect(first.allowed)
      #expect(first == second)
      #expect(try await caller.auditEntries().count == 2)
    }
  }

  @Test("field errors keep their status and message on the cached path, and are not audited")
  func fieldErrors() async throws {
    try await TestServer.with { server in
      let caller = try await server.caller("alice")
      _ = try await caller.validate("editor@example.com")

      let address = await status { try await caller.validate("not-an-address") }
      let subject = await status { try await caller.validate("editor@example.com", subject: " ") }

      #expect(address?.code == .invalidArgument)
      #expect(address?.message.hasPrefix("recipient_email") == true)
      #expect(subject?.code == .invalidArgument)
      #expect(subject?.message.hasPrefix("subject") == true)
      #expect(try await caller.auditEntries().count == 1)
    }
  }

  @Test("many concurrent calls each get their own answer and audit entry")
  func concurrentCalls() async throws {
    try await TestServer.with { server in
      let caller = try await server.caller("alice")
      let recipients = (0..<40).map { "r\($0)@example.com" }

      let answers = try await withThrowingTaskGroup(of: Bool.self) { group in
        for recipient in recipients {
          group.addTask { try await caller.validate(recipient).allowed }
        }
        return try await group.reduce(into: [Bool]()) { $0.append($1) }
      }

      #expect(answers == Array(repeating: true, count: 40))
      let audited = try await caller.auditEntries()
      #expect(Set(audited.map(\.leadEmail)) == Set(recipients))
    }
  }
}
