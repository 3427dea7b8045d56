import Foundation
import OutreachAPI
import Testing

@testable import OutreachServer

/// A stock gRPC client (Python grpcio, stubs generated from `schema/` by
/// grpcio-tools at test time) talks to the server.
@Suite("A Python grpcio client")
struct PythonClientTests {
  /// The client script.
  static let script = TestEnvironment.repositoryRoot
    .appendingPathComponent("Tests/OutreachServerTests/Python/outreach_client.py").path

  @Test("Policy.Validate answers the specification's example with the specification's shape")
  func validateMatchesSpecification() async throws {
    try await TestServer.with { server in
      let caller = try await server.caller("alice")
      let port = String(server.application.ports[0])

      let child = try ChildProcess(
        TestEnvironment.python,
        [
          Self.script, port, caller.token, "validate", "editor@example.com",
          "outreach@yourdomain.com", "Guest Post: AI Marketing Trends",
        ])
      let result = await child.finish(within: .seconds(180))

      #expect(result.status == 0, "\(result.errors)")
      let json = try #require(
        try JSONSerialization.jsonObject(with: Data(result.output.utf8)) as? [String: Any])
      #expect(json["code"] as? String == "OK")
      let fields = try #require(json["fields"] as? [String: [String: Any]])
      let expected: [(String, String, String)] = [
        ("allowed", "TYPE_BOOL", "true"),
        ("reason", "TYPE_STRING", "All checks passed"),
        ("legal_basis", "TYPE_STRING", "legitimate_interest"),
        ("daily_user_count", "TYPE_INT32", "0"),
        ("daily_user_limit", "TYPE_INT32", "100"),
        ("daily_domain_count", "TYPE_INT32", "0"),
        ("daily_domain_limit", "TYPE_INT32", "20"),
        ("region", "TYPE_STRING", "US"),
      ]
      #expect(Set(fields.keys) == Set(expected.map(\.0)))
      for (name, type, value) in expected {
        #expect(fields[name]?["type"] as? String == type, "\(name)")
        let actual = fields[name]?["value"].map { value -> String in
          if let flag = value as? Bool, type == "TYPE_BOOL" { return flag ? "true" : "false" }
          return "\(value)"
        }
        #expect(actual == value, "\(name)")
      }
      let entries = try await caller.auditEntries()
      #expect(entries.count == 1)
      #expect(entries.first?.senderEmail == "outreach@yourdomain.com")
      #expect(entries.first?.subject == "Guest Post: AI Marketing Trends")
    }
  }

  @Test("a blocked send carries the full decision in the outreach-decision-bin trailer")
  func blockedSendTrailer() async throws {
    try await TestServer.with { server in
      let caller = try await server.caller("alice")
      let lead = try await caller.lead("editor@example.fr")
      _ = try await caller.send(lead: lead, subject: "Once").get()

      let child = try ChildProcess(
        TestEnvironment.python,
        [
          Self.script, String(server.application.ports[0]), caller.token, "send", String(lead),
          "Once", "Again",
        ])
      let result = await child.finish(within: .seconds(180))

      #expect(result.status == 0, "\(result.errors)")
      let json = try #require(
        try JSONSerialization.jsonObject(with: Data(result.output.utf8)) as? [String: Any])
      #expect(json["code"] as? String == "PERMISSION_DENIED")
      let message = try #require(json["message"] as? String)
      #expect(message.hasPrefix("Duplicate"))
      let trailers = try #require(json["trailers"] as? [String: String])
      let hex = try #require(trailers["outreach-decision-bin"])
      let bytes = stride(from: 0, to: hex.count, by: 2).map { offset -> UInt8 in
        let start = hex.index(hex.startIndex, offsetBy: offset)
        return UInt8(hex[start..<hex.index(start, offsetBy: 2)], radix: 16)!
      }
      let decision = try ValidateResponse(serializedBytes: bytes)
      #expect(!decision.allowed)
      #expect(decision.reason == message)
      #expect(decision.region == "EU")
      #expect(decision.legalBasis == "consent")
      #expect(decision.dailyUserCount == 1)
      #expect(decision.dailyUserLimit == 100)
      #expect(server.mail.messages.count == 1)
    }
  }

  @Test("a Python client without a token gets UNAUTHENTICATED")
  func pythonWithoutValidToken() async throws {
    try await TestServer.with { server in
      let child = try ChildProcess(
        TestEnvironment.python,
        [
          Self.script, String(server.application.ports[0]), "wrong", "validate",
          "editor@example.com", "", "Hello",
        ])
      let result = await child.finish(within: .seconds(180))
      #expect(result.status == 0, "\(result.errors)")
      #expect(result.output.contains("\"UNAUTHENTICATED\""))
      #expect(result.output.contains("invalid or revoked token"))
    }
  }
}
