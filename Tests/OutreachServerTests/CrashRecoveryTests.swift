import Foundation
import OutreachAPI
import Policy
import RPC
import Store
import Synchronization
import Testing

@testable import OutreachServer

/// `kill -9` of a real `outreachd` under load loses nothing it acknowledged.
@Suite("Crash recovery of outreachd", .serialized)
struct CrashRecoveryTests {
  /// A running `outreachd` child and the port it listens on.
  private struct Daemon {
    let process: ChildProcess
    let port: Int
  }

  private func environment(_ directory: URL) -> [String: String] {
    [
      "OUTREACH_DB": directory.appendingPathComponent("outreach.db").path,
      "OUTREACH_LISTEN": "127.0.0.1:0",
      "OUTREACH_MAIL_DROP": directory.appendingPathComponent("mail").path,
      "SMTP_FROM_EMAIL": "outreach@sender.test",
      "OUTREACH_DAILY_USER_CAP": "1000000",
      "OUTREACH_DAILY_DOMAIN_CAP": "1000000",
      "OUTREACH_LOG_LEVEL": "info",
    ]
  }

  /// A new, empty directory for one test's database and mail.
  private func temporaryDirectory(_ prefix: String) throws -> URL {
    let directory = FileManager.default.temporaryDirectory
      .appendingPathComponent("\(prefix)-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    return directory
  }

  /// Starts `outreachd serve` and waits for the line that names its port.
  private func startDaemon(_ directory: URL) async throws -> Daemon {
    let process = try ChildProcess(
      TestEnvironment.outreachd, ["serve"], environment: environment(directory))
    let deadline = ContinuousClock.now.advanced(by: .seconds(60))
    while ContinuousClock.now < deadline {
      let log = process.standardError
      if let range = log.range(of: "outreach.ports=") {
        let digits = log[range.upperBound...].prefix { $0.isNumber }
        if let port = Int(digits) { return Daemon(process: process, port: port) }
      }
      guard process.isRunning else { break }
      try await Task.sleep(for: .milliseconds(20))
    }
    let result = await process.finish(within: .seconds(1))
    throw RPCError(.unavailable, "outreachd did not start: \(result.errors)")
  }

  /// What the load saw acknowledged.
  private struct Acknowledged: Sendable {
    var validatedSubjects: [String] = []
    var sentAttempts: [Int64] = []
  }

  /// ``Acknowledged``, shared by the load's tasks.
  private final class AcknowledgedLog: Sendable {
    let state = Mutex(Acknowledged())
  }

  @Test("a second server on the same database refuses to start until the first has stopped")
  func oneServerPerDatabase() async throws {
    let directory = try temporaryDirectory("outreachd-lock")
    defer { try? FileManager.default.removeItem(at: directory) }

    let first = try await startDaemon(directory)
    let second = try ChildProcess(
      TestEnvironment.outreachd, ["serve"], environment: environment(directory))
    let refused = await second.finish(within: .seconds(30))
    #expect(refused.status == 1)
    #expect(refused.errors.contains("another outreachd serve is using"))
    #expect(first.process.isRunning)

    // The same file through a symbolic or a hard link is the same database.
    let database = directory.appendingPathComponent("outreach.db")
    let symbolic = directory.appendingPathComponent("symbolic.db")
    let hard = directory.appendingPathComponent("hard.db")
    try FileManager.default.createSymbolicLink(at: symbolic, withDestinationURL: database)
    try FileManager.default.linkItem(at: database, to: hard)
    for link in [symbolic, hard] {
      var throughLink = environment(directory)
      throughLink["OUTREACH_DB"] = link.path
      let other = try ChildProcess(TestEnvironment.outreachd, ["serve"], environment: throughLink)
      let alsoRefused = await other.finish(within: .seconds(30))
      #expect(alsoRefused.status == 1, "through \(link.lastPathComponent)")
      #expect(alsoRefused.errors.contains("another outreachd serve is using"))
    }

    // A server killed outright leaves no lock behind.
    first.process.kill(signal: SIGKILL)
    _ = first.process.waitForExit()
    let next = try await startDaemon(directory)
    next.process.kill(signal: SIGTERM)
    #expect(next.process.waitForExit() == 0)
  }

  @Test("every acknowledged call survives kill -9, and no attempt stays pending")
  func killDuringLoad() async throws {
    let directory = try temporaryDirectory("outreachd-crash")
    defer { try? FileManager.default.removeItem(at: directory) }

    let add = try ChildProcess(
      TestEnvironment.outreachd, ["user", "add", "loader"], environment: environment(directory))
    let added = await add.finish(within: .seconds(60))
    try #require(added.status == 0, "\(added.errors)")
    let token = added.output.trimmingCharacters(in: .whitespacesAndNewlines)

    // Load: leads first, then sends and validations until the kill.
    let first = try await startDaemon(directory)
    let caller = try TestCaller(target: "127.0.0.1:\(first.port)", token: token)
    let leadCount = 4_000
    _ = try await caller.leads.import { writer in
      for index in 0..<leadCount {
        var row = ImportLeadsRequest()
        row.email = "lead\(index)@crash\(index).example"
        try await writer.write(row)
      }
    }
    let acknowledged = AcknowledgedLog()
    let workers = 16
    let load = Task {
      await withTaskGroup(of: Void.self) { group in
        for worker in 0..<workers {
          group.addTask {
            var index = worker
            while !Task.isCancelled && index < leadCount {
              let subject = "subject-\(index)"
              if index % 2 == 0 {
                if case .success(let response) = await caller.send(
                  lead: Int64(index + 1), subject: subject),
                  let attempt = response.attempt
                {
                  acknowledged.state.withLock { $0.sentAttempts.append(attempt.id) }
                }
              } else if (try? await caller.validate("v\(index)@crash.example", subject: subject))
                != nil
              {
                acknowledged.state.withLock { $0.validatedSubjects.append(subject) }
              }
              index += workers
            }
          }
        }
      }
    }
    // Kill once a fair amount of work has been acknowledged.
    let deadline = ContinuousClock.now.advanced(by: .seconds(60))
    while ContinuousClock.now < deadline {
      let done = acknowledged.state.withLock { $0.sentAttempts.count + $0.validatedSubjects.count }
      if done >= 300 { break }
      try await Task.sleep(for: .milliseconds(10))
    }
    first.process.kill(signal: SIGKILL)
    load.cancel()
    await load.value
    caller.client.close()
    _ = await first.process.finish(within: .seconds(10))
    let seen = acknowledged.state.withLock { $0 }
    #expect(seen.sentAttempts.count + seen.validatedSubjects.count >= 300)

    // Restart: recovery settles what the crash left pending; then stop it
    // gracefully and read the database directly.
    let second = try await startDaemon(directory)
    second.process.kill(signal: SIGTERM)
    let stopped = await second.process.finish(within: .seconds(60))
    #expect(stopped.status == 0, "\(stopped.errors)")
    #expect(stopped.errors.contains("recovered interrupted attempts"))

    let store = try Store(path: directory.appendingPathComponent("outreach.db").path)
    defer { store.close() }
    let admin = Viewer(userID: 0, isAdmin: true)
    var entries: [StoredAuditEntry] = []
    var pageToken: String?
    repeat {
      let page = try await store.auditEntries(
        AuditQuery(newestFirst: false), pageToken: pageToken, pageSize: 1_000)
      entries += page.items
      pageToken = page.nextPageToken
    } while pageToken != nil

    let auditedSubjects = Set(entries.filter { $0.action == .validate }.map(\.subject))
    #expect(Set(seen.validatedSubjects).isSubset(of: auditedSubjects))
    let auditedAttempts = Set(entries.compactMap(\.attemptID))
    #expect(Set(seen.sentAttempts).isSubset(of: auditedAttempts))

    var counted = 0
    for id in auditedAttempts {
      let attempt = try #require(try await store.attempt(id: id, visibleTo: admin))
      #expect(attempt.status != .pending, "attempt \(id) is still pending")
      if attempt.status == .sent || attempt.status == .unknown { counted += 1 }
    }
    for id in seen.sentAttempts {
      #expect(try await store.attempt(id: id, visibleTo: admin)?.status == .sent)
    }
    let user = try #require(try await store.user(named: "loader"))
    let counts = try await store.dailyCounts(
      userID: user.id, domain: try DomainName(parsing: "crash0.example"))
    #expect(counts.user == counted)
  }
}
