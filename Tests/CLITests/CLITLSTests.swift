import Foundation
import Testing

/// `--tls` and `--ca-file` against an `outreachd` serving TLS with a
/// throwaway CA from `scripts/make-local-ca.sh`.
@Suite("outreach over TLS")
struct CLITLSTests {
  @Test("--ca-file trusts a private CA; the system store alone does not")
  func privateCA() async throws {
    let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
      .deletingLastPathComponent().deletingLastPathComponent()
    let certificates = FileManager.default.temporaryDirectory.appendingPathComponent(
      "outreach-cli-ca-\(UUID().uuidString)")
    defer { try? FileManager.default.removeItem(at: certificates) }
    let made = try await Tools.run(
      "/bin/bash",
      [repository.appendingPathComponent("scripts/make-local-ca.sh").path, certificates.path])
    try #require(made.status == 0, "\(made.standardError)")

    let environment = [
      "OUTREACH_TLS_CERT": certificates.appendingPathComponent("server.pem").path,
      "OUTREACH_TLS_KEY": certificates.appendingPathComponent("server.key").path,
    ]
    try await ServerProcess.withServer(environment: environment) { server in
      let caFile = certificates.appendingPathComponent("ca.pem").path
      let trusted = try await Tools.run(
        "outreach", ["health", "--server", server.address, "--ca-file", caFile])
      #expect(trusted.status == 0, "\(trusted.standardError)")
      #expect(trusted.standardOutput == "SERVING\n")

      let listed = try await Tools.run(
        "outreach",
        [
          "leads", "list", "--server", server.address, "--ca-file", caFile, "--token",
          server.userToken,
        ])
      #expect(listed.status == 0, "\(listed.standardError)")

      let untrusted = try await Tools.run(
        "outreach", ["health", "--server", server.address, "--tls", "--timeout", "10s"])
      #expect(untrusted.status == 6)
      #expect(untrusted.standardError.hasPrefix("UNAVAILABLE:"))
    }
  }
}
