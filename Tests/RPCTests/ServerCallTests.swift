import Foundation
import Testing

@testable import RPC

@Suite("RPC server calls over raw HTTP/2")
struct ServerCallTests {
  static let unaryPath = EchoService.unary.path

  @Test("answers Health/Check with SERVING, and NOT_FOUND for an unknown service")
  func healthCheck() async throws {
    try await TestServer.with { server, port, _ in
      let (serving, unknown) = await blocking {
        let connection = try! RawHTTP2Connection(port: port)
        connection.sendPreface()
        let serving = connection.unaryCall(streamID: 1, path: HealthProbe.checkPath, payload: [])
        let unknown = connection.unaryCall(
          streamID: 3, path: HealthProbe.checkPath,
          payload: HealthCheckRequest(service: "no.such.Service").serializedBytes())
        return (serving, unknown)
      }
      #expect(serving.data == HealthProbe.servingReply)
      #expect(serving.grpcStatus == 0)
      #expect(serving.header("content-type") == "application/grpc")
      #expect(unknown.grpcStatus == StatusCode.notFound.rawValue)
      #expect(unknown.data.isEmpty)
    }
  }

  @Test("routes only the exact bytes of a method's path, not a canonically equivalent spelling")
  func exactRoutes() {
    let method = MethodDescriptor(service: "rpctest.v1.Kiosk", method: "Kick", kind: .unary)
    let handler = MethodHandler(method: method, body: .unary { request, _ in request })
    let cache = RouteCache(routes: [method.path: handler])
    // U+212A KELVIN SIGN is canonically equivalent to K: as a `String` key it
    // would find the route.
    let lookalike = method.path.replacingOccurrences(of: "K", with: "\u{212A}")
    #expect(lookalike == method.path)
    for _ in 0..<2 {  // the second time through the loop's cache
      let exact = Array(method.path.utf8).withUnsafeBufferPointer { cache.route(for: $0) }
      #expect(exact.path == method.path)
      #expect(exact.handler?.method.path == method.path)
      let other = Array(lookalike.utf8).withUnsafeBufferPointer { cache.route(for: $0) }
      #expect(other.path.utf8.elementsEqual(lookalike.utf8))
      #expect(other.handler == nil)
    }
  }

  @Test("remembers texts by their exact bytes and forgets the oldest beyond its capacity")
  func recentTexts() {
    var recent = RecentTexts<Void>(capacity: 2)
    func text(_ value: String) -> String {
      Array(value.utf8).withUnsafeBufferPointer { recent.text(for: $0) }
    }
    func remembered(_ value: String) -> Bool {
      Array(value.utf8).withUnsafeBufferPointer { recent.find($0) } != nil
    }
    #expect(text("Kelvin") == "Kelvin")
    // Canonically equivalent, other bytes: a text of its own.
    let lookalike = text("\u{212A}elvin")
    #expect(Array(lookalike.utf8) == Array("\u{212A}elvin".utf8))
    #expect(remembered("Kelvin") && remembered("\u{212A}elvin"))
    #expect(text("kelvin") == "kelvin")  // same length, one byte differs
    #expect(!remembered("Kelvin"))  // the oldest made room
    #expect(remembered("\u{212A}elvin") && remembered("kelvin"))
    #expect(text("") == "" && remembered(""))
  }

  @Test("answers an unknown method with UNIMPLEMENTED in a trailers-only response")
  func unknownMethod() async throws {
    try await TestServer.with { _, port, _ in
      let response = await blocking {
        let connection = try! RawHTTP2Connection(port: port)
        connection.sendPreface()
        return connection.unaryCall(streamID: 1, path: "/rpctest.v1.Echo/Nope", payload: [])
      }
      #expect(response.isComplete)
      #expect(response.trailers.isEmpty)
      #expect(response.header(":status") == "200")
      #expect(response.grpcStatus == StatusCode.unimplemented.rawValue)
      #expect(response.header("grpc-message")?.contains("Nope") == true)
    }
  }

  @Test("resets with NO_ERROR a stream whose trailers left before the client finished")
  func resetAfterEarlyTrailers() async throws {
    try await TestServer.with { _, port, _ in
      let (response, reset) = await blocking {
        let connection = try! RawHTTP2Connection(port: port)
        connection.sendPreface()
        connection.sendHeaders(
          streamID: 1, RawHTTP2Connection.grpcRequestHeaders("/rpctest.v1.Echo/Nope"),
          endStream: false)
        let response = connection.readResponse(streamID: 1)
        var reset: RawHTTP2Connection.Frame?
        while let frame = connection.readFrame() {
          if frame.type == RawHTTP2Connection.frameRSTStream && frame.streamID == 1 {
            reset = frame
            break
          }
        }
        return (response, reset)
      }
      #expect(response.grpcStatus == StatusCode.unimplemented.rawValue)
      #expect(reset?.payload == [0, 0, 0, 0])
    }
  }

  @Test(
    "refuses requests that are not gRPC with the HTTP status and a grpc-status",
    arguments: [
      ("GET", "application/grpc", "405"), ("POST", "application/json", "415"),
      ("POST", "application/grpcx", "415"),
    ])
  func notGRPC(method: String, contentType: String, httpStatus: String) async throws {
    try await TestServer.with { _, port, _ in
      let response = await blocking {
        let connection = try! RawHTTP2Connection(port: port)
        connection.sendPreface()
        connection.sendHeaders(
          streamID: 1,
          RawHTTP2Connection.grpcRequestHeaders(
            Self.unaryPath, method: method, contentType: contentType),
          endStream: true)
        return connection.readResponse(streamID: 1)
      }
      #expect(response.header(":status") == httpStatus)
      #expect(response.grpcStatus != nil && response.grpcStatus != 0)
    }
  }

  /// A unary echo of "hi" on a fresh raw connection to `port`.
  private static func echo(
    port: Int, extra: [(String, String)] = [], contentType: String = "application/grpc"
  ) async -> RawHTTP2Connection.Response {
    await blocking {
      let connection = try! RawHTTP2Connection(port: port)
      connection.sendPreface()
      return connection.unaryCall(
        streamID: 1, path: unaryPath, payload: EchoMessage("hi").serializedBytes(), extra: extra,
        contentType: contentType)
    }
  }

  @Test(
    "serves protobuf under application/grpc and +proto, and refuses other codecs UNIMPLEMENTED",
    arguments: [
      ("application/grpc", StatusCode.ok), ("application/grpc+proto", .ok),
      ("application/grpc;charset=utf-8", .ok), ("application/grpc+proto;x=1", .ok),
      ("application/grpc+json", .unimplemented), ("application/grpc+thrift;x=1", .unimplemented),
      ("application/grpc+", .unimplemented),
    ])
  func codecs(contentType: String, expected: StatusCode) async throws {
    try await TestServer.with { _, port, _ in
      let response = await Self.echo(port: port, contentType: contentType)
      #expect(response.header(":status") == "200")
      #expect(response.grpcStatus == expected.rawValue)
      if expected == .unimplemented {
        #expect(response.header("grpc-message")?.contains("application/grpc+proto") == true)
      }
    }
  }

  @Test(
    "turns a malformed grpc-timeout into an error status and an expired one into DEADLINE_EXCEEDED",
    arguments: [
      ("100000000S", StatusCode.internal), ("-1S", .internal), ("5X", .internal),
      ("0n", .deadlineExceeded), ("", .internal), ("1", .internal),
    ])
  func timeoutHeaders(value: String, expected: StatusCode) async throws {
    try await TestServer.with { _, port, _ in
      let response = await Self.echo(port: port, extra: [("grpc-timeout", value)])
      #expect(response.grpcStatus == expected.rawValue)
      #expect(await blocking { HealthProbe.isServing(port: port) })
    }
  }

  @Test("reassembles a message split over many DATA frames and many messages in one frame")
  func framingOfAnySplit() async throws {
    try await TestServer.with { _, port, _ in
      let response = await blocking {
        let connection = try! RawHTTP2Connection(port: port)
        connection.sendPreface()
        connection.sendHeaders(
          streamID: 1, RawHTTP2Connection.grpcRequestHeaders(EchoService.collect.path),
          endStream: false)
        let first = RawHTTP2Connection.grpcMessage(EchoMessage("split").serializedBytes())
        for byte in first {
          connection.sendData(streamID: 1, [byte], endStream: false)
        }
        let several = ["one", "two", "three"].flatMap {
          RawHTTP2Connection.grpcMessage(EchoMessage($0).serializedBytes())
        }
        connection.sendData(streamID: 1, several, endStream: true)
        return connection.readResponse(streamID: 1)
      }
      #expect(response.grpcStatus == 0)
      let reply = try response.messages.map { try EchoMessage(serializedBytes: $0) }
      #expect(reply == [EchoMessage("split one two three")])
    }
  }

  @Test(
    "rejects bad message prefixes before buffering the message",
    arguments: [
      ([1, 0, 0, 0, 2, 0x0A, 0], StatusCode.unimplemented),
      ([0, 0xFF, 0xFF, 0xFF, 0xFF], .resourceExhausted),
      ([0, 0, 0x40, 0, 1], .resourceExhausted),
      ([0, 0, 0], .internal),
      ([0, 0, 0, 0, 9, 1, 2], .internal),
    ] as [([UInt8], StatusCode)])
  func badPrefixes(bytes: [UInt8], expected: StatusCode) async throws {
    try await TestServer.with { _, port, _ in
      let response = await blocking {
        let connection = try! RawHTTP2Connection(port: port)
        connection.sendPreface()
        connection.sendHeaders(
          streamID: 1, RawHTTP2Connection.grpcRequestHeaders(Self.unaryPath), endStream: false)
        connection.sendData(streamID: 1, bytes, endStream: true)
        return connection.readResponse(streamID: 1)
      }
      #expect(response.grpcStatus == expected.rawValue)
      #expect(await blocking { HealthProbe.isServing(port: port) })
    }
  }

  @Test("cancels the handler and answers DEADLINE_EXCEEDED once the deadline passes")
  func deadlineCancelsHandler() async throws {
    try await TestServer.with { _, port, observations in
      let response = await blocking {
        let connection = try! RawHTTP2Connection(port: port)
        connection.sendPreface()
        return connection.unaryCall(
          streamID: 1, path: EchoService.sleep.path,
          payload: EchoMessage("60000").serializedBytes(), extra: [("grpc-timeout", "200m")])
      }
      #expect(response.grpcStatus == StatusCode.deadlineExceeded.rawValue)
      #expect(await eventually { observations.cancelled == 1 })
      #expect(observations.finished == 0)
    }
  }

  @Test("cancels the handler when the client resets its stream mid-request")
  func resetCancelsHandler() async throws {
    try await TestServer.with { _, port, observations in
      await blocking {
        let connection = try! RawHTTP2Connection(port: port)
        connection.sendPreface()
        connection.sendHeaders(
          streamID: 1, RawHTTP2Connection.grpcRequestHeaders(EchoService.collect.path),
          endStream: false)
        connection.sendData(
          streamID: 1, RawHTTP2Connection.grpcMessage(EchoMessage("part").serializedBytes()),
          endStream: false)
        Thread.sleep(forTimeInterval: 0.1)
        connection.sendReset(streamID: 1)
        _ = connection.readFrame()
      }
      #expect(await eventually { observations.cancelled == 1 })
      #expect(await blocking { HealthProbe.isServing(port: port) })
    }
  }

  @Test("cancels the handler when the client drops the connection")
  func dropCancelsHandler() async throws {
    try await TestServer.with { _, port, observations in
      await blocking {
        let connection = try! RawHTTP2Connection(port: port)
        connection.sendPreface()
        connection.sendHeaders(
          streamID: 1, RawHTTP2Connection.grpcRequestHeaders(EchoService.sleep.path),
          endStream: false)
        connection.sendData(
          streamID: 1, RawHTTP2Connection.grpcMessage(EchoMessage("60000").serializedBytes()),
          endStream: true)
        Thread.sleep(forTimeInterval: 0.2)
      }
      #expect(await eventually { observations.cancelled == 1 })
    }
  }

  @Test("echoes metadata both ways, binary values base64-encoded without padding")
  func metadataBothWays() async throws {
    try await TestServer.with { _, port, _ in
      let response = await blocking {
        let connection = try! RawHTTP2Connection(port: port)
        connection.sendPreface()
        return connection.unaryCall(
          streamID: 1, path: Self.unaryPath, payload: EchoMessage("meta").serializedBytes(),
          extra: [("echo-plain", "value 1"), ("echo-data-bin", "AAEC/w==")])
      }
      #expect(response.grpcStatus == 0)
      #expect(response.headers.contains { $0 == ("echo-plain", "value 1") })
      #expect(response.trailers.contains { $0 == ("echo-plain", "value 1") })
      #expect(response.trailers.contains { $0 == ("echo-data-bin", "AAEC/w") })
    }
  }

  @Test("each call on one connection sees its own metadata values, repeated, changed or evicted")
  func metadataValuesPerCall() async throws {
    // Values a connection remembers are found by their bytes: same-length
    // values that differ in one byte, a canonically equivalent spelling,
    // and more distinct values than are remembered must each come through
    // as sent.
    let values = [
      "Bearer token-A", "Bearer token-A", "Bearer token-B", "Bearer token-A",
      "Bearer token-K", "Bearer token-\u{212A}", "v1", "v2", "v3", "v4", "v5", "v6",
      "Bearer token-A",
    ]
    try await TestServer.with { _, port, _ in
      let echoed = await blocking {
        let connection = try! RawHTTP2Connection(port: port)
        connection.sendPreface()
        return values.enumerated().map { index, value in
          let response = connection.unaryCall(
            streamID: UInt32(2 * index + 1), path: Self.unaryPath,
            payload: EchoMessage("m").serializedBytes(), extra: [("echo-plain", value)])
          return response.trailers.first { $0.0 == "echo-plain" }?.1
        }
      }
      #expect(echoed.count == values.count)
      for (sent, received) in zip(values, echoed) {
        #expect(received.map { Array($0.utf8) } == Array(sent.utf8))
      }
    }
  }

  @Test("ends a failed call with its status, a percent-encoded message and trailing metadata")
  func failureStatus() async throws {
    try await TestServer.with { _, port, _ in
      let response = await blocking {
        let connection = try! RawHTTP2Connection(port: port)
        connection.sendPreface()
        return connection.unaryCall(
          streamID: 1, path: Self.unaryPath,
          payload: EchoMessage("fail:7:no way, café 100%").serializedBytes())
      }
      #expect(response.grpcStatus == StatusCode.permissionDenied.rawValue)
      #expect(response.header("grpc-message") == "no way, caf%C3%A9 100%25")
      #expect(response.header("failure-detail") == "requested")
      #expect(response.header("failure-detail-bin") == "AAEC/v8")
      #expect(response.data.isEmpty)
    }
  }

  @Test("streams responses of a server-streaming call and interleaves a bidirectional one")
  func streamingCalls() async throws {
    try await TestServer.with { _, port, _ in
      let (expanded, chatFirst, chatRest) = await blocking {
        let connection = try! RawHTTP2Connection(port: port)
        connection.sendPreface()
        let expanded = connection.unaryCall(
          streamID: 1, path: EchoService.expand.path,
          payload: EchoMessage("alpha beta gamma").serializedBytes())
        connection.sendHeaders(
          streamID: 3, RawHTTP2Connection.grpcRequestHeaders(EchoService.chat.path),
          endStream: false)
        connection.sendData(
          streamID: 3, RawHTTP2Connection.grpcMessage(EchoMessage("ping").serializedBytes()),
          endStream: false)
        var first: [UInt8] = []
        while let frame = connection.readFrame() {
          if frame.type == RawHTTP2Connection.frameData && frame.streamID == 3 {
            first = frame.payload
            break
          }
        }
        connection.sendData(
          streamID: 3, RawHTTP2Connection.grpcMessage(EchoMessage("pong").serializedBytes()),
          endStream: true)
        return (expanded, first, connection.readResponse(streamID: 3))
      }
      let expandedTexts = try expanded.messages.map { try EchoMessage(serializedBytes: $0).text }
      let chatTexts = try chatRest.messages.map { try EchoMessage(serializedBytes: $0).text }
      #expect(expanded.grpcStatus == 0)
      #expect(expandedTexts == ["alpha", "beta", "gamma"])
      #expect(chatFirst == RawHTTP2Connection.grpcMessage(EchoMessage("ping").serializedBytes()))
      #expect(chatRest.grpcStatus == 0)
      #expect(chatTexts == ["pong"])
    }
  }

  @Test("refuses streams beyond the concurrency limit with REFUSED_STREAM")
  func concurrencyLimit() async throws {
    var configuration = TestServer.configuration()
    configuration.maxConcurrentStreams = 2
    try await TestServer.with(configuration) { _, port, _ in
      let (refused, served) = await blocking {
        let connection = try! RawHTTP2Connection(port: port)
        connection.sendPreface()
        for streamID: UInt32 in [1, 3, 5] {
          connection.sendHeaders(
            streamID: streamID, RawHTTP2Connection.grpcRequestHeaders(EchoService.sleep.path),
            endStream: false)
          connection.sendData(
            streamID: streamID,
            RawHTTP2Connection.grpcMessage(EchoMessage("2000").serializedBytes()), endStream: true)
        }
        let refused = connection.readResponse(streamID: 5)
        let served = connection.readResponse(streamID: 1)
        return (refused, served)
      }
      #expect(refused.resetCode == 7)
      #expect(served.grpcStatus == 0)
    }
  }

  @Test("answers past-limit request headers with an error and keeps serving")
  func oversizedHeaders() async throws {
    var configuration = TestServer.configuration()
    configuration.maxHeaderListSize = 4096
    try await TestServer.with(configuration) { _, port, _ in
      let response = await blocking {
        let connection = try! RawHTTP2Connection(port: port)
        connection.sendPreface()
        return connection.unaryCall(
          streamID: 1, path: Self.unaryPath, payload: [],
          extra: [("x-large", String(repeating: "a", count: 8000))])
      }
      #expect(
        response.grpcStatus == StatusCode.resourceExhausted.rawValue || response.resetCode != nil)
      #expect(await blocking { HealthProbe.isServing(port: port) })
    }
  }

  @Test("streams health changes to Watch and reports unknown services as SERVICE_UNKNOWN")
  func healthWatch() async throws {
    try await TestServer.with { server, port, _ in
      let statuses = await blocking {
        let connection = try! RawHTTP2Connection(port: port)
        connection.sendPreface()
        connection.sendHeaders(
          streamID: 1, RawHTTP2Connection.grpcRequestHeaders("/grpc.health.v1.Health/Watch"),
          endStream: false)
        connection.sendData(
          streamID: 1,
          RawHTTP2Connection.grpcMessage(HealthCheckRequest(service: "svc").serializedBytes()),
          endStream: true)
        var statuses: [ServingStatus] = []
        while statuses.count < 2, let frame = connection.readFrame() {
          guard frame.type == RawHTTP2Connection.frameData, frame.payload.count >= 5 else {
            continue
          }
          let message = try! HealthCheckResponse(serializedBytes: Array(frame.payload[5...]))
          statuses.append(message.status)
          if statuses.count == 1 { server.health.setStatus(.serving, forService: "svc") }
        }
        return statuses
      }
      #expect(statuses == [.serviceUnknown, .serving])
    }
  }

  @Test("closes a connection that stays idle past the idle timeout")
  func idleTimeout() async throws {
    var configuration = TestServer.configuration()
    configuration.idleTimeout = .milliseconds(200)
    try await TestServer.with(configuration) { _, port, _ in
      let closed = await blocking {
        let connection = try! RawHTTP2Connection(port: port)
        connection.sendPreface()
        return connection.closesConnection()
      }
      #expect(closed)
    }
  }

  @Test("drains on shutdown: the call in flight completes, health flips, new connections fail")
  func gracefulShutdown() async throws {
    var configuration = TestServer.configuration()
    // Generous: shutdown returns as soon as the call ends, and a loaded
    // machine may stretch the handler's 700 ms a lot.
    configuration.shutdownGracePeriod = .seconds(60)
    let server = RPCServer(configuration: configuration)
    let observations = EchoObservations()
    server.register(EchoService(observations: observations))
    try server.start()
    let port = server.listeningPorts[0]
    async let inFlight = blocking {
      let connection = try! RawHTTP2Connection(port: port)
      connection.sendPreface()
      return connection.unaryCall(
        streamID: 1, path: EchoService.sleep.path, payload: EchoMessage("700").serializedBytes())
    }
    #expect(await eventually { observations.started == 1 })
    let shutdown = Task { await server.shutdown() }
    #expect(await eventually { server.health.status(forService: "") == .notServing })
    let response = await inFlight
    #expect(response.grpcStatus == 0)
    #expect(try response.messages.map { try EchoMessage(serializedBytes: $0).text } == ["700"])
    await shutdown.value
    let refused = await blocking { (try? RawHTTP2Connection(port: port, timeout: 2)) == nil }
    #expect(refused)
  }

  @Test("ends open health watches with NOT_SERVING when draining, without waiting out the grace")
  func drainEndsWatches() async throws {
    var configuration = TestServer.configuration()
    configuration.shutdownGracePeriod = .seconds(60)
    let server = RPCServer(configuration: configuration)
    try server.start()
    let port = server.listeningPorts[0]
    let connection = try #require(await blocking { try? RawHTTP2Connection(port: port) })
    let first = await blocking { () -> [UInt8]? in
      connection.sendPreface()
      connection.sendHeaders(
        streamID: 1, RawHTTP2Connection.grpcRequestHeaders("/grpc.health.v1.Health/Watch"),
        endStream: false)
      connection.sendData(streamID: 1, RawHTTP2Connection.grpcMessage([]), endStream: true)
      while let frame = connection.readFrame() {
        if frame.type == RawHTTP2Connection.frameData { return frame.payload }
      }
      return nil
    }
    #expect(first == HealthProbe.servingReply)
    let started = ContinuousClock.now
    async let rest = blocking { connection.readResponse(streamID: 1) }
    await server.shutdown()
    let response = await rest
    #expect(ContinuousClock.now - started < .seconds(30))
    #expect(response.data == [0, 0, 0, 0, 2, 0x08, 0x02])
    #expect(response.grpcStatus == 0)
  }
}
