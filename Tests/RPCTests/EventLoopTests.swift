import Glibc
import Synchronization
import Testing

@testable import RPC

@Suite("Event loop")
struct EventLoopTests {
  /// Collects values from the loop thread for the test to inspect.
  final class Recorder: Sendable {
    let values = Mutex<[String]>([])

    func add(_ value: String) {
      values.withLock { $0.append(value) }
    }

    var snapshot: [String] { values.withLock { $0 } }
  }

  /// Waits up to `seconds` for `condition`, polling.
  static func eventually(seconds: Double = 10, _ condition: () -> Bool) async -> Bool {
    let deadline = ContinuousClock.now + .seconds(seconds)
    while ContinuousClock.now < deadline {
      if condition() { return true }
      try? await Task.sleep(for: .milliseconds(5))
    }
    return condition()
  }

  @Test("runs executed tasks on its own thread, in order")
  func executeRunsInOrderOnTheLoop() async throws {
    let loop = try EventLoop.start(name: "test-loop")
    defer { loop.shutdown() }
    let recorder = Recorder()
    #expect(!loop.inEventLoop)
    for index in 0..<100 {
      loop.execute { recorder.add(loop.inEventLoop ? "\(index)" : "off-loop") }
    }
    #expect(await Self.eventually { recorder.snapshot.count == 100 })
    #expect(recorder.snapshot == (0..<100).map { "\($0)" })
  }

  @Test("fires timers by deadline and skips cancelled ones")
  func timersFireInDeadlineOrder() async throws {
    let loop = try EventLoop.start(name: "test-timers")
    defer { loop.shutdown() }
    let recorder = Recorder()
    loop.execute {
      loop.schedule(after: .milliseconds(60)) { recorder.add("late") }
      loop.schedule(after: .milliseconds(10)) { recorder.add("early") }
      let cancelled = loop.schedule(after: .milliseconds(30)) { recorder.add("cancelled") }
      cancelled.cancel()
    }
    #expect(await Self.eventually { recorder.snapshot.count == 2 })
    try await Task.sleep(for: .milliseconds(80))
    #expect(recorder.snapshot == ["early", "late"])
  }

  /// Records each time it is told a turn ended; asks again a set number
  /// of times from inside `turnEnded`.
  final class TurnCounter: TurnObserver, @unchecked Sendable {
    let recorder: Recorder
    let loop: EventLoop
    var askAgain: Int

    init(recorder: Recorder, loop: EventLoop, askAgain: Int = 0) {
      self.recorder = recorder
      self.loop = loop
      self.askAgain = askAgain
    }

    func turnEnded() {
      recorder.add("turn ended")
      if askAgain > 0 {
        askAgain -= 1
        loop.notifyAtTurnEnd(self)
      }
    }
  }

  @Test("knows its own thread: current is the loop there and nil elsewhere")
  func currentLoop() async throws {
    let loop = try EventLoop.start(name: "test-current")
    defer { loop.shutdown() }
    let recorder = Recorder()
    #expect(EventLoop.current == nil)
    loop.execute { recorder.add(EventLoop.current === loop ? "loop" : "other") }
    #expect(await Self.eventually { recorder.snapshot == ["loop"] })
  }

  @Test("tells a turn observer once per turn, after the turn's tasks, however often it asked")
  func turnObserverOncePerTurn() async throws {
    let loop = try EventLoop.start(name: "test-turns")
    defer { loop.shutdown() }
    let recorder = Recorder()
    let counter = TurnCounter(recorder: recorder, loop: loop)
    loop.execute {
      for _ in 0..<5 { loop.notifyAtTurnEnd(counter) }
      recorder.add("task")
    }
    #expect(await Self.eventually { recorder.snapshot.count == 2 })
    try await Task.sleep(for: .milliseconds(50))
    #expect(recorder.snapshot == ["task", "turn ended"])
  }

  @Test("an observer that asks again while told is told in the next turns without any event")
  func turnObserverAsksAgain() async throws {
    let loop = try EventLoop.start(name: "test-again")
    defer { loop.shutdown() }
    let recorder = Recorder()
    let counter = TurnCounter(recorder: recorder, loop: loop, askAgain: 3)
    loop.execute { loop.notifyAtTurnEnd(counter) }
    // Nothing else wakes the loop: it must not sleep with an observer due.
    #expect(await Self.eventually(seconds: 2) { recorder.snapshot.count == 4 })
    try await Task.sleep(for: .milliseconds(50))
    #expect(recorder.snapshot.count == 4)
  }

  /// Reads a socket when the loop says it is readable.
  final class ReadingHandler: EventLoopHandler {
    let fd: Int32
    let recorder: Recorder

    init(fd: Int32, recorder: Recorder) {
      self.fd = fd
      self.recorder = recorder
    }

    func handleReadable() {
      var buffer = [UInt8](repeating: 0, count: 64)
      let result = buffer.withUnsafeMutableBytes { try? Socket.read(fd, into: $0) }
      if case .bytes(let count) = result {
        recorder.add(String(decoding: buffer[0..<count], as: UTF8.self))
      } else if result == .endOfFile {
        recorder.add("eof")
      }
    }

    func handleWritable() {}
    func handleHangup() { recorder.add("hangup") }
  }

  @Test("delivers readability of a registered socket and stops after deregistering")
  func registeredSocketBecomesReadable() async throws {
    let loop = try EventLoop.start(name: "test-io")
    defer { loop.shutdown() }
    let listener = try Socket.listen(host: "127.0.0.1", port: 0)
    defer { Socket.close(listener) }
    let port = try Socket.localPort(listener)
    #expect(port > 0)
    let client = try Socket.connect(host: "127.0.0.1", port: port)
    defer { Socket.close(client) }
    var accepted: Int32? = nil
    #expect(
      await Self.eventually {
        accepted = try? Socket.accept(listener)
        return accepted != nil
      })
    let server = try #require(accepted)
    defer { Socket.close(server) }
    let recorder = Recorder()
    loop.execute {
      try? loop.register(
        server, interest: .read, handler: ReadingHandler(fd: server, recorder: recorder))
    }
    _ = "hello".utf8CString.withUnsafeBytes {
      try? Socket.write(client, UnsafeRawBufferPointer(rebasing: $0.dropLast()))
    }
    #expect(await Self.eventually { recorder.snapshot.contains("hello") })
    loop.execute {
      loop.deregister(server)
      recorder.add("deregistered")
    }
    #expect(await Self.eventually { recorder.snapshot.count == 2 })
    Socket.close(client)
    try await Task.sleep(for: .milliseconds(50))
    #expect(recorder.snapshot == ["hello", "deregistered"])
  }
}
