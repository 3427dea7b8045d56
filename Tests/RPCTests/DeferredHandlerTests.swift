import Foundation
import Synchronization
import Testing

@testable import RPC

/// Deferred responses a test completes by hand, in arrival order.
private final class ParkedResponses: Sendable {
  private let parked = Mutex<[DeferredResponse]>([])

  func park(_ response: DeferredResponse) {
    parked.withLock { $0.append(response) }
  }

  var count: Int { parked.withLock { $0.count } }

  /// Removes and returns the oldest parked response.
  func take() -> DeferredResponse? {
    parked.withLock { $0.isEmpty ? nil : $0.removeFirst() }
  }
}

/// A server with deferred methods only: `Reverse` answers from another
/// thread, `Fail` with a status, `Park` whenever the test says.
private enum DeferredTestServer {
  static let reverse = MethodDescriptor(
    service: "rpctest.v1.Deferred", method: "Reverse", kind: .unary)
  static let fail = MethodDescriptor(service: "rpctest.v1.Deferred", method: "Fail", kind: .unary)
  static let park = MethodDescriptor(service: "rpctest.v1.Deferred", method: "Park", kind: .unary)

  static func with(
    _ body: (_ port: Int, ParkedResponses) async throws -> Void
  ) async throws {
    let parked = ParkedResponses()
    let server = RPCServer(configuration: TestServer.configuration())
    server.register([
      MethodHandler(
        method: reverse,
        body: .deferred { request, _, response in
          let thread = Thread { response.complete(.success(request.reversed())) }
          thread.start()
        }),
      MethodHandler(
        method: fail,
        body: .deferred { _, _, response in
          response.fail(RPCError(.permissionDenied, "not for you"))
        }),
      MethodHandler(
        method: park,
        body: .deferred { _, _, response in parked.park(response) }),
    ])
    try server.start()
    do {
      try await body(server.listeningPorts[0], parked)
    } catch {
      await server.shutdown()
      throw error
    }
    await server.shutdown()
  }
}

@Suite("Deferred unary handlers")
struct DeferredHandlerTests {
  @Test("a completion from another thread becomes the response, on every stream of a connection")
  func answeredFromAnotherThread() async throws {
    try await DeferredTestServer.with { port, _ in
      let responses = await blocking {
        let connection = try! RawHTTP2Connection(port: port)
        connection.sendPreface()
        return [UInt32](stride(from: 1, through: 9, by: 2)).map { streamID in
          connection.unaryCall(
            streamID: streamID, path: DeferredTestServer.reverse.path,
            payload: Array("call \(streamID)".utf8))
        }
      }
      for (index, response) in responses.enumerated() {
        #expect(response.grpcStatus == 0)
        #expect(response.messages == [Array("call \(index * 2 + 1)".utf8.reversed())])
      }
    }
  }

  @Test("a failed completion ends the call with the error's status and message")
  func failure() async throws {
    try await DeferredTestServer.with { port, _ in
      let response = await blocking {
        let connection = try! RawHTTP2Connection(port: port)
        connection.sendPreface()
        return connection.unaryCall(streamID: 1, path: DeferredTestServer.fail.path, payload: [])
      }
      #expect(response.grpcStatus == StatusCode.permissionDenied.rawValue)
      #expect(response.header("grpc-message") == "not for you")
      #expect(response.data.isEmpty)
    }
  }

  @Test("the deadline answers DEADLINE_EXCEEDED, and the late completion is dropped")
  func deadline() async throws {
    try await DeferredTestServer.with { port, parked in
      let connection = try RawHTTP2Connection(port: port)
      let expired = await blocking {
        connection.sendPreface()
        return connection.unaryCall(
          streamID: 1, path: DeferredTestServer.park.path, payload: [1],
          extra: [("grpc-timeout", "200m")])
      }
      #expect(expired.grpcStatus == StatusCode.deadlineExceeded.rawValue)
      #expect(expired.data.isEmpty)

      let late = try #require(parked.take())
      late.complete(.success([9, 9, 9]))
      let next = await blocking {
        connection.unaryCall(streamID: 3, path: DeferredTestServer.reverse.path, payload: [1, 2])
      }
      #expect(next.grpcStatus == 0)
      #expect(next.messages == [[2, 1]])
    }
  }

  @Test("a completion after the client reset its stream is dropped; the connection serves on")
  func completionAfterReset() async throws {
    try await DeferredTestServer.with { port, parked in
      let connection = try RawHTTP2Connection(port: port)
      await blocking {
        connection.sendPreface()
        connection.sendHeaders(
          streamID: 1, RawHTTP2Connection.grpcRequestHeaders(DeferredTestServer.park.path),
          endStream: false)
        connection.sendData(streamID: 1, RawHTTP2Connection.grpcMessage([1]), endStream: true)
      }
      #expect(await eventually { parked.count == 1 })
      await blocking { connection.sendReset(streamID: 1) }
      // Give the reset time to reach the server before completing.
      try await Task.sleep(for: .milliseconds(100))
      try #require(parked.take()).complete(.success([7]))

      let next = await blocking {
        connection.unaryCall(streamID: 3, path: DeferredTestServer.reverse.path, payload: [3, 4])
      }
      #expect(next.grpcStatus == 0)
      #expect(next.messages == [[4, 3]])
    }
  }

  @Test("completions after their connection closed are dropped; other connections are answered")
  func completionAfterConnectionClosed() async throws {
    try await DeferredTestServer.with { port, parked in
      do {
        let connection = try RawHTTP2Connection(port: port)
        await blocking {
          connection.sendPreface()
          for streamID in stride(from: UInt32(1), through: 9, by: 2) {
            connection.sendHeaders(
              streamID: streamID,
              RawHTTP2Connection.grpcRequestHeaders(DeferredTestServer.park.path),
              endStream: false)
            connection.sendData(
              streamID: streamID, RawHTTP2Connection.grpcMessage([1]), endStream: true)
          }
        }
        #expect(await eventually { parked.count == 5 })
      }  // the connection closes here
      // Give the close time to reach the server, then answer every call from
      // another thread, as a store's commit would.
      try await Task.sleep(for: .milliseconds(100))
      let answered = Thread {
        while let response = parked.take() { response.complete(.success([7])) }
      }
      answered.start()

      let other = try RawHTTP2Connection(port: port)
      let next = await blocking {
        other.sendPreface()
        return other.unaryCall(streamID: 1, path: DeferredTestServer.reverse.path, payload: [1, 2])
      }
      #expect(next.grpcStatus == 0)
      #expect(next.messages == [[2, 1]])
      #expect(await eventually { parked.count == 0 })
    }
  }

  @Test("only the first completion of a response counts")
  func firstCompletionWins() {
    let results = Mutex<[Result<[UInt8], any Error>]>([])
    let response = DeferredResponse { result in results.withLock { $0.append(result) } }
    response.complete(.success([1]))
    response.fail(RPCError(.internal, "too late"))
    response.complete(.success([2]))
    let recorded = results.withLock { $0 }
    #expect(recorded.count == 1)
    #expect((try? recorded.first?.get()) == [1])
  }

  @Test("mapped errors pass through every transform, the one installed last first")
  func mappedErrors() {
    let results = Mutex<[Result<[UInt8], any Error>]>([])
    let response = DeferredResponse { result in results.withLock { $0.append(result) } }
    // The outer layer installs first and sees what the inner one made.
    response.mapErrors { error in
      RPCError(.unavailable, "outer(\((error as? RPCError)?.message ?? "?"))")
    }
    response.mapErrors { error in
      RPCError(.internal, "inner(\((error as? RPCError)?.message ?? "?"))")
    }
    response.fail(RPCError(.notFound, "raw"))
    let failure = results.withLock { $0 }.first.flatMap { result -> RPCError? in
      guard case .failure(let error) = result else { return nil }
      return error as? RPCError
    }
    #expect(failure?.code == .unavailable)
    #expect(failure?.message == "outer(inner(raw))")

    // Success is handed on untouched.
    let succeeded = Mutex<[UInt8]?>(nil)
    let other = DeferredResponse { result in succeeded.withLock { $0 = try? result.get() } }
    other.mapErrors { _ in RPCError(.internal, "never") }
    other.complete(.success([7, 8]))
    #expect(succeeded.withLock { $0 } == [7, 8])
  }
}
