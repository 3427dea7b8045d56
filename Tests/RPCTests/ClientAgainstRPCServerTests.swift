import Foundation
import OutreachAPI
import RPC
import Synchronization
import Testing

/// Starts an in-process ``RPCServer`` on an ephemeral loopback port with a
/// unary echo method whose handler calls `onCall`, then sleeps for the
/// request's `sleepMs`.
private func startEchoServer(
  port: Int = 0, extraHandlers: [MethodHandler] = [], onCall: @escaping @Sendable () -> Void = {}
) throws -> RPCServer {
  var configuration = RPCServer.Configuration(listenAddresses: ["127.0.0.1:\(port)"])
  configuration.loopCount = 1
  configuration.shutdownGracePeriod = .seconds(10)
  let server = RPCServer(configuration: configuration)
  server.register([
    MethodHandler.unary(EchoMethods.unary) { (request: EchoRequest, _) in
      onCall()
      if request.sleepMs > 0 {
        try await Task.sleep(for: .milliseconds(Int(request.sleepMs)))
      }
      var response = EchoResponse()
      response.text = request.text
      return response
    }
  ])
  server.register(extraHandlers)
  try server.start()
  return server
}

@Suite("Swift client against the Swift RPC server")
struct ClientAgainstRPCServerTests {
  @Test("generated health stubs work through the client")
  func healthCheck() async throws {
    let server = try startEchoServer()
    let client = try RPCClient(
      configuration: .init(target: "127.0.0.1:\(server.listeningPorts[0])"))
    defer { client.close() }

    let response = try await HealthClient(client: client).check(HealthCheckRequest())
    #expect(response.status == .serving)
    await server.shutdown()
  }

  @Test("the request writer waits while the server does not read")
  func requestBackPressure() async throws {
    let (gate, openGate) = AsyncStream<Void>.makeStream()
    let waitingReader = MethodHandler.clientStreaming(EchoMethods.clientStream) {
      (requests: MessageStream<EchoRequest>, _) in
      var gateIterator = gate.makeAsyncIterator()
      _ = await gateIterator.next()
      var response = EchoResponse()
      for try await _ in requests { response.index += 1 }
      return response
    }
    let server = try startEchoServer(extraHandlers: [waitingReader])
    let client = try RPCClient(
      configuration: .init(target: "127.0.0.1:\(server.listeningPorts[0])"))
    defer { client.close() }

    let written = Mutex(0)
    let call = Task {
      let response: EchoResponse = try await client.clientStreaming(
        EchoMethods.clientStream, options: CallOptions()
      ) { (writer: MessageWriter<EchoRequest>) in
        for _ in 0..<100 {
          try await writer.write(
            EchoRequest(text: "", payload: Array(repeating: 7, count: 64 << 10)))
          written.withLock { $0 += 1 }
        }
      }
      return response.index
    }
    try await Task.sleep(for: .seconds(1))
    // 100 messages of 64 KiB are 6.4 MiB; the server's 1 MiB window and the
    // client's small send buffer let only a few through unread.
    let writtenWhileBlocked = written.withLock { $0 }
    #expect(writtenWhileBlocked < 40)

    openGate.yield()
    #expect(try await call.value == 100)
    await server.shutdown()
  }

  @Test("a closed client fails calls UNAVAILABLE instead of hanging")
  func closedClient() async throws {
    let server = try startEchoServer()
    let client = try RPCClient(
      configuration: .init(target: "127.0.0.1:\(server.listeningPorts[0])"))
    let _: EchoResponse = try await client.unary(
      EchoMethods.unary, request: EchoRequest(text: "open"), options: CallOptions())
    client.close()

    await #expect(throws: RPCError(.unavailable, "the client was closed")) {
      let _: EchoResponse = try await client.unary(
        EchoMethods.unary, request: EchoRequest(text: "closed"), options: CallOptions())
    }
    await server.shutdown()
  }

  @Test("a graceful shutdown lets the call in flight finish; the next call reconnects")
  func gracefulDrainAndReconnect() async throws {
    let (calls, callStarted) = AsyncStream<Void>.makeStream()
    let first = try startEchoServer { callStarted.yield() }
    let port = first.listeningPorts[0]
    let client = try RPCClient(configuration: .init(target: "127.0.0.1:\(port)"))
    defer { client.close() }

    let inFlight = Task {
      let response: EchoResponse = try await client.unary(
        EchoMethods.unary, request: EchoRequest(text: "in flight", sleepMilliseconds: 500),
        options: CallOptions())
      return response.text
    }
    var started = calls.makeAsyncIterator()
    _ = await started.next()
    await first.shutdown()
    #expect(try await inFlight.value == "in flight")

    let refused = await #expect(throws: RPCError.self) {
      let _: EchoResponse = try await client.unary(
        EchoMethods.unary, request: EchoRequest(text: "nobody"), options: CallOptions())
    }
    #expect(refused?.code == .unavailable)

    let second = try startEchoServer(port: port)
    let response: EchoResponse = try await client.unary(
      EchoMethods.unary, request: EchoRequest(text: "again"), options: CallOptions())
    #expect(response.text == "again")
    await second.shutdown()
  }
}
