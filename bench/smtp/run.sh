#!/usr/bin/env bash
# SMTP delivery benchmark: sends the same messages through a local aiosmtpd
# server (STARTTLS and AUTH required, certificate verified against a throwaway
# CA) with our sender, with and without session reuse, and with Python's
# smtplib opening a new session per message.
#
#   bench/smtp/run.sh [COUNT] [SESSIONS]
set -euo pipefail
cd "$(dirname "$0")/../.."

count="${1:-300}"
sessions="${2:-4}"
python="${OUTREACH_PYTHON:-.venv/bin/python}"
work="$(mktemp -d)"
server_pid=""
cleanup() {
  if [[ -n "$server_pid" ]]; then kill "$server_pid" 2>/dev/null || true; wait "$server_pid" 2>/dev/null || true; fi
  rm -rf "$work"
}
trap cleanup EXIT

scripts/install-deps.sh
swift build -c release --product smtp-bench >&2

scripts/make-local-ca.sh "$work" 1

coproc SERVER { exec "$python" -u scripts/smtp-server.py --port 0 --cert "$work/server.pem" \
  --key "$work/server.key" --user bench --password bench-pass --maildir "$work/mail" \
  --exit-with-parent; }
server_pid="$SERVER_PID"
read -r -t 20 port <&"${SERVER[0]}"

common=(--port "$port" --ca-file "$work/ca.pem" --user bench --password bench-pass --count "$count")
echo "SMTP delivery, $count messages each, aiosmtpd $("$python" -c 'import aiosmtpd; print(aiosmtpd.__version__)') on loopback, STARTTLS + AUTH PLAIN, verified certificates"
.build/release/smtp-bench "${common[@]}" --sessions "$sessions"
"$python" bench/smtp/smtplib_bench.py "${common[@]}"
echo "messages stored: $(find "$work/mail" -name '*.eml' | wc -l)"
