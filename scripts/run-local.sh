#!/usr/bin/env bash
# Runs Outreach locally: a throwaway CA and certificate, a real SMTP server
# (aiosmtpd, STARTTLS and AUTH required) that stores messages in .run/mail/,
# and outreachd on loopback verifying that server's certificate against the
# CA, with a fresh user whose token is printed with example calls.
#
#   scripts/run-local.sh          foreground; Ctrl-C stops both servers
#   RUN_LOCAL_DETACH=1 scripts/run-local.sh
#                                 start, write .run/env, return when ready
#   scripts/run-local.sh stop     stop servers started detached
#
# Environment: RUN_DIR [.run], OUTREACH_PORT [50051; 0 picks a free port],
# OUTREACHD [the release build], OUTREACH_PYTHON [.venv/bin/python].
set -euo pipefail
cd "$(dirname "$0")/.."
root=$PWD

run_dir=${RUN_DIR:-.run}
mkdir -p "$run_dir"
run_dir=$(cd "$run_dir" && pwd)
python=${OUTREACH_PYTHON:-$root/.venv/bin/python}
port=${OUTREACH_PORT:-50051}

stop_pid() {
  local pid=$1
  [[ -n "$pid" ]] && kill -0 "$pid" 2>/dev/null || return 0
  kill -TERM "$pid" 2>/dev/null || true
  for _ in $(seq 1 100); do
    kill -0 "$pid" 2>/dev/null || return 0
    sleep 0.1
  done
  kill -KILL "$pid" 2>/dev/null || true
}

if [[ "${1:-}" == "stop" ]]; then
  if [[ -f "$run_dir/env" ]]; then
    # shellcheck disable=SC1091
    source "$run_dir/env"
    stop_pid "${OUTREACHD_PID:-}"
    stop_pid "${SMTP_PID:-}"
    rm -f "$run_dir/env"
    echo "run-local: stopped"
  fi
  exit 0
fi

outreachd=${OUTREACHD:-}
if [[ -z "$outreachd" ]]; then
  outreachd="$(swift build -c release --show-bin-path)/outreachd"
  [[ -x "$outreachd" ]] || swift build -c release --product outreachd
fi
[[ -x "$python" ]] || { echo "run-local: no Python at $python (run scripts/install-deps.sh)" >&2; exit 1; }

smtp_pid=""
outreachd_pid=""
interrupted=0
cleanup() {
  # Ctrl-C reached outreachd too, and it is draining: a second signal would
  # cut its grace period short, so it gets the time to finish first.
  if [[ "$interrupted" == 1 && -n "$outreachd_pid" ]]; then
    for _ in $(seq 1 150); do
      kill -0 "$outreachd_pid" 2>/dev/null || break
      sleep 0.1
    done
  fi
  stop_pid "$outreachd_pid"
  stop_pid "$smtp_pid"
}
trap cleanup EXIT
trap 'interrupted=1; exit 130' INT
trap 'exit 143' TERM

# Starts a long-lived server in the background without the descriptors this
# script inherited beyond 0-2, so a caller waiting for the script's own
# descriptors to close (a test harness, a CI step) is not kept waiting by the
# servers it leaves running.
spawn() {
  (
    for fd in /proc/self/fd/*; do
      fd=${fd##*/}
      if ((fd > 2)); then eval "exec $fd>&-" 2>/dev/null || true; fi
    done
    exec "$@"
  ) &
}

# Waits until FILE contains a line matching PATTERN, or fails after 60 s or
# when PID exits.
wait_for() {
  local file=$1 pattern=$2 pid=$3
  for _ in $(seq 1 600); do
    grep -q "$pattern" "$file" 2>/dev/null && return 0
    kill -0 "$pid" 2>/dev/null || { cat "$file" >&2; return 1; }
    sleep 0.1
  done
  echo "run-local: timed out waiting for $file" >&2
  return 1
}

# 1. A local CA and a certificate for localhost / 127.0.0.1.
if [[ ! -f "$run_dir/tls/server.pem" ]]; then
  scripts/make-local-ca.sh "$run_dir/tls" 30
fi

# 2. The SMTP server, with a password made for this run.
smtp_user=outreach
smtp_pass=$(openssl rand -hex 16)
mkdir -p "$run_dir/mail"
: > "$run_dir/smtp.out"
spawn "$python" scripts/smtp-server.py --port 0 --hostname localhost \
  --cert "$run_dir/tls/server.pem" --key "$run_dir/tls/server.key" \
  --user "$smtp_user" --password "$smtp_pass" --maildir "$run_dir/mail" \
  > "$run_dir/smtp.out" 2> "$run_dir/smtp.log"
smtp_pid=$!
wait_for "$run_dir/smtp.out" '^[0-9]' "$smtp_pid"
smtp_port=$(head -n 1 "$run_dir/smtp.out")

# 3. A user and its token (a new one each run; earlier ones stay valid).
export OUTREACH_DB="$run_dir/outreach.db"
user="local-$(date +%Y%m%d-%H%M%S)"
token=$("$outreachd" user add "$user" --admin 2>/dev/null)

# 4. outreachd, verifying the SMTP server's certificate against the local CA.
: > "$run_dir/outreachd.log"
OUTREACH_LISTEN="127.0.0.1:$port" \
  SMTP_HOST=localhost SMTP_PORT="$smtp_port" SMTP_USER="$smtp_user" SMTP_PASS="$smtp_pass" \
  SMTP_VERIFY_TLS=true SMTP_CA_FILE="$run_dir/tls/ca.pem" \
  SMTP_FROM_EMAIL="${SMTP_FROM_EMAIL:-outreach@outreach.test}" \
  spawn "$outreachd" serve 2> "$run_dir/outreachd.log"
outreachd_pid=$!
wait_for "$run_dir/outreachd.log" 'msg="outreachd listening"' "$outreachd_pid"
port=$(sed -n 's/.*outreach\.ports=\([0-9]*\).*/\1/p' "$run_dir/outreachd.log" | head -n 1)

cat > "$run_dir/env" <<ENV
OUTREACH_SERVER=127.0.0.1:$port
OUTREACH_PORT=$port
OUTREACH_TOKEN=$token
OUTREACH_DB=$run_dir/outreach.db
SMTP_PORT=$smtp_port
MAIL_DIR=$run_dir/mail
OUTREACHD_PID=$outreachd_pid
SMTP_PID=$smtp_pid
ENV
chmod 600 "$run_dir/env"
printf 'Hi,\n\nthis is a test message from a local Outreach.\n' > "$run_dir/message.txt"

cat <<TEXT

Outreach is running.
  server     127.0.0.1:$port (h2c)      log: $run_dir/outreachd.log
  SMTP       localhost:$smtp_port (STARTTLS + AUTH, verified against $run_dir/tls/ca.pem)
  mail lands in $run_dir/mail/
  user $user (admin), token:

    $token

Try it with the outreach CLI (.build/release/outreach):
  outreach --server 127.0.0.1:$port --token $token leads create editor@example.com --name "Ed Itor"
  outreach --server 127.0.0.1:$port --token $token send --lead 1 --subject "Hello" --body-file $run_dir/message.txt
  (or: set -a; . $run_dir/env; set +a   and then plain   outreach leads list)

Or with Python grpcio, today:
  $python scripts/example-send.py --server 127.0.0.1:$port --token $token --email editor@example.com

TEXT

if [[ "${RUN_LOCAL_DETACH:-}" == "1" ]]; then
  echo "Detached: settings in $run_dir/env; stop with: scripts/run-local.sh stop"
  trap - EXIT INT TERM
  exit 0
fi
echo "Press Ctrl-C to stop both servers."
wait "$outreachd_pid" || true
