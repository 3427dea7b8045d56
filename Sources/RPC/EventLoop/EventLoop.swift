import CLinux
import Glibc
import Synchronization

/// What an ``EventLoop`` watches a file descriptor for.
package struct EventInterest: OptionSet, Sendable {
  package let rawValue: UInt32

  package init(rawValue: UInt32) {
    self.rawValue = rawValue
  }

  /// Wake up when the descriptor has bytes to read or a peer to accept.
  package static let read = EventInterest(rawValue: 1 << 0)
  /// Wake up when the descriptor can take more bytes.
  package static let write = EventInterest(rawValue: 1 << 1)

  /// The matching `epoll` event mask.
  var epollEvents: UInt32 {
    var events: UInt32 = 0
    if contains(.read) { events |= EPOLLIN.rawValue | EPOLLRDHUP.rawValue }
    if contains(.write) { events |= EPOLLOUT.rawValue }
    return events
  }
}

/// Receives the readiness of one file descriptor, on its loop's thread.
package protocol EventLoopHandler: AnyObject {
  /// The descriptor has bytes to read (or a connection to accept).
  func handleReadable()
  /// The descriptor can take more bytes.
  func handleWritable()
  /// The descriptor reported `EPOLLHUP` or `EPOLLERR`.
  func handleHangup()
}

/// Told at the end of an ``EventLoop`` turn in which it asked to be, once
/// however often it asked: where work handed elsewhere piece by piece during
/// a burst of events is sent on its way in one go.
package protocol TurnObserver: AnyObject {
  /// Runs on the loop thread after the turn's events, timers and tasks.
  func turnEnded()
}

/// A task scheduled on an ``EventLoop``; cancel it to stop it from running.
package final class ScheduledTask {
  private let cancelled = Atomic<Bool>(false)
  private unowned let loop: EventLoop

  init(loop: EventLoop) {
    self.loop = loop
  }

  /// True once ``cancel()`` ran.
  var isCancelled: Bool { cancelled.load(ordering: .relaxed) }

  /// Stops the task from running if it has not run yet.
  package func cancel() {
    guard !cancelled.exchange(true, ordering: .relaxed) else { return }
    if loop.inEventLoop { loop.timerWasCancelled() }
  }
}

/// A thread that owns an `epoll` set; everything registered with it is
/// touched only on that thread.
///
/// Other threads hand it work with ``execute(_:)``: the task joins a queue
/// and, when the queue was empty, an `eventfd` wakes the loop, so a burst of
/// tasks costs one wake-up. Each turn of the loop handles ready descriptors,
/// then due timers, then every queued task, then tells the
/// ``TurnObserver``s that asked during the turn.
///
/// `@unchecked Sendable`: the task queue is behind a mutex and the thread
/// identity is atomic; the handler table and timers are touched only on the
/// loop thread, which every loop-only method's documentation requires.
package final class EventLoop: @unchecked Sendable {
  /// A pending timer in the loop's heap.
  private struct Timer {
    var deadline: UInt64
    var sequence: UInt64
    var task: ScheduledTask
    var body: () -> Void

    func runsBefore(_ other: Timer) -> Bool {
      deadline != other.deadline ? deadline < other.deadline : sequence < other.sequence
    }
  }

  /// The loop's name, also its thread's name.
  package let name: String
  private let epollFD: Int32
  private let wakeFD: Int32
  private let queue = Mutex<[@Sendable () -> Void]>([])
  private let threadID = Atomic<UInt>(0)
  private let stopRequested = Atomic<Bool>(false)
  private var thread: pthread_t?
  private var handlers: [Int32: any EventLoopHandler] = [:]
  private var timers: [Timer] = []
  private var timerSequence: UInt64 = 0
  private var cancelledTimers = 0
  private var runningTasks: [@Sendable () -> Void] = []
  private var turnObservers: [any TurnObserver] = []
  private var notifiedObservers: [any TurnObserver] = []

  /// Holds, on each loop thread, that thread's loop.
  private static let currentKey: pthread_key_t = {
    var key = pthread_key_t()
    precondition(pthread_key_create(&key, nil) == 0, "no thread-specific key left")
    return key
  }()

  private init(name: String) throws(SocketError) {
    self.name = name
    let epollFD = epoll_create1(Int32(EPOLL_CLOEXEC))
    guard epollFD >= 0 else { throw SocketError(call: "epoll_create1") }
    let wakeFD = eventfd(0, Int32(EFD_CLOEXEC | EFD_NONBLOCK))
    guard wakeFD >= 0 else {
      let error = SocketError(call: "eventfd")
      Glibc.close(epollFD)
      throw error
    }
    self.epollFD = epollFD
    self.wakeFD = wakeFD
    var event = epoll_event()
    event.events = EPOLLIN.rawValue
    event.data.fd = wakeFD
    guard epoll_ctl(epollFD, EPOLL_CTL_ADD, wakeFD, &event) == 0 else {
      let error = SocketError(call: "epoll_ctl")
      Glibc.close(wakeFD)
      Glibc.close(epollFD)
      throw error
    }
  }

  deinit {
    Glibc.close(wakeFD)
    Glibc.close(epollFD)
  }

  /// Starts a loop on a new thread named `name` (at most 15 bytes are kept).
  ///
  /// - Throws: ``SocketError`` when the kernel refuses an `epoll` set, an
  ///   `eventfd` or a thread.
  package static func start(name: String) throws -> EventLoop {
    let loop = try EventLoop(name: name)
    let context = Unmanaged.passRetained(loop).toOpaque()
    var thread = pthread_t()
    let result = pthread_create(
      &thread, nil,
      { context in
        let loop = Unmanaged<EventLoop>.fromOpaque(context!).takeRetainedValue()
        loop.runOnThread()
        return nil
      }, context)
    guard result == 0 else {
      Unmanaged<EventLoop>.fromOpaque(context).release()
      throw SocketError(call: "pthread_create", errno: result)
    }
    loop.thread = thread
    while loop.threadID.load(ordering: .acquiring) == 0 {
      sched_yield()
    }
    return loop
  }

  /// The loop whose thread this is; `nil` on any other thread.
  package static var current: EventLoop? {
    pthread_getspecific(currentKey).map {
      Unmanaged<EventLoop>.fromOpaque($0).takeUnretainedValue()
    }
  }

  /// True on the loop's own thread.
  package var inEventLoop: Bool {
    threadID.load(ordering: .relaxed) == UInt(pthread_self())
  }

  /// Runs `task` on the loop thread soon. Thread-safe; tasks run in the
  /// order they were queued.
  package func execute(_ task: @escaping @Sendable () -> Void) {
    let wasEmpty = queue.withLock { tasks in
      tasks.append(task)
      return tasks.count == 1
    }
    // The loop itself drains the queue before it next waits.
    if wasEmpty && !inEventLoop { wake() }
  }

  /// Loop thread only: calls `observer.turnEnded()` at the end of the
  /// current turn, after its events, timers and tasks; asking again in the
  /// same turn adds nothing. An observer that asks while being told is told
  /// again at the end of the next turn, which then follows without waiting.
  package func notifyAtTurnEnd(_ observer: any TurnObserver) {
    assert(inEventLoop, "EventLoop.notifyAtTurnEnd called off the loop thread")
    if !turnObservers.contains(where: { $0 === observer }) {
      turnObservers.append(observer)
    }
  }

  /// Loop thread only: watches `fd` for `interest`; events go to `handler`,
  /// held strongly until ``deregister(_:)``.
  ///
  /// - Throws: ``SocketError`` from `epoll_ctl`.
  package func register(
    _ fd: Int32, interest: EventInterest, handler: any EventLoopHandler
  ) throws {
    assert(inEventLoop, "EventLoop.register called off the loop thread")
    var event = epoll_event()
    event.events = interest.epollEvents
    event.data.fd = fd
    guard epoll_ctl(epollFD, EPOLL_CTL_ADD, fd, &event) == 0 else {
      throw SocketError(call: "epoll_ctl")
    }
    handlers[fd] = handler
  }

  /// Loop thread only: changes what a registered `fd` is watched for.
  package func update(_ fd: Int32, interest: EventInterest) {
    assert(inEventLoop, "EventLoop.update called off the loop thread")
    var event = epoll_event()
    event.events = interest.epollEvents
    event.data.fd = fd
    _ = epoll_ctl(epollFD, EPOLL_CTL_MOD, fd, &event)
  }

  /// Loop thread only: stops watching `fd` and releases its handler. Call
  /// it before closing the descriptor.
  package func deregister(_ fd: Int32) {
    assert(inEventLoop, "EventLoop.deregister called off the loop thread")
    _ = epoll_ctl(epollFD, EPOLL_CTL_DEL, fd, nil)
    handlers[fd] = nil
  }

  /// Loop thread only: runs `task` on the loop after `delay` unless the
  /// returned ``ScheduledTask`` is cancelled first.
  @discardableResult
  package func schedule(after delay: Duration, _ task: @escaping () -> Void) -> ScheduledTask {
    assert(inEventLoop, "EventLoop.schedule called off the loop thread")
    let handle = ScheduledTask(loop: self)
    let nanoseconds = max(0, delay.nanoseconds)
    timerSequence += 1
    pushTimer(
      Timer(
        deadline: EventLoop.now() &+ UInt64(nanoseconds), sequence: timerSequence,
        task: handle, body: task))
    return handle
  }

  /// Stops the loop after it runs the tasks already queued, and joins its
  /// thread unless called from it. Registered handlers are released; their
  /// owners close the descriptors.
  package func shutdown() {
    guard !stopRequested.exchange(true, ordering: .acquiringAndReleasing) else { return }
    if inEventLoop { return }
    wake()
    if let thread {
      pthread_join(thread, nil)
      self.thread = nil
    }
  }

  /// Notes a cancelled timer; the heap is compacted when they pile up, so
  /// deadlines that are cancelled long before they fall due cost no memory.
  func timerWasCancelled() {
    cancelledTimers += 1
    if cancelledTimers > 64 && cancelledTimers * 2 > timers.count {
      timers.removeAll { $0.task.isCancelled }
      cancelledTimers = 0
      for index in stride(from: timers.count / 2 - 1, through: 0, by: -1) {
        siftDown(from: index)
      }
    }
  }

  private func wake() {
    var one: UInt64 = 1
    _ = Glibc.write(wakeFD, &one, 8)
  }

  private func runOnThread() {
    let shortName = String(decoding: name.utf8.prefix(15), as: UTF8.self)
    _ = clinux_set_thread_name(shortName)
    pthread_setspecific(Self.currentKey, Unmanaged.passUnretained(self).toOpaque())
    threadID.store(UInt(pthread_self()), ordering: .releasing)
    let capacity = 256
    let events = UnsafeMutablePointer<epoll_event>.allocate(capacity: capacity)
    defer { events.deallocate() }
    while true {
      let count = epoll_wait(epollFD, events, Int32(capacity), waitTimeout())
      if count < 0 && errno != EINTR { break }
      for index in 0..<max(0, Int(count)) {
        dispatch(events[index])
      }
      runDueTimers()
      let stopping = stopRequested.load(ordering: .acquiring)
      runQueuedTasks()
      notifyTurnObservers()
      if stopping { break }
    }
    pthread_setspecific(Self.currentKey, nil)
    handlers.removeAll()
    timers.removeAll()
  }

  private func dispatch(_ event: epoll_event) {
    let fd = event.data.fd
    if fd == wakeFD {
      var value: UInt64 = 0
      _ = Glibc.read(wakeFD, &value, 8)
      return
    }
    let events = event.events
    if events & (EPOLLIN.rawValue | EPOLLRDHUP.rawValue) != 0, let handler = handlers[fd] {
      handler.handleReadable()
    }
    if events & EPOLLOUT.rawValue != 0, let handler = handlers[fd] {
      handler.handleWritable()
    }
    if events & (EPOLLHUP.rawValue | EPOLLERR.rawValue) != 0, let handler = handlers[fd] {
      handler.handleHangup()
    }
  }

  /// Milliseconds `epoll_wait` may sleep: 0 with tasks queued, until the
  /// next timer otherwise, forever with neither.
  private func waitTimeout() -> Int32 {
    if stopRequested.load(ordering: .relaxed) { return 0 }
    if !turnObservers.isEmpty || !queue.withLock({ $0.isEmpty }) { return 0 }
    guard let next = timers.first else { return -1 }
    let now = EventLoop.now()
    guard next.deadline > now else { return 0 }
    let milliseconds = (next.deadline - now + 999_999) / 1_000_000
    return Int32(min(milliseconds, UInt64(Int32.max)))
  }

  private func runDueTimers() {
    guard !timers.isEmpty else { return }
    let now = EventLoop.now()
    while let first = timers.first, first.deadline <= now {
      let timer = popTimer()
      if timer.task.isCancelled {
        cancelledTimers = max(0, cancelledTimers - 1)
        continue
      }
      timer.body()
    }
  }

  private func runQueuedTasks() {
    // Swap the queue for the spare array so the lock is held only briefly
    // and neither array reallocates in the steady state.
    queue.withLock { tasks in swap(&tasks, &runningTasks) }
    guard !runningTasks.isEmpty else { return }
    for task in runningTasks {
      task()
    }
    runningTasks.removeAll(keepingCapacity: true)
  }

  private func notifyTurnObservers() {
    guard !turnObservers.isEmpty else { return }
    // Swapped out first: an observer that asks again joins the next turn.
    swap(&turnObservers, &notifiedObservers)
    for observer in notifiedObservers {
      observer.turnEnded()
    }
    notifiedObservers.removeAll(keepingCapacity: true)
  }

  private func pushTimer(_ timer: Timer) {
    timers.append(timer)
    var child = timers.count - 1
    while child > 0 {
      let parent = (child - 1) / 2
      guard timers[child].runsBefore(timers[parent]) else { break }
      timers.swapAt(child, parent)
      child = parent
    }
  }

  private func popTimer() -> Timer {
    timers.swapAt(0, timers.count - 1)
    let timer = timers.removeLast()
    siftDown(from: 0)
    return timer
  }

  private func siftDown(from start: Int) {
    var parent = start
    while true {
      let left = 2 * parent + 1
      guard left < timers.count else { return }
      var smallest = left
      if left + 1 < timers.count && timers[left + 1].runsBefore(timers[left]) {
        smallest = left + 1
      }
      guard timers[smallest].runsBefore(timers[parent]) else { return }
      timers.swapAt(smallest, parent)
      parent = smallest
    }
  }

  /// Monotonic nanoseconds.
  static func now() -> UInt64 {
    var spec = timespec()
    clock_gettime(CLOCK_MONOTONIC, &spec)
    return UInt64(spec.tv_sec) * 1_000_000_000 + UInt64(spec.tv_nsec)
  }
}

extension Duration {
  /// The duration in whole nanoseconds, saturating.
  var nanoseconds: Int64 {
    let (seconds, attoseconds) = components
    let (scaled, overflow) = seconds.multipliedReportingOverflow(by: 1_000_000_000)
    if overflow { return seconds < 0 ? Int64.min : Int64.max }
    return scaled.addingReportingOverflow(attoseconds / 1_000_000_000).partialValue
  }
}
