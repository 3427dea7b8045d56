import Foundation
import Policy
import Synchronization

/// The Outreach database: one SQLite file in WAL mode.
///
/// Every write goes through one ``SerialWriter`` thread that commits queued
/// writes in groups; reads use a small pool of read-only connections. All
/// methods are `async`; a write's effects are committed before it returns.
///
/// Durability: the writer uses `synchronous = NORMAL`. In WAL mode a commit
/// is appended to the WAL file with `write(2)` before `COMMIT` returns, so a
/// killed process (`kill -9`) loses nothing committed; only an operating
/// system crash or power loss can drop the last commits before the next
/// checkpoint syncs them. ``Options/synchronousFull`` syncs every group
/// commit instead.
public final class Store: Sendable {
  /// How a store is opened.
  public struct Options: Sendable {
    /// The daily caps the policy checks enforce.
    public var limits: PolicyLimits
    /// The time source; tests inject a controllable one.
    public var clock: @Sendable () -> Date
    /// How many read-only connections may be open at once.
    public var readerCount: Int
    /// Whether every commit is synced to disk (`synchronous = FULL`), which
    /// also survives power loss at the cost of one fsync per group commit.
    public var synchronousFull: Bool

    /// Creates options; the defaults suit a server.
    public init(
      limits: PolicyLimits = .standard,
      clock: @escaping @Sendable () -> Date = { Date() },
      readerCount: Int = 4,
      synchronousFull: Bool = false
    ) {
      self.limits = limits
      self.clock = clock
      self.readerCount = readerCount
      self.synchronousFull = synchronousFull
    }
  }

  /// The file this store uses.
  public let path: String
  let options: Options
  let writer: SerialWriter
  /// The audit entries of the writer's open group; writer thread only.
  let audits: AuditAppender
  let readers: ReaderPool
  let tokenCache = TokenCache()

  /// The policy caps this store enforces.
  public var limits: PolicyLimits { options.limits }

  /// Opens (creating if needed) the database at `path` and migrates it to
  /// the latest schema.
  ///
  /// Opening does not touch attempts other processes may have in flight; the
  /// server calls ``recoverInterruptedAttempts()`` once at start-up.
  /// - Throws: ``StoreError`` if the file cannot be opened or migrated.
  public init(path: String, options: Options = Options()) throws(StoreError) {
    self.path = path
    self.options = options
    let connection = try SQLiteConnection(path: path, readOnly: false)
    try connection.executeScript(
      """
      PRAGMA busy_timeout = 5000;
      PRAGMA journal_mode = WAL;
      PRAGMA synchronous = \(options.synchronousFull ? "FULL" : "NORMAL");
      PRAGMA foreign_keys = ON;
      PRAGMA journal_size_limit = 67108864;
      """)
    try Schema.migrate(connection)
    let audits = AuditAppender()
    self.audits = audits
    writer = SerialWriter(connection: connection, finisher: audits)
    readers = ReaderPool(path: path, capacity: options.readerCount)
    writer.start()
  }

  deinit {
    writer.close()
  }

  /// Commits queued writes and closes the database. Later calls fail with
  /// ``StoreError/Code/closed``.
  ///
  /// The writer closes last: the last connection to close checkpoints the
  /// write-ahead log and deletes it, which a read-only one cannot do.
  public func close() {
    readers.close()
    writer.close()
  }

  /// The schema version of the open file.
  public func schemaVersion() async throws -> Int {
    try await readers.read { (connection) throws(StoreError) in
      try Schema.version(of: connection)
    }
  }

  /// The current time in milliseconds since the epoch, as stored.
  func nowMilliseconds() -> Int64 {
    Self.milliseconds(options.clock())
  }

  /// Whole milliseconds since the epoch, rounding down. A `Date` made from
  /// whole milliseconds comes back as the same number: `Date` counts from
  /// 2001 in a `Double`, so such a value can land a hair below the whole
  /// millisecond it stands for, which rounding down alone would lose.
  static func milliseconds(_ date: Date) -> Int64 {
    let exact = date.timeIntervalSince1970 * 1_000
    let nearest = exact.rounded()
    return Int64(abs(exact - nearest) < 1e-3 ? nearest : exact.rounded(.down))
  }

  static func date(milliseconds: Int64) -> Date {
    Date(timeIntervalSince1970: Double(milliseconds) / 1_000)
  }
}
