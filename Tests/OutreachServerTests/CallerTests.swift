import Foundation
import RPC
import Synchronization
import Testing

@testable import OutreachServer
@testable import Store

@Suite("Callers of calls")
struct CallerSlotTests {
  static func user(_ id: Int64) -> UserRecord {
    UserRecord(id: id, name: "u\(id)", isAdmin: false, createdAt: Date(timeIntervalSince1970: 0))
  }

  @Test("a synchronous handler sees its own caller, nested ones theirs, and nothing is left after")
  func synchronousCaller() throws {
    #expect(throws: RPCError.self) { try Caller.user() }
    Caller.withUser(Self.user(1)) {
      #expect((try? Caller.user())?.id == 1)
      Caller.withUser(Self.user(2)) { #expect((try? Caller.user())?.id == 2) }
      #expect((try? Caller.user())?.id == 1)
    }
    #expect(throws: RPCError.self) { try Caller.user() }
  }

  @Test("a synchronous handler on one thread does not see the caller of another")
  func callerPerThread() {
    let mismatches = Mutex(0)
    DispatchQueue.concurrentPerform(iterations: 8) { index in
      let id = Int64(index + 1)
      Caller.withUser(Self.user(id)) {
        for _ in 0..<1_000 where (try? Caller.user())?.id != id {
          mismatches.withLock { $0 += 1 }
        }
      }
    }
    #expect(mismatches.withLock { $0 } == 0)
  }

  @Test("a task's caller is found when no synchronous handler runs on its thread")
  func taskCaller() async {
    let id = Caller.$current.withValue(Self.user(7)) { (try? Caller.user())?.id }
    #expect(id == 7)
  }
}
