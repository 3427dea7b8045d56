import CNGHTTP2
import Synchronization
import Testing

@testable import RPC

/// Feeds a ``ClientStream`` the HTTP/2 events of one response, without sockets.
private struct ResponseScript {
  let stream: ClientStream

  init(response: ClientStream.ResponseKind = .single, replayable: Bool = true) {
    stream = ClientStream(
      headerFields: RequestHeaderBlock(), requestBody: [], isRequestComplete: replayable,
      deadline: nil, maxReceiveMessageSize: 1024, response: response, onResponseMetadata: nil)
  }

  /// One HEADERS block; `endsStream` marks trailers or trailers-only.
  func headers(_ fields: [(String, String)], endsStream: Bool) {
    for (name, value) in fields {
      Array(name.utf8).withUnsafeBufferPointer { name in
        Array(value.utf8).withUnsafeBufferPointer { value in
          stream.receiveHeader(name: name, value: value, blockEndsStream: endsStream)
        }
      }
    }
    stream.receiveHeadersEnd(endsStream: endsStream)
  }

  /// DATA bytes; returns what the stream credits at once.
  @discardableResult
  func data(_ bytes: [UInt8]) -> Int {
    bytes.withUnsafeBytes { stream.receiveData($0) }
  }

  /// The call's error, or nil when it ended OK or not at all.
  var error: RPCError? {
    if case .failure(let error) = stream.outcome { return error }
    return nil
  }
}

/// A framed message.
private func framed(_ payload: [UInt8]) -> [UInt8] {
  var bytes: [UInt8] = []
  MessageFraming.append(payload, to: &bytes)
  return bytes
}

@Suite("Client call status from HTTP/2 responses")
struct ClientStreamTests {
  @Test(
    "a response without grpc-status takes its code from the HTTP status",
    arguments: [
      (400, StatusCode.internal), (401, .unauthenticated), (403, .permissionDenied),
      (404, .unimplemented), (429, .unavailable), (502, .unavailable), (503, .unavailable),
      (504, .unavailable), (500, .unknown),
    ])
  func httpStatusMapping(status: Int, code: StatusCode) {
    let script = ResponseScript()
    script.headers([(":status", "\(status)"), ("content-type", "text/html")], endsStream: true)
    #expect(script.error?.code == code)
    #expect(script.error?.message.contains("\(status)") == true)
  }

  @Test("HTTP 200 that ends without grpc-status is INTERNAL")
  func missingStatus() {
    let script = ResponseScript()
    script.headers([(":status", "200"), ("content-type", "application/grpc")], endsStream: false)
    script.data(framed([1, 2]))
    script.headers([("x-other", "1")], endsStream: true)
    #expect(script.error?.code == .internal)
  }

  @Test("a trailers-only error carries the decoded message and its metadata")
  func trailersOnly() {
    let script = ResponseScript()
    script.headers(
      [
        (":status", "200"), ("content-type", "application/grpc"), ("grpc-status", "5"),
        ("grpc-message", "no lead %E2%9C%93 50%25"), ("lead-id", "42"),
        ("detail-bin", "AAEC"),
      ], endsStream: true)
    #expect(
      script.error
        == RPCError(
          .notFound, "no lead ✓ 50%",
          metadata: {
            var metadata = Metadata()
            metadata.add("lead-id", "42")
            metadata.add("detail-bin", binary: [0, 1, 2])
            return metadata
          }()))
  }

  @Test("a unary response with one message and OK trailers succeeds")
  func unarySuccess() {
    let script = ResponseScript()
    script.headers([(":status", "200"), ("content-type", "application/grpc")], endsStream: false)
    #expect(script.data(framed([7, 7])) == 7)
    script.headers([("grpc-status", "0")], endsStream: true)
    guard case .success = script.stream.outcome else {
      Issue.record("expected success, got \(String(describing: script.stream.outcome))")
      return
    }
  }

  @Test("a unary response with two messages is INTERNAL")
  func unaryCardinality() {
    let script = ResponseScript()
    script.headers([(":status", "200")], endsStream: false)
    script.data(framed([1]) + framed([2]))
    script.headers([("grpc-status", "0")], endsStream: true)
    #expect(script.error?.code == .internal)
  }

  @Test("a message over the receive limit fails RESOURCE_EXHAUSTED from its prefix")
  func oversizedMessage() {
    let script = ResponseScript()
    script.headers([(":status", "200")], endsStream: false)
    script.data([0, 0, 0, 0x10, 0])
    #expect(script.error?.code == .resourceExhausted)
  }

  @Test(
    "RST_STREAM codes map to gRPC codes",
    arguments: [
      (NGHTTP2_CANCEL.rawValue, StatusCode.cancelled),
      (NGHTTP2_ENHANCE_YOUR_CALM.rawValue, .resourceExhausted),
      (NGHTTP2_INADEQUATE_SECURITY.rawValue, .permissionDenied),
      (NGHTTP2_PROTOCOL_ERROR.rawValue, .internal),
      (NGHTTP2_REFUSED_STREAM.rawValue, .unavailable),
    ])
  func resetCodes(errorCode: UInt32, code: StatusCode) {
    let script = ResponseScript(replayable: false)
    script.stream.didClose(errorCode: errorCode, wasSent: true)
    #expect(script.error?.code == code)
    #expect(!script.stream.needsRetry)
  }

  @Test("a refused call whose request is in memory is retried instead of failing")
  func refusedIsRetried() {
    let script = ResponseScript(replayable: true)
    script.stream.didClose(errorCode: NGHTTP2_REFUSED_STREAM.rawValue, wasSent: true)
    #expect(script.stream.needsRetry)
    #expect(script.stream.outcome == nil)
  }

  @Test("a streaming response withholds flow-control credit while messages sit unread")
  func streamingBackPressure() async throws {
    let queue = StreamingResponse()
    let script = ResponseScript(response: .streaming(queue))
    script.headers([(":status", "200")], endsStream: false)

    // Nobody is reading: the first message waits, so its bytes are withheld.
    #expect(script.data(framed([1, 1, 1])) == 0)
    #expect(script.data(framed([2])) == 0)

    let drained = Counter()
    #expect(try await queue.next { drained.increment() } == [1, 1, 1])
    #expect(drained.value == 0)
    #expect(try await queue.next { drained.increment() } == [2])
    #expect(drained.value == 1)

    // Caught up: the start of the next message is credited at once, so a
    // message larger than the window can still complete.
    #expect(script.data([0, 0, 0, 0, 9, 1, 2, 3]) == 8)
  }
}

/// Counts calls from any thread.
private final class Counter: Sendable {
  private let count = Mutex(0)
  var value: Int { count.withLock { $0 } }
  func increment() { count.withLock { $0 += 1 } }
}
