#!/usr/bin/env bash
# Fuzz the JSON API (/api/v1/) with Schemathesis: "bad input gets a 4xx with a message, never a 500".
#
# Starts a production-style server (DEBUG off, so errors are real 500s) on a spare port with the
# demo data in a throwaway database, creates API tokens for the demo site admin, a city editor and
# a plain member, then for each persona (and anonymously):
#   1. walks every API path with ids that name nothing and unknown paths, with every method
#      (tools/api_walk.py), reporting any 5xx and any answer that is not JSON;
#   2. runs Schemathesis (bounded by --max-examples and --time-limit).
# Then it stops the server. Schemathesis lives in a throwaway venv (a test tool, not a project
# dependency).
#
# Usage: tools/api_fuzz.sh [--quick] [--seed N] [--max-examples N] [--port N] [--time-limit S]
#   --quick          only the not_a_server_error check (fast); default runs every check
#   --seed N         Hypothesis seed (default: 20261121), printed so a failure can be replayed
#   --max-examples N cases per operation and phase (default: 30)
#   --port N         server port (default: 8061)
#   --time-limit S   stop each Schemathesis run after S seconds (default: none)
# Environment: FUZZ_VENV (default /tmp/citypeers-fuzzvenv), FUZZ_DATA (default: a fresh temp dir,
# removed afterwards; set it to reuse a migrated database between runs).
# Exit status: Schemathesis's (0 when every check passed).
set -euo pipefail

ROOT="$(cd "$(dirname "$0")/.." && pwd)"
PORT=8061
SEED=20261121
MAX_EXAMPLES=30
CHECKS=all
TIME_LIMIT=""
while [ $# -gt 0 ]; do
  case "$1" in
    --quick) CHECKS=not_a_server_error ;;
    --seed) SEED="$2"; shift ;;
    --max-examples) MAX_EXAMPLES="$2"; shift ;;
    --port) PORT="$2"; shift ;;
    --time-limit) TIME_LIMIT="$2"; shift ;;
    *) echo "unknown option: $1" >&2; exit 2 ;;
  esac
  shift
done

FUZZ_VENV="${FUZZ_VENV:-/tmp/citypeers-fuzzvenv}"
if [ -z "${FUZZ_DATA:-}" ]; then
  FUZZ_DATA="$(mktemp -d /tmp/citypeers-fuzz-data.XXXXXX)"
  REMOVE_DATA=1
else
  REMOVE_DATA=0
fi
BIN="$ROOT/.venv/bin"
BASE="http://127.0.0.1:$PORT"
LOG="$FUZZ_DATA/server.log"

export CITYPEERS_DEBUG=0
export CITYPEERS_SECRET_KEY="fuzz-secret-key-0123456789abcdefghijklmnopqrstuvwxyz"
export CITYPEERS_SSL_REDIRECT=0
export CITYPEERS_ALLOWED_HOSTS=127.0.0.1
export CITYPEERS_DATA_DIR="$FUZZ_DATA"
export OPENBLAS_NUM_THREADS=1

if [ ! -x "$FUZZ_VENV/bin/schemathesis" ]; then
  echo "== installing Schemathesis into $FUZZ_VENV"
  python3 -m venv "$FUZZ_VENV"
  "$FUZZ_VENV/bin/pip" install --quiet schemathesis
fi

SERVER_PID=""
cleanup() {
  if [ -n "$SERVER_PID" ]; then
    kill "$SERVER_PID" 2>/dev/null || true
    wait "$SERVER_PID" 2>/dev/null || true
  fi
  if [ "$REMOVE_DATA" = 1 ]; then rm -rf "$FUZZ_DATA"; fi
}
trap cleanup EXIT

echo "== preparing the database in $FUZZ_DATA"
cd "$ROOT"
"$BIN/citypeers" migrate --no-input -v0
"$BIN/citypeers" setup_site > "$FUZZ_DATA/setup.log"
"$BIN/citypeers" collectstatic --no-input -v0

# One token per persona; the secrets exist only in this run's memory and the temp data dir's DB.
TOKENS="$("$BIN/citypeers" shell -c '
from citypeers.accounts.models import User
from citypeers.accounts.services.tokens import create_api_token
for email in ["admin@demo.citypeers.example", "boston-editor@demo.citypeers.example",
              "member@demo.citypeers.example"]:
    _, raw = create_api_token(user=User.objects.get(email=email), name="api fuzz")
    print(raw)
' | grep '^cp_')"  # the shell also prints its auto-imports; keep only the token lines
ADMIN_TOKEN="$(echo "$TOKENS" | sed -n 1p)"
EDITOR_TOKEN="$(echo "$TOKENS" | sed -n 2p)"
MEMBER_TOKEN="$(echo "$TOKENS" | sed -n 3p)"

echo "== starting gunicorn on $BASE (log: $LOG)"
"$BIN/gunicorn" citypeers.wsgi -w 2 -b "127.0.0.1:$PORT" --timeout 120 > "$LOG" 2>&1 &
SERVER_PID=$!
for _ in $(seq 60); do
  curl -sf "$BASE/api/v1/openapi.json" -o /dev/null && break
  sleep 1
done

status=0
echo "== walking every API path with bad ids, unknown paths and every method"
"$BIN/python" "$ROOT/tools/api_walk.py" "$BASE/api/v1" anonymous= "member=$MEMBER_TOKEN" \
  "city editor=$EDITOR_TOKEN" "site admin=$ADMIN_TOKEN" || status=1

LIMIT=()
if [ -n "$TIME_LIMIT" ]; then LIMIT=(timeout --signal=INT "$TIME_LIMIT"); fi
run() {
  local who="$1"; shift
  echo "== schemathesis as $who (checks: $CHECKS, seed: $SEED, max examples: $MAX_EXAMPLES)"
  # Run from the data dir: Schemathesis keeps a .schemathesis/ cache in its working directory.
  local code=0
  (cd "$FUZZ_DATA" && "${LIMIT[@]}" "$FUZZ_VENV/bin/schemathesis" run \
    "$BASE/api/v1/openapi.json" --checks "$CHECKS" --seed "$SEED" \
    --max-examples "$MAX_EXAMPLES" --no-color "$@") || code=$?
  if [ "$code" = 124 ]; then
    echo "== (stopped at the ${TIME_LIMIT}s time limit; failures above still count)"
  elif [ "$code" != 0 ]; then
    status=$code
  fi
}
run anonymous
run member -H "Authorization: Bearer $MEMBER_TOKEN"
run "city editor" -H "Authorization: Bearer $EDITOR_TOKEN"
run "site admin" -H "Authorization: Bearer $ADMIN_TOKEN"

if grep -q "Internal Server Error\|Traceback" "$LOG"; then
  echo "== the server logged errors:"
  grep -A30 "Traceback" "$LOG" | head -200
  status=1
fi
echo "== done (exit $status, seed $SEED)"
exit $status
