import ClientTools
import OutreachAPI
import RPC
import Synchronization
import Wire

/// What one worker saw; workers keep their own and merge at the end, so
/// the hot path shares nothing but two counters.
struct Tally: Sendable {
  /// Calls by gRPC status code; the last slot counts codes above 16.
  var statusCounts = [Int](repeating: 0, count: 18)
  /// Latencies of every call that completed, whatever its status.
  var latencies = LatencyHistogram()
  /// Distinct error messages with their counts, at most ``maxErrorKinds``.
  var errors: [String: Int] = [:]

  static let maxErrorKinds = 20

  mutating func record(_ error: any Error) {
    let code = (error as? RPCError)?.code ?? .unknown
    statusCounts[min(code.rawValue, statusCounts.count - 1)] += 1
    let message = "\(error)"
    if errors[message] != nil || errors.count < Self.maxErrorKinds {
      errors[message, default: 0] += 1
    } else {
      errors["(other errors)", default: 0] += 1
    }
  }

  mutating func merge(_ other: Tally) {
    for index in statusCounts.indices {
      statusCounts[index] += other.statusCounts[index]
    }
    latencies.merge(other.latencies)
    errors.merge(other.errors, uniquingKeysWith: +)
  }
}

/// Builds each request from the template: encoded once when it is constant.
struct RequestSource: Sendable {
  private let template: RequestTemplate
  private let messageType: any WireMessage.Type
  private let constant: RawMessage?

  /// - Throws: ``UsageError`` when the template does not make a valid request.
  init(template: RequestTemplate, messageName: String) throws(UsageError) {
    self.template = template
    do {
      messageType = try SchemaRegistry.messageType(named: messageName)
    } catch {
      throw UsageError("\(error)")
    }
    var generator = SystemRandomNumberGenerator()
    let first: RawMessage
    do {
      first = try Self.encode(template, as: messageType, sequence: 1, using: &generator)
    } catch {
      throw UsageError("the template does not make a valid \(messageName): \(error)")
    }
    constant = template.isConstant ? first : nil
  }

  /// Request number `sequence`.
  func request(_ sequence: Int, using generator: inout some RandomNumberGenerator) throws
    -> RawMessage
  {
    if let constant { return constant }
    return try Self.encode(template, as: messageType, sequence: sequence, using: &generator)
  }

  private static func encode(
    _ template: RequestTemplate, as type: any WireMessage.Type, sequence: Int,
    using generator: inout some RandomNumberGenerator
  ) throws -> RawMessage {
    let json = template.render(sequence: sequence, using: &generator)
    return RawMessage(bytes: try type.init(jsonString: json).serializedBytes())
  }
}

/// One load run: workers over a set of connections, in closed loop (each
/// worker starts its next call when the last one ends) or open loop (a
/// scheduler issues requests at a fixed rate and workers take them).
final class LoadRun: Sendable {
  let options: LoadOptions
  private let clients: [RPCClient]
  private let source: RequestSource
  private let clock = ContinuousClock()

  /// Requests handed out so far (closed loop) or issued by the scheduler
  /// (open loop).
  private let issued = Atomic<Int>(0)
  /// Calls that completed, and those that did not end OK, for progress.
  let completed = Atomic<Int>(0)
  let failed = Atomic<Int>(0)
  /// Set once a call finds the server unreachable: retrying a server that is
  /// gone only measures how fast connections are refused, so the run ends.
  private let serverUnreachable = Atomic<Bool>(false)
  private let tickets = TicketQueue()

  /// Opens the connections (lazily, on the first call).
  /// - Throws: ``UsageError`` for a bad target or template.
  init(options: LoadOptions) throws(UsageError) {
    self.options = options
    source = try RequestSource(template: options.template, messageName: options.method.input)
    var metadata = Metadata()
    if let token = options.token {
      metadata.add("authorization", "Bearer \(token)")
    }
    var clients: [RPCClient] = []
    for _ in 0..<options.connections {
      do {
        clients.append(
          try RPCClient(
            configuration: RPCClient.Configuration(
              target: options.target, defaultTimeout: options.timeout, defaultMetadata: metadata,
              connectTimeout: min(options.timeout, .seconds(5)))))
      } catch {
        throw UsageError(error.message)
      }
    }
    self.clients = clients
  }

  /// Runs to the end and returns what happened.
  func run() async -> LoadResult {
    let start = clock.now
    let end: ContinuousClock.Instant? =
      if case .duration(let duration) = options.stop { start + duration } else { nil }
    let total: Int? = if case .total(let total) = options.stop { total } else { nil }

    let tally = await withTaskGroup(of: Tally.self) { group in
      if let rate = options.rate {
        group.addTask {
          await self.schedule(rate: rate, start: start, end: end, total: total)
          return Tally()
        }
      }
      for worker in 0..<options.concurrency {
        let client = clients[worker % clients.count]
        group.addTask {
          if self.options.rate == nil {
            return await self.closedLoop(client, total: total, end: end)
          }
          return await self.openLoop(client)
        }
      }
      var merged = Tally()
      for await tally in group {
        merged.merge(tally)
      }
      return merged
    }
    let elapsed = clock.now - start
    for client in clients { client.close() }
    let issuedCount =
      options.rate == nil ? tally.statusCounts.reduce(0, +) : issued.load(ordering: .relaxed)
    return LoadResult(
      options: options, issued: issuedCount, elapsed: elapsed, tally: tally,
      stoppedBecauseServerUnreachable: serverUnreachable.load(ordering: .relaxed))
  }

  /// Calls back to back until the total is handed out or time is up.
  private func closedLoop(_ client: RPCClient, total: Int?, end: ContinuousClock.Instant?) async
    -> Tally
  {
    var tally = Tally()
    var generator = SystemRandomNumberGenerator()
    while !serverUnreachable.load(ordering: .relaxed) {
      let sequence = issued.wrappingAdd(1, ordering: .relaxed).newValue
      if let total, sequence > total { break }
      let started = clock.now
      if let end, started >= end { break }
      await call(client, sequence: sequence, since: started, into: &tally, using: &generator)
    }
    return tally
  }

  /// Takes requests the scheduler issued until it stops issuing.
  private func openLoop(_ client: RPCClient) async -> Tally {
    var tally = Tally()
    var generator = SystemRandomNumberGenerator()
    while let ticket = await tickets.next(), !serverUnreachable.load(ordering: .relaxed) {
      await call(
        client, sequence: ticket.sequence, since: ticket.due, into: &tally, using: &generator)
    }
    return tally
  }

  /// Issues requests at `rate` per second. Latency counts from when a
  /// request was due, so waiting for a free worker shows in the figures.
  private func schedule(
    rate: Double, start: ContinuousClock.Instant, end: ContinuousClock.Instant?, total: Int?
  ) async {
    let interval = Duration.nanoseconds(Int64((1e9 / rate).rounded()))
    // Every request due before the end is issued, even if the scheduler
    // wakes late; none is issued after it.
    let limit = min(
      total ?? .max, end.map { Int((DurationText.seconds($0 - start) * rate).rounded(.up)) } ?? .max
    )
    var released = 0
    while released < limit, !serverUnreachable.load(ordering: .relaxed) {
      let now = clock.now
      let isOver = end.map { now >= $0 } ?? false
      let due = isOver ? limit : min(limit, Int(DurationText.seconds(now - start) * rate) + 1)
      if due > released {
        tickets.issue((released + 1)...due) { start + interval * ($0 - 1) }
        issued.store(due, ordering: .relaxed)
        released = due
      }
      if released < limit {
        try? await Task.sleep(for: .milliseconds(1))
      }
    }
    tickets.finish()
  }

  /// Makes one call and records its outcome.
  private func call(
    _ client: RPCClient, sequence: Int, since started: ContinuousClock.Instant,
    into tally: inout Tally, using generator: inout SystemRandomNumberGenerator
  ) async {
    do {
      let request = try source.request(sequence, using: &generator)
      let _: RawMessage = try await client.unary(
        options.method.descriptor, request: request, options: CallOptions())
      tally.statusCounts[0] += 1
    } catch {
      tally.record(error)
      failed.add(1, ordering: .relaxed)
      if let error = error as? RPCError, Self.meansServerUnreachable(error) {
        serverUnreachable.store(true, ordering: .relaxed)
      }
    }
    tally.latencies.record(clock.now - started)
    completed.add(1, ordering: .relaxed)
  }
}

extension LoadRun {
  /// True for the client's failure to open a connection at all, as opposed
  /// to a call that failed on a connection that worked.
  static func meansServerUnreachable(_ error: RPCError) -> Bool {
    error.code == .unavailable && error.message.hasPrefix("could not connect")
  }
}

/// Requests due in an open-loop run, handed to whichever worker asks first.
final class TicketQueue: Sendable {
  /// A request that is due.
  struct Ticket: Sendable {
    let sequence: Int
    let due: ContinuousClock.Instant
  }

  private struct State {
    var pending: [Ticket] = []
    var head = 0
    var waiting: [CheckedContinuation<Ticket?, Never>] = []
    var isFinished = false
  }

  private let state = Mutex(State())

  /// Makes requests `sequences` due, each at `dueTime(sequence)`.
  func issue(_ sequences: ClosedRange<Int>, dueTime: (Int) -> ContinuousClock.Instant) {
    let resumed: [(CheckedContinuation<Ticket?, Never>, Ticket)] = state.withLock { state in
      var resumed: [(CheckedContinuation<Ticket?, Never>, Ticket)] = []
      for sequence in sequences {
        let ticket = Ticket(sequence: sequence, due: dueTime(sequence))
        if let waiter = state.waiting.popLast() {
          resumed.append((waiter, ticket))
        } else {
          state.pending.append(ticket)
        }
      }
      return resumed
    }
    for (waiter, ticket) in resumed {
      waiter.resume(returning: ticket)
    }
  }

  /// No more requests will be issued; workers finish what is pending.
  func finish() {
    let waiting = state.withLock { state in
      state.isFinished = true
      defer { state.waiting = [] }
      return state.waiting
    }
    for waiter in waiting {
      waiter.resume(returning: nil)
    }
  }

  /// The next due request, waiting for one; `nil` once finished and drained.
  func next() async -> Ticket? {
    await withCheckedContinuation { continuation in
      let ticket: Ticket?? = state.withLock { state in
        if state.head < state.pending.count {
          defer {
            state.head += 1
            if state.head > 4096 && state.head * 2 > state.pending.count {
              state.pending.removeFirst(state.head)
              state.head = 0
            }
          }
          return .some(state.pending[state.head])
        }
        if state.isFinished { return .some(nil) }
        state.waiting.append(continuation)
        return .none
      }
      if let ticket { continuation.resume(returning: ticket) }
    }
  }
}
