#!/usr/bin/env bash
# The cost of writing audit entries in SQLite itself, without the server:
# one row per statement against multi-row statements, with and without the
# index on timestamp, in groups like the store's group commits.
#
#   bench/sqlite-audit/run.sh            # best of 5 runs per variant
#   RUNS=9 bench/sqlite-audit/run.sh
#
# Prints CPU µs per audit entry (the process's user + system time over
# 200,000 entries written to a fresh WAL database in /tmp).
set -euo pipefail
cd "$(dirname "$0")"
runs=${RUNS:-5}
work=$(mktemp -d /tmp/sqlite-audit.XXXXXX)
trap 'rm -rf "$work"' EXIT
cc -O2 -o "$work/audit-insert" audit-insert.c -lsqlite3

# Prints the best of $runs measurements for one variant.
best() {
  local best=""
  for _ in $(seq 1 "$runs"); do
    rm -f "$work"/audit.db*
    local value
    value=$("$work/audit-insert" "$work/audit.db" "$@")
    best=$(awk -v a="$best" -v b="$value" 'BEGIN { print (a == "" || b < a) ? b : a }')
  done
  echo "$best"
}

printf '%-52s %s\n' variant "CPU µs per entry"
printf '%-52s %s\n' "1 row per statement, time index, groups of 32" "$(best 1 1 32 1)"
printf '%-52s %s\n' "1 row per statement, time index, groups of 128" "$(best 1 1 128 1)"
printf '%-52s %s\n' "32 rows per statement, time index, groups of 32" "$(best 32 1 32 1)"
printf '%-52s %s\n' "1 row per statement, no time index, groups of 32" "$(best 1 0 32 1)"
printf '%-52s %s\n' "32 rows per statement, no time index, groups of 32" "$(best 32 0 32 1)"
printf '%-52s %s\n' "32 rows, no time index, no SQLite memory statistics" "$(best 32 0 32 0)"
printf '%-52s %s\n' "16 rows, no time index, no statistics, groups of 16" "$(best 16 0 16 0)"
printf '%-52s %s\n' "16 rows, no time index, no statistics, groups of 64" "$(best 16 0 64 0)"
