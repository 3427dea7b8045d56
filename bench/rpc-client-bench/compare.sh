#!/usr/bin/env bash
# Compares rpc-client-bench with h2load against the same rpc-bench-server on
# loopback: Health/Check calls per second and client CPU per call.
#
#   bench/rpc-client-bench/compare.sh [ROUNDS] [SECONDS]
#
# Env: CONNECTIONS [1], CONCURRENCY [128] for the Swift client (h2load runs
# with the same totals: -c CONNECTIONS -m CONCURRENCY); PIN=1 pins the server
# to CPU 0 and both clients to CPU 1. Builds release binaries first.
set -euo pipefail
cd "$(dirname "$0")/../.."
rounds="${1:-3}"
seconds="${2:-5}"
connections="${CONNECTIONS:-1}"
concurrency="${CONCURRENCY:-128}"
port="${PORT:-50791}"
server_cpu=()
client_cpu=()
if [[ "${PIN:-0}" == 1 ]]; then
  server_cpu=(taskset -c 0)
  client_cpu=(taskset -c 1)
fi

swift build -c release --product rpc-bench-server >/dev/null
swift build -c release --product rpc-client-bench >/dev/null
bin="$(swift build -c release --show-bin-path)"

work="$(mktemp -d /tmp/rpc-client-compare.XXXXXX)"
printf '\x00\x00\x00\x00\x00' >"$work/body"
"${server_cpu[@]}" "$bin/rpc-bench-server" --port "$port" >"$work/server.log" 2>&1 &
server=$!
trap 'kill "$server" 2>/dev/null; wait "$server" 2>/dev/null; rm -rf "$work"' EXIT
sleep 1

for round in $(seq "$rounds"); do
  "${client_cpu[@]}" h2load -D "$seconds" -c "$connections" -m "$concurrency" -t 1 \
    -d "$work/body" -H 'content-type: application/grpc' -H 'te: trailers' \
    "http://127.0.0.1:$port/grpc.health.v1.Health/Check" >"$work/h2load.txt"
  rps="$(awk '/^finished in/ {print $4}' "$work/h2load.txt")"
  ok="$(awk '/^requests:/ {print $8}' "$work/h2load.txt")"
  echo "round=$round client=h2load rps=$rps succeeded=$ok"
  "${client_cpu[@]}" "$bin/rpc-client-bench" --target "127.0.0.1:$port" \
    --connections "$connections" --concurrency "$concurrency" --duration "$seconds" --warmup 1 |
    sed "s/^RESULT/round=$round client=swift/"
done
