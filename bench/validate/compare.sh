#!/usr/bin/env bash
# Two outreachd builds side by side: both servers run at once on loopback,
# each with its own temporary database, and short h2load runs alternate
# between them (Health/Check, then Policy/Validate, build A then build B),
# so a drift in the machine's speed touches both builds alike.
#
#   bench/validate/compare.sh OLD_OUTREACHD NEW_OUTREACHD        # 8 rounds
#   ROUNDS=12 SECONDS_PER_RUN=6 bench/validate/compare.sh A B
#
# Prints, per build, the server CPU µs per request (user+sys from /proc over
# the successful requests of one run) as the minimum and the median of the
# rounds, and the ratio of Validate's to Health/Check's. Load as in run.sh:
# C=4 M=32, one h2load thread, the specification's ValidateRequest with a
# bearer token.
set -euo pipefail
cd "$(dirname "$0")/../.."
[[ $# -eq 2 ]] || { echo "usage: $0 OUTREACHD_A OUTREACHD_B" >&2; exit 2; }
rounds=${ROUNDS:-8}
seconds=${SECONDS_PER_RUN:-4}
command -v h2load >/dev/null || { echo "h2load missing (apt-get install nghttp2-client)" >&2; exit 2; }

work=$(mktemp -d /tmp/validate-compare.XXXXXX)
pids=()
cleanup() {
  for pid in "${pids[@]}"; do kill -TERM "$pid" 2>/dev/null || true; done
  wait 2>/dev/null || true
  rm -rf "$work"
}
trap cleanup EXIT

python3 bench/validate/bodies.py "$work"

declare -A pid port token
for name in A B; do
  binary=$1
  [[ $name == B ]] && binary=$2
  dir="$work/$name"
  mkdir -p "$dir"
  token[$name]=$(OUTREACH_DB="$dir/outreach.db" "$binary" user add bench 2>/dev/null)
  OUTREACH_DB="$dir/outreach.db" OUTREACH_LISTEN=127.0.0.1:0 OUTREACH_MAIL_DROP="$dir/mail" \
    SMTP_FROM_EMAIL=outreach@yourdomain.com OUTREACH_DAILY_USER_CAP=1000000 \
    OUTREACH_DAILY_DOMAIN_CAP=1000000 "$binary" serve 2> "$dir/server.log" &
  pid[$name]=$!
  pids+=("$!")
  for _ in $(seq 1 100); do
    grep -q 'outreach.ports=' "$dir/server.log" 2>/dev/null && break
    sleep 0.1
  done
  port[$name]=$(sed -n 's/.*outreach\.ports=\([0-9]*\).*/\1/p' "$dir/server.log" | head -n 1)
  [[ -n "${port[$name]}" ]] || { cat "$dir/server.log" >&2; exit 1; }
done

ticks_per_second=$(getconf CLK_TCK)

# One run of one method against one build: prints CPU µs per request.
run() {
  local name=$1 method=$2 before after succeeded
  local arguments=(-D "$seconds" -c 4 -m 32 -t 1 -H 'content-type: application/grpc'
    -H 'te: trailers')
  if [[ $method == validate ]]; then
    arguments+=(-H "authorization: Bearer ${token[$name]}" -d "$work/validate.bin"
      "http://127.0.0.1:${port[$name]}/outreach.v1.Policy/Validate")
  else
    arguments+=(-d "$work/health.bin" "http://127.0.0.1:${port[$name]}/grpc.health.v1.Health/Check")
  fi
  before=$(awk '{print $14 + $15}' "/proc/${pid[$name]}/stat")
  succeeded=$(h2load "${arguments[@]}" | awk '/^requests:/{print $8}')
  after=$(awk '{print $14 + $15}' "/proc/${pid[$name]}/stat")
  awk -v t="$((after - before))" -v hz="$ticks_per_second" -v n="${succeeded:-0}" \
    'BEGIN { printf "%.2f", (n > 0 ? t / hz * 1e6 / n : 0) }'
}

for name in A B; do run "$name" validate >/dev/null; run "$name" health >/dev/null; done
for _ in $(seq 1 "$rounds"); do
  for name in A B; do
    echo "$name health $(run "$name" health)"
    echo "$name validate $(run "$name" validate)"
  done
done > "$work/runs"

python3 - "$work/runs" "$1" "$2" <<'PY'
import statistics, sys
runs = {}
for line in open(sys.argv[1]):
    name, method, value = line.split()
    runs.setdefault((name, method), []).append(float(value))
for name, binary in (("A", sys.argv[2]), ("B", sys.argv[3])):
    health, validate = runs[(name, "health")], runs[(name, "validate")]
    print(f"{name} ({binary})")
    print(f"  Health/Check     min {min(health):6.2f}  median {statistics.median(health):6.2f} us/req")
    print(f"  Policy/Validate  min {min(validate):6.2f}  median {statistics.median(validate):6.2f} us/req")
    print(f"  ratio of medians {statistics.median(validate) / statistics.median(health):.2f}x")
PY
