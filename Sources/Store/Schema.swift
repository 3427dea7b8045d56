/// The database schema as an ordered list of migrations.
///
/// `PRAGMA user_version` records how many have been applied; opening a store
/// applies the rest in one transaction. Migrations are only ever appended:
/// a released one never changes.
enum Schema {
  /// Migration `n` (1-based) is `migrations[n - 1]`.
  static let migrations: [String] = [
    // 1: every table of the domain.
    """
    CREATE TABLE users (
      id INTEGER PRIMARY KEY,
      name TEXT NOT NULL UNIQUE,
      is_admin INTEGER NOT NULL DEFAULT 0,
      created_at INTEGER NOT NULL
    );
    CREATE TABLE api_tokens (
      id INTEGER PRIMARY KEY,
      user_id INTEGER NOT NULL REFERENCES users(id),
      token_hash BLOB NOT NULL UNIQUE,
      created_at INTEGER NOT NULL,
      revoked_at INTEGER
    );
    CREATE TABLE leads (
      id INTEGER PRIMARY KEY,
      owner_id INTEGER NOT NULL REFERENCES users(id),
      email TEXT NOT NULL,
      canonical_email TEXT NOT NULL,
      name TEXT NOT NULL DEFAULT '',
      domain TEXT NOT NULL,
      status TEXT NOT NULL DEFAULT 'new',
      created_at INTEGER NOT NULL,
      updated_at INTEGER NOT NULL,
      UNIQUE (owner_id, canonical_email)
    );
    CREATE INDEX leads_by_email ON leads (canonical_email);
    CREATE TABLE attempts (
      id INTEGER PRIMARY KEY,
      user_id INTEGER NOT NULL REFERENCES users(id),
      lead_id INTEGER REFERENCES leads(id),
      recipient TEXT NOT NULL,
      recipient_canonical TEXT NOT NULL,
      recipient_domain TEXT NOT NULL,
      sender TEXT NOT NULL,
      subject TEXT NOT NULL,
      legal_basis TEXT NOT NULL,
      region TEXT NOT NULL,
      status TEXT NOT NULL CHECK (status IN ('pending', 'sent', 'failed', 'unknown')),
      day INTEGER NOT NULL,
      key_hash BLOB NOT NULL,
      message_id TEXT,
      failure_detail TEXT,
      created_at INTEGER NOT NULL,
      delivery_started_at INTEGER,
      finished_at INTEGER
    );
    CREATE INDEX attempts_pending ON attempts (status) WHERE status = 'pending';
    CREATE TABLE suppressions (
      id INTEGER PRIMARY KEY,
      canonical_email TEXT NOT NULL UNIQUE,
      email TEXT NOT NULL,
      reason TEXT NOT NULL,
      source TEXT NOT NULL
        CHECK (source IN ('manual', 'hard_bounce', 'unsubscribe', 'not_interested')),
      created_by INTEGER REFERENCES users(id),
      created_at INTEGER NOT NULL
    );
    CREATE TABLE idempotency_keys (
      key_hash BLOB PRIMARY KEY,
      state TEXT NOT NULL CHECK (state IN ('held', 'used')),
      attempt_id INTEGER NOT NULL REFERENCES attempts(id),
      expires_at INTEGER NOT NULL
    ) WITHOUT ROWID;
    CREATE TABLE daily_user_counts (
      user_id INTEGER NOT NULL REFERENCES users(id),
      day INTEGER NOT NULL,
      sent INTEGER NOT NULL DEFAULT 0,
      held INTEGER NOT NULL DEFAULT 0,
      PRIMARY KEY (user_id, day)
    ) WITHOUT ROWID;
    CREATE TABLE daily_domain_counts (
      domain TEXT NOT NULL,
      day INTEGER NOT NULL,
      sent INTEGER NOT NULL DEFAULT 0,
      held INTEGER NOT NULL DEFAULT 0,
      PRIMARY KEY (domain, day)
    ) WITHOUT ROWID;
    CREATE TABLE audit_log (
      id INTEGER PRIMARY KEY,
      user_id INTEGER NOT NULL REFERENCES users(id),
      lead_email TEXT NOT NULL,
      lead_canonical TEXT NOT NULL,
      sender_email TEXT NOT NULL,
      subject TEXT NOT NULL,
      policy_result TEXT NOT NULL CHECK (policy_result IN ('approved', 'blocked')),
      reason TEXT NOT NULL,
      legal_basis TEXT NOT NULL,
      region TEXT NOT NULL,
      action TEXT NOT NULL CHECK (action IN ('validate', 'send')),
      attempt_id INTEGER REFERENCES attempts(id),
      timestamp INTEGER NOT NULL
    );
    """,
    // 2: indexes for listing leads by owner and audit entries by user and
    // by time. There is deliberately no index on the recipient: its entries
    // land on random pages, and writing those pages on every group commit
    // halved the audited validation rate. A recipient filter walks the
    // user's entries (every caller but an admin filters by user) or the log
    // in id order.
    """
    CREATE INDEX audit_by_user ON audit_log (user_id, id);
    CREATE INDEX audit_by_time ON audit_log (timestamp);
    CREATE INDEX leads_by_owner ON leads (owner_id, id);
    """,
    // 3: audit entries found by time through one row per second instead of
    // an index entry per audit entry. `first_id` is the smallest id of any
    // entry at or after the second. `last_id` is at least the largest id of
    // any entry in or before the second written while the second was the
    // newest; entries written later with an older time ("late" ones) are
    // covered by the one row of `audit_late`: from its `second` on, `last_id`
    // is at least its `last_id`. Together they bound a time range by ids
    // exactly even when entries were not written in time order. The index
    // they replace cost a B-tree insert per audited check.
    """
    CREATE TABLE audit_seconds (
      second INTEGER PRIMARY KEY,
      first_id INTEGER NOT NULL,
      last_id INTEGER NOT NULL
    );
    CREATE TABLE audit_late (
      second INTEGER,
      last_id INTEGER NOT NULL
    );
    INSERT INTO audit_late (second, last_id) VALUES (NULL, 0);
    INSERT INTO audit_seconds (second, first_id, last_id)
    SELECT second,
      MIN(first_id) OVER (ORDER BY second DESC ROWS UNBOUNDED PRECEDING),
      MAX(last_id) OVER (ORDER BY second ROWS UNBOUNDED PRECEDING)
    FROM (
      SELECT (CASE WHEN timestamp >= 0 THEN timestamp ELSE timestamp - 999 END) / 1000 AS second,
        MIN(id) AS first_id, MAX(id) AS last_id
      FROM audit_log GROUP BY 1
    );
    DROP INDEX audit_by_time;
    """,
  ]

  /// The version a fully migrated database reports.
  static var latestVersion: Int { migrations.count }

  /// Applies every migration after the file's version, up to `target`.
  static func migrate(_ connection: SQLiteConnection, upTo target: Int = latestVersion)
    throws(StoreError)
  {
    let current = try version(of: connection)
    guard current <= latestVersion else {
      throw StoreError(
        .schemaTooNew,
        "The database has schema version \(current); this program knows up to \(latestVersion).")
    }
    guard current < target else { return }
    try connection.executeScript("BEGIN IMMEDIATE")
    do {
      for index in current..<target {
        try connection.executeScript(migrations[index])
      }
      try connection.executeScript("PRAGMA user_version = \(target)")
      try connection.executeScript("COMMIT")
    } catch {
      try? connection.executeScript("ROLLBACK")
      throw error
    }
  }

  /// The file's `user_version`.
  static func version(of connection: SQLiteConnection) throws(StoreError) -> Int {
    let version = try connection.queryFirst("PRAGMA user_version") { $0.integer(0) }
    return Int(version ?? 0)
  }
}
