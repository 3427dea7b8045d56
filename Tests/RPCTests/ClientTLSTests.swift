import Foundation
import Testing

@testable import RPC

#if canImport(Glibc)
  import Glibc
#endif

/// Two TLS sessions joined by a non-blocking socket pair, driven by hand.
private final class TLSPair {
  let client: TLSConnection
  let server: TLSConnection
  private let fds: [Int32]

  init(client clientContext: TLSContext, server serverContext: TLSContext, name: String?) throws {
    var fds: [Int32] = [0, 0]
    guard
      socketpair(AF_UNIX, Int32(SOCK_STREAM.rawValue) | Int32(SOCK_NONBLOCK.rawValue), 0, &fds) == 0
    else { throw CertificateGenerationError(message: "socketpair failed") }
    self.fds = fds
    client = try TLSConnection(context: clientContext, fd: fds[0], serverName: name)
    server = try TLSConnection(context: serverContext, fd: fds[1], serverName: nil)
  }

  deinit {
    close(fds[0])
    close(fds[1])
  }

  /// Steps both handshakes until both finish or one throws; returns each
  /// side's error, if any.
  func handshake() -> (client: TLSError?, server: TLSError?) {
    var clientDone = false
    var serverDone = false
    var clientError: TLSError?
    var serverError: TLSError?
    for _ in 0..<100 where !(clientDone && serverDone) && clientError == nil && serverError == nil {
      if !clientDone {
        do { clientDone = try client.handshake() == .complete } catch {
          clientError = error as? TLSError
        }
      }
      if !serverDone {
        do { serverDone = try server.handshake() == .complete } catch {
          serverError = error as? TLSError
        }
      }
    }
    // Let the side that did not fail see the other's alert.
    for _ in 0..<4 where !clientDone && clientError == nil {
      do { clientDone = try client.handshake() == .complete } catch {
        clientError = error as? TLSError
      }
    }
    for _ in 0..<4 where !serverDone && serverError == nil {
      do { serverDone = try server.handshake() == .complete } catch {
        serverError = error as? TLSError
      }
    }
    return (clientError, serverError)
  }
}

@Suite("TLS sessions over non-blocking sockets")
struct ClientTLSTests {
  /// A server context with a fresh certificate and a client context that
  /// trusts the CA file at `trustedCA` and offers `alpn`.
  private func makeContexts(
    trusting trustedCA: KeyPath<ClientTestCertificates, String>,
    offering alpn: [String] = ["h2"]
  ) throws -> (server: TLSContext, client: TLSContext) {
    let certificates = try ClientTestCertificates.make()
    defer { certificates.remove() }
    let server = try TLSContext.server(
      certificateChainFile: certificates.certificateFile,
      privateKeyFile: certificates.privateKeyFile)
    let client = try TLSContext.client(caFile: certificates[keyPath: trustedCA], alpn: alpn)
    return (server, client)
  }

  @Test("a client trusting the CA completes the handshake, agrees on h2 and exchanges data")
  func handshakeAndData() throws {
    let (server, client) = try makeContexts(trusting: \.caFile)
    for name in ["localhost", "127.0.0.1", "[::1]"] {
      let pair = try TLSPair(client: client, server: server, name: name)
      let errors = pair.handshake()
      #expect(errors.client == nil, "\(name)")
      #expect(errors.server == nil, "\(name)")
      #expect(pair.client.negotiatedALPN == "h2")
      #expect(pair.server.negotiatedALPN == "h2")

      let message = Array("PRI * HTTP/2.0".utf8)
      let written = try message.withUnsafeBytes { try pair.client.write($0) }
      #expect(written == .transferred(message.count))
      var buffer = [UInt8](repeating: 0, count: 64)
      let read = try buffer.withUnsafeMutableBytes { try pair.server.read(into: $0) }
      #expect(read == .transferred(message.count))
      #expect(Array(buffer.prefix(message.count)) == message)

      let nothingYet = try buffer.withUnsafeMutableBytes { try pair.client.read(into: $0) }
      #expect(nothingYet == .wantRead)
    }
  }

  @Test("a certificate for another host name is rejected with a verification error")
  func wrongHostName() throws {
    let (server, client) = try makeContexts(trusting: \.caFile)

    let pair = try TLSPair(client: client, server: server, name: "example.internal")
    let error = try #require(pair.handshake().client)
    #expect(error.code == .certificateVerification)
    #expect(error.message.contains("hostname mismatch"))
  }

  @Test("a certificate from an unknown CA is rejected with a verification error")
  func unknownCA() throws {
    let (server, client) = try makeContexts(trusting: \.otherCAFile)

    let pair = try TLSPair(client: client, server: server, name: "localhost")
    let error = try #require(pair.handshake().client)
    #expect(error.code == .certificateVerification)
    #expect(error.message.contains("certificate"))
  }

  @Test("the server refuses clients that offer no h2", arguments: [["http/1.1"], []])
  func refusesClientsWithoutH2(offered: [String]) throws {
    let (server, client) = try makeContexts(trusting: \.caFile, offering: offered)

    let pair = try TLSPair(client: client, server: server, name: "localhost")
    let error = try #require(pair.handshake().server)
    #expect(error.code == .applicationProtocol || error.code == .handshake)
    #expect(pair.server.negotiatedALPN == nil)
  }

  @Test("loading a missing certificate file names the file")
  func missingFile() {
    #expect {
      try TLSContext.server(
        certificateChainFile: "/nonexistent/cert.pem", privateKeyFile: "/nonexistent/key.pem")
    } throws: { error in
      guard let error = error as? TLSError else { return false }
      return error.code == .fileLoad && error.message.contains("/nonexistent/cert.pem")
    }
  }
}
