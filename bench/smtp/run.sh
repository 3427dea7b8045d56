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

# A throwaway CA and a server certificate for localhost.
curve=(-newkey ec -pkeyopt ec_paramgen_curve:prime256v1 -nodes)
openssl req -x509 "${curve[@]}" -keyout "$work/ca.key" -out "$work/ca.pem" -days 1 \
  -subj "/CN=Outreach Bench CA" -addext "basicConstraints=critical,CA:TRUE" \
  -addext "keyUsage=critical,keyCertSign,cRLSign" 2>/dev/null
openssl req -new "${curve[@]}" -keyout "$work/server.key" -out "$work/server.csr" \
  -subj "/CN=localhost" 2>/dev/null
printf 'subjectAltName=DNS:localhost,IP:127.0.0.1\nextendedKeyUsage=serverAuth\n' > "$work/ext"
openssl x509 -req -in "$work/server.csr" -CA "$work/ca.pem" -CAkey "$work/ca.key" \
  -CAcreateserial -out "$work/server.pem" -days 1 -extfile "$work/ext" 2>/dev/null

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
