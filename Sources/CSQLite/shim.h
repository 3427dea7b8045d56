#ifndef OUTREACH_CSQLITE_SHIM_H
#define OUTREACH_CSQLITE_SHIM_H

#include <sqlite3.h>

// SQLITE_TRANSIENT is a cast of -1 to a function pointer, which Swift cannot
// import; binding text and blobs needs it so SQLite copies the bytes.
static inline sqlite3_destructor_type csqlite_transient(void) {
  return SQLITE_TRANSIENT;
}

// SQLITE_STATIC (a null destructor): SQLite uses the caller's bytes as they
// are, which must stay valid until the binding is cleared.
static inline sqlite3_destructor_type csqlite_static(void) {
  return SQLITE_STATIC;
}

// Turns off SQLite's memory statistics, which take a global mutex around
// every allocation. Effective only before SQLite initializes (before the
// first connection opens); returns SQLITE_MISUSE after.
static inline int csqlite_disable_memory_statistics(void) {
  return sqlite3_config(SQLITE_CONFIG_MEMSTATUS, 0);
}

#endif
