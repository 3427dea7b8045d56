import Foundation
import Testing

@testable import RPC

@Suite("RPC server transport: back-pressure, listeners, TLS and limits")
struct ServerTransportTests {
  @Test("suspends a streaming writer while the client does not open its window")
  func responseBackPressure() async throws {
    try await TestServer.with { _, port, observations in
      let connection = await blocking { () -> RawHTTP2Connection? in
        let connection = try? RawHTTP2Connection(port: port)
        connection?.sendPreface()
        connection?.sendHeaders(
          streamID: 1, RawHTTP2Connection.grpcRequestHeaders(EchoService.flood.path),
          endStream: false)
        connection?.sendData(
          streamID: 1, RawHTTP2Connection.grpcMessage(EchoMessage("2000").serializedBytes()),
          endStream: true)
        return connection
      }
      let client = try #require(connection)
      // The client's windows are HTTP/2's default 64 KiB; the writer may run
      // ahead by its own buffer (64 KiB), and then must wait.
      #expect(await eventually { observations.written > 50 })
      try await Task.sleep(for: .milliseconds(500))
      #expect(
        observations.written < 400, "\(observations.written) KiB written into a 64 KiB window")
      let response = await blocking { client.readResponse(streamID: 1) }
      #expect(response.grpcStatus == 0)
      #expect(response.messages.count == 2000)
      #expect(observations.written == 2000)
    }
  }

  @Test(
    "credits the client's window only for request messages the handler takes",
    arguments: [(EchoService.stall, false), (EchoService.collect, true)])
  func requestBackPressure(method: MethodDescriptor, handlerReads: Bool) async throws {
    try await TestServer.with { _, port, _ in
      let limit = 4 << 20
      let sent = await blocking {
        let connection = try! RawHTTP2Connection(port: port)
        connection.sendPreface()
        connection.sendHeaders(
          streamID: 1, RawHTTP2Connection.grpcRequestHeaders(method.path), endStream: false)
        let message = RawHTTP2Connection.grpcMessage(
          EchoMessage(String(repeating: "s", count: 16_000)).serializedBytes())
        // A reading handler gets time to drain on a loaded machine; a stalled
        // one is given up on sooner.
        return connection.sendWithinWindows(
          streamID: 1, message, limit: limit, patience: handlerReads ? 15 : 2)
      }
      if handlerReads {
        #expect(sent >= limit)
      } else {
        // The 1 MiB stream window plus the one message the handler took.
        #expect(sent > 900_000 && sent < 1_200_000, "\(sent) bytes accepted")
      }
    }
  }

  @Test("listens on IPv4 and IPv6 loopback at once")
  func dualStack() async throws {
    var configuration = TestServer.configuration()
    configuration.listenAddresses = ["127.0.0.1:0", "[::1]:0"]
    try await TestServer.with(configuration) { server, _, _ in
      let ports = server.listeningPorts
      #expect(ports.count == 2)
      #expect(await blocking { HealthProbe.isServing(port: ports[0]) })
      let servesIPv6 = await blocking {
        guard let connection = try? RawHTTP2Connection(port: ports[1], host: "::1") else {
          return false
        }
        connection.sendPreface()
        let response = connection.unaryCall(
          streamID: 1, path: HealthProbe.checkPath, payload: [])
        return response.data == HealthProbe.servingReply
      }
      #expect(servesIPv6)
    }
  }

  @Test("closes connections beyond the connection limit and serves the others")
  func connectionLimit() async throws {
    var configuration = TestServer.configuration()
    configuration.maxConnections = 2
    try await TestServer.with(configuration) { _, port, _ in
      let (thirdClosed, firstServes) = await blocking {
        let first = try! RawHTTP2Connection(port: port)
        let second = try! RawHTTP2Connection(port: port)
        first.sendPreface()
        second.sendPreface()
        _ = first.readFrame()
        _ = second.readFrame()
        let third = try! RawHTTP2Connection(port: port)
        let thirdClosed = third.closesConnection()
        let response = first.unaryCall(streamID: 1, path: HealthProbe.checkPath, payload: [])
        return (thirdClosed, response.grpcStatus == 0)
      }
      #expect(thirdClosed)
      #expect(firstServes)
    }
  }

  @Test("serves gRPC over TLS with ALPN h2 to a grpcio client and refuses clients without h2")
  func tlsListener() async throws {
    let certificates = try ClientTestCertificates.make()
    defer { certificates.remove() }
    var configuration = TestServer.configuration()
    configuration.tls = RPCServer.TLSFiles(
      certificateChainFile: certificates.certificateFile,
      privateKeyFile: certificates.privateKeyFile)
    try await TestServer.with(configuration) { _, port, _ in
      for check in ["tls", "tls_without_h2"] {
        let client = try ChildProcess(
          testPython, [PythonInteropTests.script.path, String(port), check],
          environment: ["ECHO_TLS_CA": certificates.caFile])
        let status = await client.waitForExit(seconds: 120)
        #expect(status == 0, "\(check): \(client.text)")
      }
    }
  }
}

@Suite("RPC server lifecycle")
struct ServerLifecycleTests {
  @Test("shuts down a server that never started without waiting")
  func shutdownBeforeStart() async throws {
    let server = RPCServer(configuration: TestServer.configuration())
    await server.shutdown()
    #expect(throws: ServerError.self) { try server.start() }
  }

  @Test("refuses to start on an address that does not parse or is taken")
  func badAddresses() async throws {
    var configuration = TestServer.configuration()
    configuration.listenAddresses = ["localhost"]
    #expect(throws: ServerError.self) { try RPCServer(configuration: configuration).start() }
    try await TestServer.with { _, port, _ in
      var taken = TestServer.configuration()
      taken.listenAddresses = ["127.0.0.1:\(port)"]
      let second = RPCServer(configuration: taken)
      #expect(throws: ServerError.self) { try second.start() }
    }
  }
}
