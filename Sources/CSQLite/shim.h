#ifndef OUTREACH_CSQLITE_SHIM_H
#define OUTREACH_CSQLITE_SHIM_H

#include <sqlite3.h>

// SQLITE_TRANSIENT is a cast of -1 to a function pointer, which Swift cannot
// import; binding text and blobs needs it so SQLite copies the bytes.
static inline sqlite3_destructor_type csqlite_transient(void) {
  return SQLITE_TRANSIENT;
}

#endif
