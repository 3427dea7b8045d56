import Foundation
import RPC
import Synchronization
import Testing

#if canImport(Glibc)
  import Glibc
#endif

/// One Python server shared by the tests that do not stop it; it exits with
/// the test process.
private let sharedServer = Result { try PythonEchoServer() }

/// Runs `body` with a client of `target`, closing it afterwards.
private func withClient<Result>(
  _ target: String,
  configure: (inout RPCClient.Configuration) -> Void = { _ in },
  _ body: (RPCClient) async throws -> Result
) async throws -> Result {
  var configuration = RPCClient.Configuration(target: target, defaultTimeout: .seconds(30))
  configure(&configuration)
  let client = try RPCClient(configuration: configuration)
  defer { client.close() }
  return try await body(client)
}

/// Runs `body` against the shared server.
private func withSharedClient<Result>(
  configure: (inout RPCClient.Configuration) -> Void = { _ in },
  _ body: (RPCClient, PythonEchoServer) async throws -> Result
) async throws -> Result {
  let server = try sharedServer.get()
  return try await withClient(server.target, configure: configure) { try await body($0, server) }
}

/// Collects the metadata a successful call reports.
private final class MetadataRecorder: Sendable {
  private let received = Mutex<ReceivedMetadata?>(nil)
  var value: ReceivedMetadata? { received.withLock { $0 } }
  func record(_ metadata: ReceivedMetadata) { received.withLock { $0 = metadata } }
}

@Suite("Swift client against a Python grpcio server")
struct ClientInteropTests {
  @Test("a unary call echoes the request and both kinds of metadata")
  func unaryWithMetadata() async throws {
    try await withSharedClient { client, _ in
      var metadata = Metadata()
      metadata.add("echo-token", "abc 123")
      metadata.add("echo-blob-bin", binary: [0, 1, 2, 0x80, 0xFF])
      let recorder = MetadataRecorder()
      let options = CallOptions(metadata: metadata, onResponseMetadata: recorder.record)

      let response: EchoResponse = try await client.unary(
        EchoMethods.unary, request: EchoRequest(text: "hello", payload: [9, 8, 7]),
        options: options)

      #expect(response.text == "hello")
      #expect(response.payload == [9, 8, 7])
      let received = try #require(recorder.value)
      #expect(received.initial["echo-token"] == "abc 123")
      #expect(received.initial.binary("echo-blob-bin") == [0, 1, 2, 0x80, 0xFF])
      #expect(received.trailing["trailer-token"] == "abc 123")
      #expect(received.trailing.binary("trailer-blob-bin") == [0, 1, 2, 0x80, 0xFF])
    }
  }

  @Test("default metadata is sent with every call and a call's own value replaces it")
  func defaultMetadata() async throws {
    try await withSharedClient { configuration in
      configuration.defaultMetadata.add("echo-authorization", "Bearer default")
      configuration.defaultMetadata.add("echo-tenant", "t1")
    } _: { client, _ in
      let recorder = MetadataRecorder()
      var options = CallOptions(onResponseMetadata: recorder.record)
      options.metadata.add("echo-authorization", "Bearer call")
      let _: EchoResponse = try await client.unary(
        EchoMethods.unary, request: EchoRequest(text: "x"), options: options)

      let received = try #require(recorder.value)
      #expect(received.initial["echo-authorization"] == "Bearer call")
      #expect(received.initial["echo-tenant"] == "t1")
    }
  }

  @Test("a server-streaming call receives every response in order")
  func serverStreaming() async throws {
    try await withSharedClient { client, _ in
      let indices = try await client.serverStreaming(
        EchoMethods.serverStream, request: EchoRequest(text: "s", count: 50),
        options: CallOptions()
      ) { (responses: MessageStream<EchoResponse>) in
        var indices: [Int32] = []
        for try await response in responses { indices.append(response.index) }
        return indices
      }
      #expect(indices == Array(0..<50))
    }
  }

  @Test("a client-streaming call sends every request before the one response")
  func clientStreaming() async throws {
    try await withSharedClient { client, _ in
      let response: EchoResponse = try await client.clientStreaming(
        EchoMethods.clientStream, options: CallOptions()
      ) { (writer: MessageWriter<EchoRequest>) in
        for text in ["a", "b", "c", "d"] {
          try await writer.write(EchoRequest(text: text))
        }
      }
      #expect(response.text == "a,b,c,d")
      #expect(response.index == 4)
    }
  }

  @Test("a server failing a client stream midway ends the call with its status")
  func clientStreamingFailure() async throws {
    try await withSharedClient { client, _ in
      let error = await #expect(throws: RPCError.self) {
        let _: EchoResponse = try await client.clientStreaming(
          EchoMethods.clientStream, options: CallOptions()
        ) { (writer: MessageWriter<EchoRequest>) in
          try await writer.write(EchoRequest(text: "fine"))
          try await writer.write(EchoRequest(text: "bad", failCode: 3))
          // Keep writing as a producer would; the writes fail once the call ended.
          for index in 0..<1000 {
            try await writer.write(
              EchoRequest(text: "more \(index)", payload: Array(repeating: 1, count: 1024)))
          }
        }
      }
      #expect(error?.code == .invalidArgument)
      #expect(error?.message == "failed: bad")
    }
  }

  @Test("a bidirectional call interleaves requests and responses")
  func bidirectional() async throws {
    try await withSharedClient { client, _ in
      // Each request is written only after the previous echo arrived,
      // which deadlocks unless both directions really run concurrently.
      let turns = AsyncStream<Void>.makeStream()
      let texts = try await client.bidirectionalStreaming(
        EchoMethods.bidi, options: CallOptions()
      ) { (writer: MessageWriter<EchoRequest>) in
        var echoes = turns.stream.makeAsyncIterator()
        for index in 0..<20 {
          try await writer.write(EchoRequest(text: "m\(index)"))
          _ = await echoes.next()
        }
      } responses: { (responses: MessageStream<EchoResponse>) in
        var texts: [String] = []
        for try await response in responses {
          texts.append(response.text)
          turns.continuation.yield()
        }
        return texts
      }
      #expect(texts == (0..<20).map { "m\($0)" })
    }
  }

  @Test("the timeout reaches the server as grpc-timeout")
  func timeoutIsSent() async throws {
    try await withSharedClient { client, server in
      let marker = "timeout-\(UUID().uuidString)"
      let _: EchoResponse = try await client.unary(
        EchoMethods.unary, request: EchoRequest(text: marker),
        options: CallOptions(timeout: .seconds(40)))
      let remaining = server.events().first { $0.hasPrefix("remaining \(marker) ") }
        .flatMap { Int($0.split(separator: " ").last!) }
      #expect((30...40).contains(remaining ?? -1))
    }
  }

  @Test("a call that outlives its timeout fails DEADLINE_EXCEEDED and is cancelled on the server")
  func deadline() async throws {
    try await withSharedClient { client, server in
      let marker = "deadline-\(UUID().uuidString)"
      let start = ContinuousClock.now
      let error = await #expect(throws: RPCError.self) {
        let _: EchoResponse = try await client.unary(
          EchoMethods.unary, request: EchoRequest(text: marker, sleepMilliseconds: 10_000),
          options: CallOptions(timeout: .milliseconds(300)))
      }
      #expect(error?.code == .deadlineExceeded)
      #expect(ContinuousClock.now - start < .seconds(10))
      let cancelledOnServer = try await server.waitForEvent("cancelled \(marker)")
      #expect(cancelledOnServer)
    }
  }

  @Test("an error carries its status, decoded message and trailing metadata")
  func errorStatus() async throws {
    try await withSharedClient { client, _ in
      let error = await #expect(throws: RPCError.self) {
        let _: EchoResponse = try await client.unary(
          EchoMethods.unary, request: EchoRequest(text: "100% über", failCode: 7),
          options: CallOptions())
      }
      #expect(error?.code == .permissionDenied)
      #expect(error?.message == "failed: 100% über")
      #expect(error?.metadata["error-detail"] == "quota")
      #expect(error?.metadata.binary("error-detail-bin") == [0, 1, 2, 254, 255])
    }
  }

  @Test("an error in the middle of a server stream follows the messages sent before it")
  func streamingError() async throws {
    try await withSharedClient { client, _ in
      let received = Mutex<[Int32]>([])
      let error = await #expect(throws: RPCError.self) {
        try await client.serverStreaming(
          EchoMethods.serverStream, request: EchoRequest(text: "e", count: 3, failCode: 9),
          options: CallOptions()
        ) { (responses: MessageStream<EchoResponse>) in
          for try await response in responses {
            received.withLock { $0.append(response.index) }
          }
        }
      }
      #expect(error?.code == .failedPrecondition)
      #expect(received.withLock { $0 } == [0, 1, 2])
    }
  }

  @Test("cancelling the calling task cancels the call on the server")
  func cancellation() async throws {
    try await withSharedClient { client, server in
      let (call, marker) = try await startSleepingCall(client, on: server)
      call.cancel()

      let result = await call.result
      #expect(throws: RPCError(.cancelled, "the call was cancelled")) { try result.get() }
      let cancelledOnServer = try await server.waitForEvent("cancelled \(marker)")
      #expect(cancelledOnServer)
    }
  }

  @Test("a message just under the 4 MiB limit goes both ways; one over it is refused")
  func largeMessages() async throws {
    try await withSharedClient { client, _ in
      let payload = (0..<(4 * 1024 * 1024 - 64)).map { UInt8(truncatingIfNeeded: $0 &* 31) }
      let response: EchoResponse = try await client.unary(
        EchoMethods.unary, request: EchoRequest(text: "big", payload: payload),
        options: CallOptions())
      #expect(response.payload == payload)

      let error = await #expect(throws: RPCError.self) {
        let _: EchoResponse = try await client.unary(
          EchoMethods.unary, request: EchoRequest(text: "too big", responseSize: 4 << 20 + 1),
          options: CallOptions())
      }
      #expect(error?.code == .resourceExhausted)
    }
  }

  @Test("many concurrent calls share one connection")
  func concurrentCalls() async throws {
    try await withSharedClient { client, _ in
      let peers = try await withThrowingTaskGroup(of: (Int, String).self) { group in
        for index in 0..<400 {
          group.addTask {
            let response: EchoResponse = try await client.unary(
              EchoMethods.unary, request: EchoRequest(text: "c\(index)"), options: CallOptions())
            #expect(response.text == "c\(index)")
            return (index, response.peer)
          }
        }
        var peers: Set<String> = []
        var count = 0
        for try await (_, peer) in group {
          peers.insert(peer)
          count += 1
        }
        #expect(count == 400)
        return peers
      }
      #expect(peers.count == 1)
    }
  }

  @Test("a slow reader holds the server back instead of buffering the whole stream")
  func responseBackPressure() async throws {
    try await withSharedClient { client, server in
      let marker = "flow-\(UUID().uuidString)"
      let total: Int32 = 160
      let request = EchoRequest(text: marker, count: total, responseSize: 64 * 1024)
      let (sentWhilePaused, received) = try await client.serverStreaming(
        EchoMethods.serverStream, request: request, options: CallOptions()
      ) { (responses: MessageStream<EchoResponse>) in
        var iterator = responses.makeAsyncIterator()
        _ = try await iterator.next()
        try await Task.sleep(for: .seconds(1))
        let sent = server.events().filter { $0.hasPrefix("sent \(marker) ") }.count
        var received = 1
        while try await iterator.next() != nil { received += 1 }
        return (sent, received)
      }
      // 160 messages of 64 KiB are 10 MiB; the client's 1 MiB stream window
      // lets only a fraction of them out while nobody reads.
      #expect(sentWhilePaused < Int(total) / 2)
      #expect(received == Int(total))
    }
  }

  @Test("calls beyond the server's stream limit wait for a free stream")
  func queuesBeyondConcurrentStreamLimit() async throws {
    let server = try PythonEchoServer(maxConcurrentStreams: 4)
    defer { server.stop() }
    try await withClient(server.target) { client in
      let count = try await withThrowingTaskGroup(of: Void.self) { group in
        for index in 0..<40 {
          group.addTask {
            let response: EchoResponse = try await client.unary(
              EchoMethods.unary, request: EchoRequest(text: "q\(index)", sleepMilliseconds: 50),
              options: CallOptions())
            #expect(response.text == "q\(index)")
          }
        }
        var count = 0
        for try await _ in group { count += 1 }
        return count
      }
      #expect(count == 40)
    }
  }

  @Test("a host name target is resolved")
  func hostNameTarget() async throws {
    let server = try sharedServer.get()
    try await withClient("localhost:\(server.port)") { client in
      let response: EchoResponse = try await client.unary(
        EchoMethods.unary, request: EchoRequest(text: "by name"), options: CallOptions())
      #expect(response.text == "by name")
    }
  }

  @Test("an IPv6 target in brackets works")
  func ipv6Target() async throws {
    let server = try PythonEchoServer(address: "[::1]:0")
    defer { server.stop() }
    try await withClient(server.target) { client in
      let response: EchoResponse = try await client.unary(
        EchoMethods.unary, request: EchoRequest(text: "v6"), options: CallOptions())
      #expect(response.text == "v6")
      #expect(response.peer.hasPrefix("ipv6:"))
    }
  }

  @Test("calls in flight fail UNAVAILABLE when the server dies and later calls reconnect")
  func reconnect() async throws {
    let first = try PythonEchoServer()
    defer { first.kill() }
    try await withClient(first.target) { client in
      let before: EchoResponse = try await client.unary(
        EchoMethods.unary, request: EchoRequest(text: "before"), options: CallOptions())
      #expect(before.text == "before")

      let (inFlight, _) = try await startSleepingCall(client, on: first)
      first.kill()
      let error = await #expect(throws: RPCError.self) { try await inFlight.value }
      #expect(error?.code == .unavailable)

      let second = try PythonEchoServer(address: "127.0.0.1:\(first.port)")
      defer { second.stop() }
      let after: EchoResponse = try await client.unary(
        EchoMethods.unary, request: EchoRequest(text: "after"), options: CallOptions())
      #expect(after.text == "after")
    }
  }

  @Test("an unreachable server fails the call UNAVAILABLE at once with a clear message")
  func unreachable() async throws {
    let port = try unusedPort()
    try await withClient("127.0.0.1:\(port)") { client in
      let start = ContinuousClock.now
      let error = await #expect(throws: RPCError.self) {
        let _: EchoResponse = try await client.unary(
          EchoMethods.unary, request: EchoRequest(text: "x"), options: CallOptions())
      }
      #expect(error?.code == .unavailable)
      #expect(error?.message == "could not connect to 127.0.0.1:\(port): connection refused")
      #expect(ContinuousClock.now - start < .seconds(10))
    }
  }
}

/// Starts a unary call whose handler sleeps 20 s, and waits until the
/// server reports it started; returns the call's task and its marker text.
private func startSleepingCall(
  _ client: RPCClient, on server: PythonEchoServer
) async throws -> (Task<Void, any Error>, String) {
  let marker = "sleep-\(UUID().uuidString)"
  let call = Task {
    let _: EchoResponse = try await client.unary(
      EchoMethods.unary, request: EchoRequest(text: marker, sleepMilliseconds: 20_000),
      options: CallOptions())
  }
  let started = try await server.waitForEvent("started \(marker)")
  #expect(started)
  return (call, marker)
}

/// A loopback port nothing listens on: bound, then released.
private func unusedPort() throws -> Int {
  let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
  defer { close(fd) }
  var address = sockaddr_in()
  address.sin_family = sa_family_t(AF_INET)
  address.sin_addr.s_addr = inet_addr("127.0.0.1")
  var length = socklen_t(MemoryLayout<sockaddr_in>.size)
  let bound = withUnsafeMutablePointer(to: &address) {
    $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
      bind(fd, $0, length) == 0 && getsockname(fd, $0, &length) == 0
    }
  }
  guard bound else { throw ServerStartError(message: "could not reserve a port") }
  return Int(UInt16(bigEndian: address.sin_port))
}
