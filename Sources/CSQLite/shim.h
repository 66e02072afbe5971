// The parts of sqlite3.h that Swift cannot import directly.
#ifndef CSQLITE_SHIM_H
#define CSQLITE_SHIM_H

#include <sqlite3.h>

/// SQLITE_TRANSIENT is a cast expression macro: SQLite copies the bound bytes.
static inline sqlite3_destructor_type csqlite_transient(void) { return SQLITE_TRANSIENT; }

/// SQLITE_CONSTRAINT_UNIQUE and friends are expression macros.
static const int CSQLITE_CONSTRAINT_UNIQUE = SQLITE_CONSTRAINT_UNIQUE;
static const int CSQLITE_CONSTRAINT_PRIMARYKEY = SQLITE_CONSTRAINT_PRIMARYKEY;
static const int CSQLITE_BUSY_SNAPSHOT = SQLITE_BUSY_SNAPSHOT;

/// More extended result codes (https://www.sqlite.org/rescode.html), same reason.
static const int CSQLITE_CONSTRAINT_CHECK = SQLITE_CONSTRAINT_CHECK;
static const int CSQLITE_CONSTRAINT_FOREIGNKEY = SQLITE_CONSTRAINT_FOREIGNKEY;
static const int CSQLITE_CONSTRAINT_NOTNULL = SQLITE_CONSTRAINT_NOTNULL;
static const int CSQLITE_BUSY_RECOVERY = SQLITE_BUSY_RECOVERY;
static const int CSQLITE_BUSY_TIMEOUT = SQLITE_BUSY_TIMEOUT;
static const int CSQLITE_LOCKED_SHAREDCACHE = SQLITE_LOCKED_SHAREDCACHE;

/// sqlite3_config is variadic. Turns off memory statistics, which take a
/// global mutex on every allocation; must run before the library initialises
/// ("sqlite3_config() ... must be invoked ... prior to sqlite3_initialize()",
/// https://www.sqlite.org/c3ref/config.html). Returns SQLITE_MISUSE if too late.
static inline int csqlite_disable_memory_statistics(void) {
    return sqlite3_config(SQLITE_CONFIG_MEMSTATUS, 0);
}

#endif
