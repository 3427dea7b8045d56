/// A failure of the store.
///
/// The ``message`` is safe to show a caller: it never holds SQL or bound
/// values. The SQLite result code, when there is one, is kept for operators.
public struct StoreError: Error, Sendable, CustomStringConvertible {
  /// The kind of failure. New codes may be added without breaking a `switch`.
  public struct Code: Sendable, Hashable, CustomStringConvertible {
    private enum Value: String, Sendable, Hashable {
      case database
      case notFound
      case conflict
      case invalidArgument
      case closed
      case schemaTooNew
    }

    private let value: Value

    private init(_ value: Value) { self.value = value }

    /// SQLite reported an error (I/O, corruption, a busy database, …).
    public static let database = Code(.database)
    /// The record named does not exist or is not visible to the caller.
    public static let notFound = Code(.notFound)
    /// The change clashes with existing state, such as a duplicate user name or
    /// completing an attempt that is no longer pending.
    public static let conflict = Code(.conflict)
    /// An argument is unusable, such as a malformed page token.
    public static let invalidArgument = Code(.invalidArgument)
    /// The store was closed.
    public static let closed = Code(.closed)
    /// The database file was written by a newer version of this program.
    public static let schemaTooNew = Code(.schemaTooNew)

    public var description: String { value.rawValue }
  }

  public let code: Code
  /// A sentence for humans, free of SQL and data values.
  public let message: String
  /// The SQLite extended result code, if SQLite reported the failure.
  public let sqliteCode: Int32?

  /// Creates an error.
  public init(_ code: Code, _ message: String, sqliteCode: Int32? = nil) {
    self.code = code
    self.message = message
    self.sqliteCode = sqliteCode
  }

  public var description: String {
    sqliteCode.map { "\(message) (SQLite code \($0))" } ?? message
  }
}
