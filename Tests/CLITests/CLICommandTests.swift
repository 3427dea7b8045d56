import Foundation
import Testing

/// The `outreach` commands against a real `outreachd`: what they print, the
/// shape of `--json`, and the exit status of each class of failure.
@Suite("outreach commands against a running server", .serialized)
struct CLICommandTests {
  /// Runs `outreach` as `alice` against `server`.
  private func outreach(
    _ server: ServerProcess, _ arguments: String..., input: String = ""
  ) async throws -> ToolOutput {
    try await Tools.run(
      "outreach", arguments, environment: server.clientEnvironment, input: Array(input.utf8))
  }

  /// A JSON object printed on one line.
  private func object(_ line: String) throws -> [String: Any] {
    let value = try JSONSerialization.jsonObject(with: Data(line.utf8))
    return try #require(value as? [String: Any], "not a JSON object: \(line)")
  }

  @Test("leads, validation and a send print tables and fields, and --json prints every field")
  func everydayCommands() async throws {
    try await ServerProcess.withServer { server in
      let created = try await outreach(
        server, "leads", "create", "editor@example.de", "--name", "Ed")
      #expect(created.status == 0)
      #expect(created.lines.first?.hasPrefix("ID") == true)
      #expect(created.lines.count == 2 && created.lines[1].contains("editor@example.de"))

      let lead = try object(try await outreach(server, "leads", "get", "1", "--json").lines[0])
      #expect(lead["email"] as? String == "editor@example.de")
      #expect(lead["status"] as? String == "LEAD_STATUS_NEW")
      #expect(lead["ownerUserId"] as? String == "1")

      let decision = try object(
        try await outreach(
          server, "validate", "--to", "editor@example.de", "--subject", "Hi", "--json"
        ).lines[0])
      #expect(decision["allowed"] as? Bool == true)
      #expect(decision["legalBasis"] as? String == "consent")
      #expect(decision["region"] as? String == "EU")
      #expect(decision["dailyUserCount"] as? Int == 0)

      let body = server.folder.appendingPathComponent("body.txt")
      try Data("Hello there".utf8).write(to: body)
      let sent = try await outreach(
        server, "send", "--lead", "1", "--subject", "Guest post", "--body-file", body.path)
      #expect(sent.status == 0, "\(sent.standardError)")
      #expect(sent.standardOutput.contains("status:       sent"))
      #expect(sent.standardOutput.contains("user today:   1/100"))

      let listed = try await outreach(server, "leads", "list", "--status", "contacted", "--json")
      #expect(listed.lines.count == 1)
      #expect(try object(listed.lines[0])["status"] as? String == "LEAD_STATUS_CONTACTED")

      let suppressed = try await outreach(
        server, "suppress", "check", "nobody@example.com", "--json")
      let check = try object(suppressed.lines[0])
      #expect(check["suppressed"] as? Bool == false, "defaults are printed for scripts")

      let audit = try await outreach(server, "audit", "list", "--json", "--oldest-first")
      #expect(audit.lines.count == 2)
      #expect(try object(audit.lines[0])["action"] as? String == "validate")
      #expect(try object(audit.lines[1])["action"] as? String == "send")
    }
  }

  @Test("a send blocked by policy exits 4 and shows the decision's reason")
  func policyBlock() async throws {
    try await ServerProcess.withServer { server in
      _ = try await outreach(server, "leads", "create", "gone@example.com")
      let added = try await outreach(
        server, "suppress", "add", "Gone@Example.com", "--reason", "asked by phone")
      #expect(added.status == 0)
      let body = server.folder.appendingPathComponent("body.txt")
      try Data("Hello".utf8).write(to: body)

      let blocked = try await outreach(
        server, "send", "--lead", "1", "--subject", "Hi", "--body-file", body.path)
      #expect(blocked.status == 4)
      #expect(blocked.standardOutput.isEmpty)
      #expect(
        blocked.standardError.hasPrefix(
          "PERMISSION_DENIED: Recipient is suppressed: asked by phone"))
      #expect(blocked.standardError.contains("decision:     blocked"))
      #expect(blocked.standardError.contains("user today:   0/100"))

      let json = try await outreach(
        server, "send", "--lead", "1", "--subject", "Hi", "--body-file", body.path, "--json")
      #expect(json.status == 4)
      let error = try #require(try object(json.standardError)["error"] as? [String: Any])
      #expect(error["code"] as? String == "PERMISSION_DENIED")
      let decision = try #require(error["decision"] as? [String: Any])
      #expect(decision["allowed"] as? Bool == false)
      #expect((decision["reason"] as? String)?.contains("suppressed") == true)
    }
  }

  @Test("a send past the daily cap is refused with the cap in the message and the decision")
  func dailyCap() async throws {
    try await ServerProcess.withServer(environment: ["OUTREACH_DAILY_USER_CAP": "1"]) { server in
      _ = try await outreach(server, "leads", "create", "first@example.com")
      _ = try await outreach(server, "leads", "create", "second@example.org")
      let first = try await outreach(
        server, "send", "--lead", "1", "--subject", "One", "--body-file", "-", input: "Hi")
      #expect(first.status == 0, "\(first.standardError)")

      let second = try await outreach(
        server, "send", "--lead", "2", "--subject", "Two", "--body-file", "-", input: "Hi")
      #expect(second.status == 4)
      #expect(second.standardError.hasPrefix("PERMISSION_DENIED: Daily user cap"))
      #expect(second.standardError.contains("user today:   1/1"))
    }
  }

  @Test("events suppress as reported, and the suppression list shows why")
  func eventsAndSuppressionList() async throws {
    try await ServerProcess.withServer { server in
      let bounce = try await outreach(
        server, "events", "bounce", "gone@example.com", "--kind", "hard", "--diagnostic",
        "550 5.1.1")
      #expect(bounce.standardOutput == "gone@example.com is now suppressed\n")
      let soft = try await outreach(
        server, "events", "bounce", "full@example.com", "--kind", "soft")
      #expect(soft.standardOutput == "recorded; full@example.com is not suppressed\n")
      let reply = try await outreach(
        server, "events", "reply", "busy@example.com", "--text", "Not interested, thanks")
      #expect(
        reply.standardOutput
          == "classified as not interested; busy@example.com is now suppressed\n")
      let badKind = try await outreach(server, "events", "bounce", "x@example.com", "--kind", "odd")
      #expect(badKind.status == 2)

      let table = try await outreach(server, "suppress", "list")
      #expect(table.lines.count == 3)
      #expect(table.lines[0].hasPrefix("EMAIL "))
      #expect(table.lines[1].hasPrefix("gone@example.com  hard_bounce "))
      #expect(table.lines[2].hasPrefix("busy@example.com  not_interested "))
      let limited = try await outreach(server, "suppress", "list", "--limit", "1", "--json")
      #expect(limited.lines.count == 1)
    }
  }

  @Test("failures exit with the status of their class")
  func exitStatuses() async throws {
    try await ServerProcess.withServer { server in
      let missing = try await outreach(server, "leads", "get", "999")
      #expect(missing.status == 5)
      #expect(missing.standardError == "NOT_FOUND: lead 999 not found\n")

      let badToken = try await outreach(server, "leads", "list", "--token", "wrong")
      #expect(badToken.status == 4)
      #expect(badToken.standardError.hasPrefix("UNAUTHENTICATED:"))

      let notAdmin = try await outreach(server, "suppress", "remove", "x@example.com")
      #expect(notAdmin.status == 4)
      #expect(notAdmin.standardError.hasPrefix("PERMISSION_DENIED:"))

      let invalid = try await outreach(server, "leads", "create", "not-an-address")
      #expect(invalid.status == 3)
      #expect(invalid.standardError.hasPrefix("INVALID_ARGUMENT:"))

      let usage = try await outreach(server, "leads", "create")
      #expect(usage.status == 2)
      #expect(usage.standardError.contains("usage: outreach leads create EMAIL"))

      let admin = try await Tools.run(
        "outreach",
        [
          "suppress", "remove", "x@example.com", "--token", server.adminToken,
          "--server", server.address,
        ])
      #expect(admin.status == 0)
      #expect(admin.standardOutput == "x@example.com was not suppressed\n")
    }
  }

  @Test("an unreachable server is one clear line and exit status 6")
  func unreachableServer() async throws {
    // A port that was just free: bind it, note it, close it.
    let port = try freePort()
    let output = try await Tools.run(
      "outreach", ["health", "--server", "127.0.0.1:\(port)", "--timeout", "5s"])
    #expect(output.status == 6)
    let lines = output.standardError.split(separator: "\n")
    #expect(lines.count == 1)
    #expect(lines.first?.hasPrefix("UNAVAILABLE: could not connect to 127.0.0.1:\(port)") == true)
  }

  @Test("call runs any method from JSON, streams included, and describe shows the schema")
  func genericCall() async throws {
    try await ServerProcess.withServer { server in
      let validate = try await outreach(
        server, "call", "outreach.v1.Policy/Validate",
        "-d", #"{"recipientEmail": "a@example.co.uk", "subject": "Hi"}"#)
      #expect(validate.status == 0)
      #expect(try object(validate.lines[0])["region"] as? String == "UK")

      let rows = #"{"email": "a@example.com"}"# + "\n" + #"{"email": "bad"}"# + "\n"
      let imported = try await outreach(server, "call", "Leads/Import", "-d", "@-", input: rows)
      #expect(imported.status == 0, "\(imported.standardError)")
      let report = try object(imported.lines[0])
      #expect(report["added"] as? String == "1")
      #expect(report["rejected"] as? String == "1")

      let array = try await outreach(
        server, "call", "Leads/Import", "-d", #"[{"email": "b@example.com"}]"#)
      #expect(try object(array.lines[0])["added"] as? String == "1")

      let audit = try await outreach(server, "call", "Audit/List", "-d", #"{"limit": 5}"#)
      #expect(audit.lines.count == 1, "one validation was audited")

      let health = try await outreach(server, "call", "grpc.health.v1.Health/Check")
      #expect(health.standardOutput == #"{"status":"SERVING"}"# + "\n")

      let unknown = try await outreach(server, "call", "Leads/Nope")
      #expect(unknown.status == 2)

      let described = try await outreach(server, "describe", "Leads/Import")
      #expect(
        described.lines.first
          == "rpc Import(stream outreach.v1.ImportLeadsRequest)"
          + " returns (outreach.v1.ImportLeadsResponse);")
      #expect(described.standardOutput.contains("  int64 line = 3;"))
      let services = try await outreach(server, "describe", "--json")
      #expect(services.lines.count == 7)
    }
  }

  @Test("every command has help, and wire encode and decode round-trip")
  func helpAndWire() async throws {
    let overview = try await Tools.run("outreach", ["--help"])
    #expect(overview.status == 0)
    for command in [
      "send", "validate", "health", "call", "describe", "suppress add", "suppress list",
      "suppress remove", "suppress check", "leads create", "leads get", "leads list",
      "leads import", "events bounce", "events reply", "audit list", "wire encode", "wire decode",
    ] {
      #expect(overview.standardOutput.contains("  \(command) "), "\(command) is listed")
      let help = try await Tools.run(
        "outreach", command.split(separator: " ").map(String.init) + ["--help"])
      #expect(help.status == 0)
      #expect(help.standardOutput.hasPrefix("usage: outreach \(command)"))
    }

    let json = #"{"recipientEmail":"a@example.com","subject":"Hi"}"#
    let encoded = try await Tools.run(
      "outreach", ["wire", "encode", "outreach.v1.ValidateRequest"], input: Array(json.utf8))
    #expect(encoded.status == 0)
    let decoded = try await Tools.run(
      "outreach", ["wire", "decode", "outreach.v1.ValidateRequest"],
      input: encoded.outputBytes)
    #expect(decoded.standardOutput == json + "\n")
  }
}

/// A loopback port nothing listens on (bound, read back, closed).
func freePort() throws -> Int {
  let descriptor = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
  defer { close(descriptor) }
  var address = sockaddr_in()
  address.sin_family = sa_family_t(AF_INET)
  address.sin_addr.s_addr = inet_addr("127.0.0.1")
  address.sin_port = 0
  var length = socklen_t(MemoryLayout<sockaddr_in>.size)
  try withUnsafeMutablePointer(to: &address) { pointer in
    try pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) { raw in
      guard bind(descriptor, raw, length) == 0, getsockname(descriptor, raw, &length) == 0 else {
        throw POSIXError(.EADDRINUSE)
      }
    }
  }
  return Int(UInt16(bigEndian: address.sin_port))
}
