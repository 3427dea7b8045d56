import Foundation
import Policy
import Testing

@testable import Store

@Suite("Durability across kill -9")
struct CrashDurabilityTests {
  /// The workload executable, built beside the test bundle by `swift build --build-tests`.
  static var workloadExecutable: URL {
    URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
      .appendingPathComponent("store-bench")
  }

  @Test("everything acknowledged before kill -9 is in the database after restart")
  func killNine() async throws {
    let executable = Self.workloadExecutable
    try #require(
      FileManager.default.isExecutableFile(atPath: executable.path),
      "store-bench must be built next to the tests (swift build --build-tests)")
    let fixture = try StoreFixture()
    fixture.store.close()

    let process = Process()
    process.executableURL = executable
    process.arguments = ["--until-killed", fixture.path]
    let output = Pipe()
    process.standardOutput = output
    try process.run()
    defer {
      if process.isRunning { kill(process.processIdentifier, SIGKILL) }
      process.waitUntilExit()
    }

    // Read until enough calls were acknowledged (or 30 s pass), then kill.
    var received = Data()
    let handle = output.fileHandleForReading
    let deadline = Date().addingTimeInterval(30)
    while Date() < deadline {
      let chunk = handle.availableData
      if chunk.isEmpty { break }
      received.append(chunk)
      if received.split(separator: UInt8(ascii: "\n")).count >= 2_000 { break }
    }
    kill(process.processIdentifier, SIGKILL)
    process.waitUntilExit()
    #expect(process.terminationReason == .uncaughtSignal)
    received.append(handle.readDataToEndOfFile())

    let lines = String(decoding: received, as: UTF8.self).split(separator: "\n")
    let sentIDs = lines.compactMap { line -> Int64? in
      line.hasPrefix("sent ") ? Int64(line.dropFirst(5)) : nil
    }
    let validated = lines.filter { $0 == "validated" }.count
    #expect(sentIDs.count + validated >= 2_000)

    let store = try Store(path: fixture.path)
    defer { store.close() }
    _ = try await store.recoverInterruptedAttempts()
    let admin = Viewer(userID: 0, isAdmin: true)
    for id in sentIDs {
      let attempt = try await store.attempt(id: id, visibleTo: admin)
      #expect(attempt?.status == .sent, "attempt \(id)")
    }
    var validations = 0
    var sends = 0
    var token: String?
    repeat {
      let page = try await store.auditEntries(AuditQuery(), pageToken: token, pageSize: 1_000)
      validations += page.items.filter { $0.action == .validate }.count
      sends += page.items.filter { $0.action == .send }.count
      token = page.nextPageToken
    } while token != nil
    #expect(validations >= validated)
    #expect(sends >= sentIDs.count)
  }
}
