#!/usr/bin/env bash
# Policy.Validate under h2load beside Health/Check, against one release
# outreachd on loopback with a temporary database.
#
#   bench/validate/run.sh                 # 10 s per method, C=4 M=32
#   DURATION=20s C=8 M=32 bench/validate/run.sh
#   PIN=1 bench/validate/run.sh           # server on CPU 0, h2load on CPU 1
#
# Each Validate request carries a bearer token and the same encoded
# ValidateRequest (the specification's example); every one is audited. The
# script checks that the response bytes equal succeeded × the response size
# (so no call failed with a trailers-only status) and, after the server has
# stopped, that the audit log holds one entry per successful Validate.
# Reports req/s and server CPU µs per request (user+sys of the server process,
# from /proc, per successful request) for both methods.
set -euo pipefail
cd "$(dirname "$0")/../.."
root=$PWD

duration=${DURATION:-10s}
connections=${C:-4}
streams=${M:-32}
warmup=${WARMUP:-2s}
pin=${PIN:-0}
python=${OUTREACH_PYTHON:-$root/.venv/bin/python}
command -v h2load >/dev/null || { echo "h2load missing (apt-get install nghttp2-client)" >&2; exit 2; }

outreachd=${OUTREACHD:-}
if [[ -z "$outreachd" ]]; then
  swift build -c release --product outreachd >&2
  outreachd="$(swift build -c release --show-bin-path)/outreachd"
fi

work=$(mktemp -d /tmp/validate-bench.XXXXXX)
server_pid=""
cleanup() {
  if [[ -n "$server_pid" ]] && kill -0 "$server_pid" 2>/dev/null; then
    kill -TERM "$server_pid"; wait "$server_pid" 2>/dev/null || true
  fi
  rm -rf "$work"
}
trap cleanup EXIT

export OUTREACH_DB="$work/outreach.db"
token=$("$outreachd" user add bench 2>/dev/null)

# The request body: a gRPC frame around the encoded ValidateRequest, and the
# size of the framed response every approved answer has.
python3 bench/validate/bodies.py "$work"

taskset_server=()
taskset_client=()
if [[ "$pin" == "1" ]]; then
  taskset_server=(taskset -c 0)
  taskset_client=(taskset -c 1)
fi
OUTREACH_LISTEN=127.0.0.1:0 OUTREACH_MAIL_DROP="$work/mail" \
  SMTP_FROM_EMAIL=outreach@yourdomain.com OUTREACH_LOG_LEVEL=info \
  OUTREACH_DAILY_USER_CAP=1000000 OUTREACH_DAILY_DOMAIN_CAP=1000000 \
  "${taskset_server[@]}" "$outreachd" serve 2> "$work/server.log" &
server_pid=$!
for _ in $(seq 1 300); do
  grep -q 'outreach.ports=' "$work/server.log" 2>/dev/null && break
  sleep 0.1
done
port=$(sed -n 's/.*outreach\.ports=\([0-9]*\).*/\1/p' "$work/server.log" | head -n 1)
[[ -n "$port" ]] || { cat "$work/server.log" >&2; exit 1; }

cpu_ticks() { awk '{print $14 + $15}' "/proc/$server_pid/stat"; }
ticks_per_second=$(getconf CLK_TCK)

# Parses an h2load report: "succeeded req/s data_bytes failed".
parse() {
  local succeeded failed rps data
  read -r succeeded failed < <(awk '/^requests:/{print $8, $10}' "$1")
  rps=$(awk '/^finished in/{for(i=1;i<=NF;i++) if($i=="req/s,"){print $(i-1); exit}}' "$1")
  data=$(awk '/^traffic:/{n=split($0,a,"[()]"); for(i=1;i<=n;i++) if(a[i+1] ~ /^ *data/){print a[i]; exit}}' "$1")
  echo "${succeeded:-0} ${rps%,} ${data:-0} ${failed:-0}"
}

# A warm-up run, then a measured one: prints
# "req/s us_per_req succeeded data_bytes failed warmup_succeeded".
load() {
  local path=$1 body=$2
  shift 2
  local arguments=(-c "$connections" -m "$streams" -t 1
    -H 'content-type: application/grpc' -H 'te: trailers' "$@"
    -d "$body" "http://127.0.0.1:$port$path")
  "${taskset_client[@]}" h2load -D "$warmup" "${arguments[@]}" > "$work/warmup.out" 2>&1 || true
  local before after
  before=$(cpu_ticks)
  "${taskset_client[@]}" h2load -D "$duration" "${arguments[@]}" > "$work/h2load.out" 2>&1 || true
  after=$(cpu_ticks)
  local succeeded rps data failed warm
  read -r succeeded rps data failed < <(parse "$work/h2load.out")
  read -r warm _ _ _ < <(parse "$work/warmup.out")
  local us
  us=$(awk -v t="$((after - before))" -v hz="$ticks_per_second" -v n="$succeeded" \
    'BEGIN { printf "%.1f", (n > 0 ? t / hz * 1e6 / n : 0) }')
  echo "$rps $us $succeeded $data $failed $warm"
}

read -r health_rps health_us health_ok health_bytes health_failed _ \
  < <(load /grpc.health.v1.Health/Check "$work/health.bin")
count_audit() {
  "$python" -c "import sqlite3, sys
print(sqlite3.connect(sys.argv[1]).execute('select count(*) from audit_log').fetchone()[0])" \
    "$OUTREACH_DB"
}
audit_before=$(count_audit)
read -r validate_rps validate_us validate_ok validate_bytes validate_failed validate_warm \
  < <(load /outreach.v1.Policy/Validate "$work/validate.bin" -H "authorization: Bearer $token")

# Stop the server first: every entry counted below was committed by it.
kill -TERM "$server_pid"
wait "$server_pid" 2>/dev/null || true
server_pid=""
audited=$(($(count_audit) - audit_before))
response_size=$(cat "$work/response.size")

ok=1
(( health_failed == 0 && validate_failed == 0 )) || ok=0
# A trailers-only error carries no DATA: fewer bytes than succeeded × size
# means some call failed.
(( health_bytes >= health_ok * 7 && validate_bytes >= validate_ok * response_size )) || ok=0
# One durable audit entry per acknowledged Validate (requests cut off at the
# end of a timed run may add at most one window of C×M per run).
(( audited >= validate_ok + validate_warm )) || ok=0
(( audited <= validate_ok + validate_warm + 2 * connections * streams )) || ok=0

ratio=$(awk -v a="$validate_us" -v b="$health_us" 'BEGIN { printf "%.2f", (b > 0 ? a / b : 0) }')
printf '%-18s %12s %12s %12s\n' method req/s "srv us/req" succeeded
printf '%-18s %12s %12s %12s\n' Health/Check "$health_rps" "$health_us" "$health_ok"
printf '%-18s %12s %12s %12s\n' Policy/Validate "$validate_rps" "$validate_us" "$validate_ok"
echo "Validate CPU per request: ${ratio}x Health/Check's"
echo "audit entries committed: $audited for $((validate_ok + validate_warm)) acknowledged Validates"
echo "RESULT health_rps=$health_rps health_us=$health_us validate_rps=$validate_rps" \
  "validate_us=$validate_us ratio=$ratio audited=$audited acknowledged=$((validate_ok + validate_warm))" \
  "ok=$ok"
(( ok == 1 ))
