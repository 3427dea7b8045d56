import Testing

@testable import RPC

@Suite("gRPC message framing")
struct MessageFramingTests {
  @Test("reassembles messages split across DATA frames at every byte")
  func reassemblesAnySplit() throws {
    var wire: [UInt8] = []
    let payloads: [[UInt8]] = [[], [1, 2, 3], Array(repeating: 7, count: 300)]
    for payload in payloads { MessageFraming.append(payload, to: &wire) }

    for chunkSize in 1...wire.count {
      var deframer = MessageDeframer(maxMessageSize: 1024)
      var received: [[UInt8]] = []
      for start in stride(from: 0, to: wire.count, by: chunkSize) {
        let chunk = Array(wire[start..<min(start + chunkSize, wire.count)])
        chunk.withUnsafeBytes { deframer.append($0) }
        while let message = try deframer.next() { received.append(message) }
      }
      #expect(received == payloads)
      #expect(!deframer.hasPartialMessage)
    }
  }

  @Test("rejects a message over the limit from its prefix alone")
  func rejectsOversizedFromPrefix() {
    var deframer = MessageDeframer(maxMessageSize: 4 * 1024 * 1024)
    let prefix: [UInt8] = [0, 0xFF, 0xFF, 0xFF, 0xFF]
    prefix.withUnsafeBytes { deframer.append($0) }
    #expect(throws: RPCError.self) { try deframer.next() }
    do {
      _ = try deframer.next()
    } catch {
      #expect(error.code == .resourceExhausted)
    }
  }

  @Test("answers a compressed message with UNIMPLEMENTED")
  func rejectsCompressed() {
    var deframer = MessageDeframer(maxMessageSize: 100)
    let bytes: [UInt8] = [1, 0, 0, 0, 1, 42]
    bytes.withUnsafeBytes { deframer.append($0) }
    do {
      _ = try deframer.next()
      Issue.record("expected an error")
    } catch {
      #expect(error.code == .unimplemented)
    }
  }

  @Test("reports a truncated message as partial")
  func reportsPartial() throws {
    var deframer = MessageDeframer(maxMessageSize: 100)
    let bytes: [UInt8] = [0, 0, 0]
    bytes.withUnsafeBytes { deframer.append($0) }
    #expect(try deframer.next() == nil)
    #expect(deframer.hasPartialMessage)
    #expect(deframer.bufferedByteCount == 3)
  }
}

@Suite("grpc-timeout header")
struct GRPCTimeoutTests {
  @Test(
    "parses every unit",
    arguments: [
      ("1H", Duration.seconds(3600)), ("2M", .seconds(120)), ("3S", .seconds(3)),
      ("250m", .milliseconds(250)), ("7u", .microseconds(7)), ("0n", .zero),
      ("99999999S", .seconds(99_999_999)),
    ])
  func parsesUnits(value: String, expected: Duration) {
    #expect(GRPCTimeout.parse(value) == expected)
  }

  @Test(
    "rejects malformed values",
    arguments: ["", "S", "100000000S", "-1S", "5X", "1.5S", " 1S", "1s", "１S"])
  func rejectsMalformed(value: String) {
    #expect(GRPCTimeout.parse(value) == nil)
  }

  @Test(
    "formats in at most 8 digits without shortening the deadline",
    arguments: [
      Duration.milliseconds(1500), .seconds(30), .nanoseconds(1), .seconds(86_400 * 365),
      .microseconds(123_456_789),
    ])
  func formatsRoundTrip(duration: Duration) throws {
    let header = GRPCTimeout.format(duration)
    #expect(header.utf8.count <= 9)
    let parsed = try #require(GRPCTimeout.parse(header))
    #expect(parsed >= duration)
  }
}

@Suite("grpc-message percent-encoding")
struct StatusMessageEncodingTests {
  @Test("passes printable ASCII through and escapes the rest")
  func encodes() {
    #expect(StatusMessageEncoding.encode("plain text") == "plain text")
    #expect(StatusMessageEncoding.encode("100%") == "100%25")
    #expect(StatusMessageEncoding.encode("a\r\nb") == "a%0D%0Ab")
    #expect(StatusMessageEncoding.encode("Grüße") == "Gr%C3%BC%C3%9Fe")
  }

  @Test("round-trips any text", arguments: ["", "ok", "%%", "Grüße — 🚀", "tab\there", "\u{0}"])
  func roundTrips(text: String) {
    #expect(StatusMessageEncoding.decode(StatusMessageEncoding.encode(text)) == text)
  }

  @Test("keeps malformed escapes as they are")
  func toleratesBadEscapes() {
    #expect(StatusMessageEncoding.decode("50%") == "50%")
    #expect(StatusMessageEncoding.decode("%zz%4") == "%zz%4")
  }
}

@Suite("metadata header encoding")
struct MetadataEncodingTests {
  @Test("emits binary values as unpadded base64")
  func emitsUnpadded() {
    #expect(MetadataEncoding.headerValue(.binary([0xFF])) == "/w")
    #expect(MetadataEncoding.headerValue(.string("v")) == "v")
  }

  @Test("accepts padded, unpadded and comma-joined binary values")
  func decodesBinary() {
    #expect(MetadataEncoding.values(name: "k-bin", headerValue: "/w==") == [.binary([0xFF])])
    #expect(MetadataEncoding.values(name: "k-bin", headerValue: "/w") == [.binary([0xFF])])
    #expect(
      MetadataEncoding.values(name: "k-bin", headerValue: "AQ, Ag==")
        == [.binary([1]), .binary([2])])
    #expect(MetadataEncoding.values(name: "k-bin", headerValue: "not base64!") == nil)
  }

  @Test("round-trips random bytes through base64")
  func base64RoundTrip() {
    var generator = SystemRandomNumberGenerator()
    for length in 0..<64 {
      let bytes = (0..<length).map { _ in UInt8.random(in: 0...255, using: &generator) }
      #expect(Base64.decode(Base64.encode(bytes)) == bytes)
      #expect(Base64.decode(Base64.encode(bytes, padded: false)) == bytes)
    }
  }

  @Test("keeps transport headers out of metadata")
  func reservedNames() {
    let reserved = [
      ":path", "grpc-timeout", "grpc-status", "te", "content-type", "user-agent", "content-length",
      "connection", "keep-alive", "transfer-encoding", "upgrade", "proxy-connection", "host",
    ]
    let allowed = ["authorization", "grpc", "t", "tee", "hosts", "content-typ", "x-grpc-id", ""]
    for name in reserved + allowed {
      let expected = reserved.contains(name)
      #expect(MetadataEncoding.isReserved(name) == expected, "\(name)")
      #expect(MetadataEncoding.isReserved(name.dropFirst(0)) == expected, "\(name)")
      let fromBytes = Array(name.utf8).withUnsafeBufferPointer(MetadataEncoding.isReserved)
      #expect(fromBytes == expected, "\(name)")
    }
    #expect(MetadataEncoding.isValidName("x-request-id"))
    #expect(!MetadataEncoding.isValidName("X-Upper"))
  }
}

@Suite("Received message queue")
struct MessageQueueTests {
  @Test("hands messages out oldest first, also when refilled after draining")
  func firstInFirstOut() {
    var queue = MessageQueue()
    #expect(queue.popFirst() == nil)
    queue.append([1])
    queue.append([2, 2])
    #expect(queue.count == 2)
    #expect(queue.popFirst() == [1])
    queue.append([3])
    #expect(queue.popFirst() == [2, 2])
    #expect(queue.popFirst() == [3])
    #expect(queue.isEmpty)
    #expect(queue.popFirst() == nil)

    queue.append([4])
    #expect(queue.count == 1)
    #expect(queue.popFirst() == [4])
  }

  @Test("drops every waiting message on removeAll")
  func removeAll() {
    var queue = MessageQueue()
    queue.append([1])
    queue.append([2])
    _ = queue.popFirst()
    queue.removeAll()
    #expect(queue.isEmpty)
    #expect(queue.count == 0)
    #expect(queue.popFirst() == nil)
  }
}
