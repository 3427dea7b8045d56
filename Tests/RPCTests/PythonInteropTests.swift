import Foundation
import Testing

@testable import RPC

@Suite("Stock grpcio client against the RPC server")
struct PythonInteropTests {
  static let script = repositoryRoot.appendingPathComponent(
    "Tests/RPCTests/Fixtures/echo_client.py")

  @Test(
    "a grpcio client completes each kind of call",
    arguments: [
      "unary", "server_streaming", "client_streaming", "bidirectional", "deadline", "metadata",
      "error", "unknown_method", "large_messages", "concurrent", "health",
    ])
  func grpcioCheck(_ check: String) async throws {
    try await TestServer.with { _, port, _ in
      let client = try ChildProcess(testPython, [Self.script.path, String(port), check])
      let status = await client.waitForExit(seconds: 120)
      #expect(status == 0, "\(client.text)")
      #expect(client.text.contains("ok \(check)"), "\(client.text)")
    }
  }

  @Test("a grpcio client's cancellation cancels the handler")
  func grpcioCancellation() async throws {
    try await TestServer.with { _, port, observations in
      let marker = FileManager.default.temporaryDirectory
        .appendingPathComponent("echo-cancel-\(UUID().uuidString)")
      defer { try? FileManager.default.removeItem(at: marker) }
      let client = try ChildProcess(
        testPython, [Self.script.path, String(port), "cancellation"],
        environment: ["ECHO_CANCEL_MARKER": marker.path])
      #expect(await eventually(seconds: 60) { observations.started == 1 })
      try Data().write(to: marker)
      let status = await client.waitForExit(seconds: 120)
      #expect(status == 0, "\(client.text)")
      #expect(await eventually { observations.cancelled == 1 })
      #expect(observations.finished == 0)
    }
  }
}
