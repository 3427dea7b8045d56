import Foundation
import RPC
import Testing

/// A TLS server and its certificates, shared by the suite's tests.
private let tlsFixture = Result { () throws -> (PythonEchoServer, ClientTestCertificates) in
  let certificates = try ClientTestCertificates.make()
  return (try PythonEchoServer(certificates: certificates), certificates)
}

@Suite("Swift client over TLS against a Python grpcio server")
struct ClientTLSInteropTests {
  /// Makes one unary call over TLS with `tls` settings to `host`.
  private func call(
    host: String, tls: (ClientTestCertificates) -> RPCClient.Configuration.TLS
  ) async throws -> EchoResponse {
    let (server, certificates) = try tlsFixture.get()
    let client = try RPCClient(
      configuration: RPCClient.Configuration(
        target: "\(host):\(server.port)", security: .tls(tls(certificates)),
        defaultTimeout: .seconds(30)))
    defer { client.close() }
    return try await client.unary(
      EchoMethods.unary, request: EchoRequest(text: "secure"), options: CallOptions())
  }

  @Test("a client trusting the test CA calls the server by name and by address")
  func verifiedCall() async throws {
    for host in ["localhost", "127.0.0.1"] {
      let response = try await call(host: host) { .init(caFile: $0.caFile) }
      #expect(response.text == "secure")
    }
  }

  @Test("a certificate for another name fails UNAVAILABLE with the verification error")
  func wrongHostName() async throws {
    let error = await #expect(throws: RPCError.self) {
      _ = try await call(host: "127.0.0.1") {
        .init(caFile: $0.caFile, serverNameOverride: "wrong.example")
      }
    }
    #expect(error?.code == .unavailable)
    #expect(error?.message.contains("certificate verify failed") == true)
  }

  @Test("a certificate from an unknown CA fails UNAVAILABLE with the verification error")
  func unknownCA() async throws {
    let error = await #expect(throws: RPCError.self) {
      _ = try await call(host: "localhost") { .init(caFile: $0.otherCAFile) }
    }
    #expect(error?.code == .unavailable)
    #expect(error?.message.contains("certificate verify failed") == true)
  }

  @Test("without verification the client still negotiates h2 and calls")
  func unverifiedCall() async throws {
    let response = try await call(host: "127.0.0.1") { _ in .init(verifiesPeer: false) }
    #expect(response.text == "secure")
  }
}
