import Foundation
import Testing

@testable import RPC

/// The server process of the benchmark, serving only Health, started per
/// test so its descriptors and memory can be read from `/proc`.
final class HealthServerProcess: @unchecked Sendable {
  let child: ChildProcess
  let port: Int

  init() async throws {
    let executable = buildProductsDirectory.appendingPathComponent("rpc-bench-server")
    child = try ChildProcess(executable, ["--loops", "2", "--port", "0"])
    var port: Int?
    let deadline = ContinuousClock.now + .seconds(30)
    while port == nil && ContinuousClock.now < deadline {
      if let range = child.text.range(of: "port=") {
        port = Int(child.text[range.upperBound...].prefix { $0.isNumber })
      } else {
        try await Task.sleep(for: .milliseconds(20))
      }
    }
    guard let port else { throw ServerError(.listenFailed, "the server printed no port") }
    self.port = port
  }

  /// Open descriptors of the server process.
  var openDescriptors: Int {
    (try? FileManager.default.contentsOfDirectory(atPath: "/proc/\(child.pid)/fd").count) ?? -1
  }

  /// The descriptor count once it has stopped changing for a while (the
  /// process finishes starting and closes probe connections asynchronously).
  func settledDescriptorCount() async -> Int {
    var last = openDescriptors
    var stableReadings = 0
    for _ in 0..<200 where stableReadings < 5 {
      try? await Task.sleep(for: .milliseconds(20))
      let now = openDescriptors
      stableReadings = now == last ? stableReadings + 1 : 0
      last = now
    }
    return last
  }

  /// Resident memory of the server process, in KiB.
  var residentKiB: Int {
    let status = (try? String(contentsOfFile: "/proc/\(child.pid)/status", encoding: .utf8)) ?? ""
    let line = status.split(separator: "\n").first { $0.hasPrefix("VmRSS:") } ?? ""
    return Int(line.split(separator: " ").dropFirst().first ?? "") ?? -1
  }
}

/// One kind of hostile or broken client behaviour.
enum HostileInput: String, CaseIterable, CustomTestStringConvertible, Sendable {
  case garbageBytes
  case http1Request
  case truncatedPrefixAtEndStream
  case fourGiBLengthPrefix
  case thousandConnectionsDroppedMidFrame
  case resetInTheMiddleOfAClientStream
  case headersPastTheSizeLimit
  case timeoutOfNineDigits
  case negativeTimeout
  case timeoutWithAnUnknownUnit
  case zeroTimeout
  case rapidResets

  var testDescription: String { rawValue }

  /// Performs the input against `port`; returns what went wrong, or nil
  /// when the server reacted as it should.
  func perform(port: Int) -> String? {
    switch self {
    case .garbageBytes:
      let connection = try! RawHTTP2Connection(port: port)
      connection.send((0..<65_536).map { _ in UInt8.random(in: 0...255) })
      return connection.closesConnection() ? nil : "connection stayed open"
    case .http1Request:
      let connection = try! RawHTTP2Connection(port: port)
      connection.send(Array("GET / HTTP/1.1\r\nHost: localhost\r\n\r\n".utf8))
      return connection.closesConnection() ? nil : "connection stayed open"
    case .truncatedPrefixAtEndStream:
      return expectStatus(port: port, body: [0, 0, 0], status: .internal)
    case .fourGiBLengthPrefix:
      return expectStatus(
        port: port, body: [0, 0xFF, 0xFF, 0xFF, 0xFF], status: .resourceExhausted)
    case .thousandConnectionsDroppedMidFrame:
      for _ in 0..<10 {
        let batch = (0..<100).compactMap { _ in try? RawHTTP2Connection(port: port) }
        for connection in batch {
          connection.sendPreface()
          // A HEADERS frame header announcing 100 bytes, then 3 of them.
          connection.send([0, 0, 100, 1, 4, 0, 0, 0, 1, 0x82, 0x86, 0x84])
        }
        guard batch.count == 100 else { return "only \(batch.count) of 100 connections opened" }
      }
      return nil
    case .resetInTheMiddleOfAClientStream:
      let connection = try! RawHTTP2Connection(port: port)
      connection.sendPreface()
      connection.sendHeaders(
        streamID: 1, RawHTTP2Connection.grpcRequestHeaders(HealthProbe.checkPath), endStream: false)
      connection.sendData(streamID: 1, [0, 0, 0, 0, 10, 1, 2], endStream: false)
      connection.sendReset(streamID: 1)
      let after = connection.unaryCall(streamID: 3, path: HealthProbe.checkPath, payload: [])
      return after.grpcStatus == 0 ? nil : "the same connection stopped serving after the reset"
    case .headersPastTheSizeLimit:
      let connection = try! RawHTTP2Connection(port: port)
      connection.sendPreface()
      let response = connection.unaryCall(
        streamID: 1, path: HealthProbe.checkPath, payload: [],
        extra: [("x-padding", String(repeating: "p", count: 40_000))])
      let refused =
        response.grpcStatus == StatusCode.resourceExhausted.rawValue || response.resetCode != nil
        || !response.isComplete
      return refused ? nil : "oversized headers were served: \(response.headers)"
    case .timeoutOfNineDigits:
      return expectStatus(port: port, timeout: "100000000S", status: .internal)
    case .negativeTimeout:
      return expectStatus(port: port, timeout: "-1S", status: .internal)
    case .timeoutWithAnUnknownUnit:
      return expectStatus(port: port, timeout: "5X", status: .internal)
    case .zeroTimeout:
      return expectStatus(port: port, timeout: "0n", status: .deadlineExceeded)
    case .rapidResets:
      let connection = try! RawHTTP2Connection(port: port)
      connection.sendPreface()
      for index in 0..<2_000 {
        let streamID = UInt32(2 * index + 1)
        connection.sendHeaders(
          streamID: streamID, RawHTTP2Connection.grpcRequestHeaders(HealthProbe.checkPath),
          endStream: false)
        connection.sendReset(streamID: streamID)
      }
      _ = connection.closesConnection()
      return nil
    }
  }

  private func expectStatus(
    port: Int, body: [UInt8] = [0, 0, 0, 0, 0], timeout: String? = nil, status: StatusCode
  ) -> String? {
    let connection = try! RawHTTP2Connection(port: port)
    connection.sendPreface()
    let extra = timeout.map { [("grpc-timeout", $0)] } ?? []
    connection.sendHeaders(
      streamID: 1, RawHTTP2Connection.grpcRequestHeaders(HealthProbe.checkPath, extra: extra),
      endStream: false)
    connection.sendData(streamID: 1, body, endStream: true)
    let response = connection.readResponse(streamID: 1)
    return response.grpcStatus == status.rawValue
      ? nil
      : "expected \(status), got grpc-status \(response.grpcStatus.map(String.init) ?? "none")"
  }
}

@Suite("RPC server under hostile input")
struct ServerBadInputTests {
  @Test(
    "survives hostile input, keeps serving, and returns to its descriptors and memory",
    arguments: HostileInput.allCases)
  func hostileInput(_ input: HostileInput) async throws {
    let server = try await HealthServerProcess()
    let port = server.port
    #expect(await blocking { HealthProbe.isServing(port: port) })
    let descriptorsBefore = await server.settledDescriptorCount()
    let memoryBefore = server.residentKiB

    let problem = await blocking { input.perform(port: port) }
    #expect(problem == nil, "\(problem ?? "")")

    #expect(await blocking { HealthProbe.isServing(port: port) })
    let settled = await eventually { server.openDescriptors <= descriptorsBefore }
    #expect(settled, "descriptors: \(descriptorsBefore) before, \(server.openDescriptors) after")
    let memoryAfter = server.residentKiB
    let tolerance = max(16 * 1024, memoryBefore / 4)
    #expect(
      memoryAfter - memoryBefore < tolerance,
      "resident memory grew from \(memoryBefore) KiB to \(memoryAfter) KiB")
  }

  @Test("exits 0 on SIGTERM after finishing its connections")
  func exitsOnSIGTERM() async throws {
    let server = try await HealthServerProcess()
    let port = server.port
    #expect(await blocking { HealthProbe.isServing(port: port) })
    kill(server.child.pid, SIGTERM)
    #expect(await server.child.waitForExit(seconds: 30) == 0)
  }

  @Test("completes 100,000 Health/Check calls from h2load over 4 connections × 32 streams")
  func h2loadRun() async throws {
    let server = try await HealthServerProcess()
    let body = FileManager.default.temporaryDirectory
      .appendingPathComponent("grpc-empty-\(UUID().uuidString)")
    try Data([0, 0, 0, 0, 0]).write(to: body)
    defer { try? FileManager.default.removeItem(at: body) }
    let load = try ChildProcess(
      URL(fileURLWithPath: "/usr/bin/env"),
      [
        "h2load", "-n100000", "-c4", "-m32", "-T", "120", "-H", "content-type: application/grpc",
        "-H",
        "te: trailers", "-d", body.path,
        "http://127.0.0.1:\(server.port)\(HealthProbe.checkPath)",
      ])
    let status = await load.waitForExit(seconds: 240)
    let report = load.text
    #expect(status == 0, "\(report)")
    #expect(report.contains("100000 succeeded, 0 failed, 0 errored, 0 timeout"), "\(report)")
    // h2load does not read grpc-status; a SERVING reply is exactly 7 DATA bytes.
    let dataLine = report.split(separator: "\n").first { $0.hasPrefix("traffic:") } ?? ""
    #expect(dataLine.contains("(700000) data"), "\(dataLine)")
  }
}
