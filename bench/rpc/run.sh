#!/usr/bin/env bash
# Benchmarks the RPC transport against grpc-go, Python grpcio and nghttpd on
# loopback with the shared peer kit, pinned and unpinned, then measures memory
# per idle connection and the time to open 1,000 connections.
#
#   bench/rpc/run.sh                 # ROUNDS=3, both modes, all peers
#   ROUNDS=1 MODES=1 bench/rpc/run.sh
#
# Env: ROUNDS [3], MODES ["1 0"] (PIN values), PEERS ["grpcgo grpcio nghttpd"],
# KIT [/work/shared/bench], OUT [/tmp/rpc-bench.<time>]. Installs missing peers
# with the kit's setup.sh (apt, pip, grpc-go build): this script only, never
# `make test`. Loads both cores for several minutes.
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
ROUNDS="${ROUNDS:-3}"
MODES="${MODES:-1 0}"
PEERS="${PEERS:-grpcgo grpcio nghttpd}"
KIT="${KIT:-/work/shared/bench}"
OUT="${OUT:-/tmp/rpc-bench.$(date +%Y%m%d-%H%M%S)}"
PYTHON="${OUTREACH_PYTHON:-$root/.venv/bin/python}"
[[ -x "$PYTHON" ]] || PYTHON=python3
export PYTHON

mkdir -p "$OUT"
scratch="$(mktemp -d /tmp/rpc-bench-kit.XXXXXX)"
trap 'rm -rf "$scratch"' EXIT
cp -r "$KIT/." "$scratch/"

if ! command -v h2load >/dev/null || ! command -v nghttpd >/dev/null || ! command -v go >/dev/null; then
  echo "run.sh: installing the peers with the kit's setup.sh" >&2
  bash "$scratch/setup.sh" >&2
elif [[ ! -x "$scratch/peers/grpcgo/grpcgo-health" ]]; then
  "$scratch/peers/grpcgo/build.sh" >&2
fi

echo "run.sh: building rpc-bench-server (release)" >&2
(cd "$root" && swift build -c release --product rpc-bench-server >&2)
server="$root/.build/release/rpc-bench-server"

for pin in $MODES; do
  echo "== PIN=$pin ROUNDS=$ROUNDS peers: $PEERS ours" | tee -a "$OUT/summary.txt"
  # One loop when pinned to one core; one per core otherwise.
  loops=$([[ "$pin" == 1 ]] && echo 1 || nproc)
  ROUNDS="$ROUNDS" PIN="$pin" OUTDIR="$OUT/pin$pin" \
    "$scratch/peers.sh" $PEERS "ours=$server --loops $loops --port" | tee -a "$OUT/summary.txt"
done

echo "== connections" | tee -a "$OUT/summary.txt"
"$PYTHON" "$root/bench/rpc/connections.py" --count 1000 "ours=$server --loops $(nproc) --port" \
  "grpcgo=$scratch/peers/grpcgo/grpcgo-health" | tee -a "$OUT/summary.txt"
echo "results in $OUT" >&2
