// How the cost of writing audit entries in SQLite depends on the statement
// shape and the indexes: the same 12 values per entry as the server writes,
// in transactions of a fixed group size, against the audit_log schema.
//
//   audit-insert ROWS_PER_STATEMENT TIME_INDEX GROUP_SIZE MEMORY_STATISTICS
//
// prints the process CPU time (user + system) per entry. See run.sh.
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

static double cpu_seconds(void) {
  struct timespec now;
  clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &now);
  return now.tv_sec + now.tv_nsec / 1e9;
}

static void run(sqlite3 *db, const char *sql) {
  char *message = NULL;
  if (sqlite3_exec(db, sql, NULL, NULL, &message) != SQLITE_OK) {
    fprintf(stderr, "%s: %s\n", sql, message);
    exit(1);
  }
}

int main(int argc, char **argv) {
  if (argc != 6) {
    fprintf(stderr, "usage: %s PATH ROWS_PER_STATEMENT TIME_INDEX GROUP_SIZE MEMORY_STATISTICS\n",
            argv[0]);
    return 2;
  }
  const char *path = argv[1];
  int rows = atoi(argv[2]), time_index = atoi(argv[3]), group = atoi(argv[4]);
  if (!atoi(argv[5])) sqlite3_config(SQLITE_CONFIG_MEMSTATUS, 0);
  const int total = 200000;

  sqlite3 *db;
  if (sqlite3_open_v2(path, &db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX,
                      NULL) != SQLITE_OK) {
    fprintf(stderr, "cannot open %s\n", path);
    return 1;
  }
  run(db, "PRAGMA journal_mode = WAL; PRAGMA synchronous = NORMAL; PRAGMA foreign_keys = ON;");
  run(db,
      "CREATE TABLE users (id INTEGER PRIMARY KEY, name TEXT);"
      "INSERT INTO users VALUES (1, 'bench');"
      "CREATE TABLE attempts (id INTEGER PRIMARY KEY);"
      "CREATE TABLE audit_log (id INTEGER PRIMARY KEY,"
      " user_id INTEGER NOT NULL REFERENCES users(id), lead_email TEXT NOT NULL,"
      " lead_canonical TEXT NOT NULL, sender_email TEXT NOT NULL, subject TEXT NOT NULL,"
      " policy_result TEXT NOT NULL CHECK (policy_result IN ('approved', 'blocked')),"
      " reason TEXT NOT NULL, legal_basis TEXT NOT NULL, region TEXT NOT NULL,"
      " action TEXT NOT NULL CHECK (action IN ('validate', 'send')),"
      " attempt_id INTEGER REFERENCES attempts(id), timestamp INTEGER NOT NULL);"
      "CREATE INDEX audit_by_user ON audit_log (user_id, id);");
  if (time_index) run(db, "CREATE INDEX audit_by_time ON audit_log (timestamp);");

  char sql[65536] =
      "INSERT INTO audit_log (user_id, lead_email, lead_canonical, sender_email, subject,"
      " policy_result, reason, legal_basis, region, action, attempt_id, timestamp) VALUES ";
  for (int row = 0; row < rows; row++) {
    strcat(sql, row ? ", (?,?,?,?,?,?,?,?,?,?,?,?)" : "(?,?,?,?,?,?,?,?,?,?,?,?)");
  }
  sqlite3_stmt *insert, *begin, *commit;
  sqlite3_prepare_v3(db, sql, -1, SQLITE_PREPARE_PERSISTENT, &insert, NULL);
  sqlite3_prepare_v3(db, "BEGIN IMMEDIATE", -1, SQLITE_PREPARE_PERSISTENT, &begin, NULL);
  sqlite3_prepare_v3(db, "COMMIT", -1, SQLITE_PREPARE_PERSISTENT, &commit, NULL);

  const char *texts[9] = {"editor@example.com", "editor@example.com", "outreach@yourdomain.com",
                          "Guest Post: AI Marketing Trends", "approved", "All checks passed",
                          "legitimate_interest", "US", "validate"};
  long long timestamp = 1796472000000LL;
  double start = cpu_seconds();
  for (int written = 0; written < total;) {
    sqlite3_step(begin);
    sqlite3_reset(begin);
    for (int in_group = 0; in_group < group && written < total; in_group += rows) {
      for (int row = 0; row < rows; row++, written++) {
        int base = row * 12;
        sqlite3_bind_int64(insert, base + 1, 1);
        for (int text = 0; text < 9; text++) {
          sqlite3_bind_text(insert, base + 2 + text, texts[text], -1, SQLITE_STATIC);
        }
        sqlite3_bind_null(insert, base + 11);
        sqlite3_bind_int64(insert, base + 12, timestamp + written / 50);
      }
      if (sqlite3_step(insert) != SQLITE_DONE) {
        fprintf(stderr, "insert: %s\n", sqlite3_errmsg(db));
        return 1;
      }
      sqlite3_reset(insert);
      sqlite3_clear_bindings(insert);
    }
    sqlite3_step(commit);
    sqlite3_reset(commit);
  }
  printf("%.2f\n", (cpu_seconds() - start) * 1e6 / total);
  sqlite3_close(db);
  return 0;
}
