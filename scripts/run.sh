#!/usr/bin/env bash
# Run everything: install (if needed), train (if needed), start the action server, the Rasa
# server (REST + socket.io + privacy channel) and the web page; wait until they answer; print the URL.
# Ctrl-C stops every process this script started.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/bootstrap.sh
source scripts/env.sh
[ "${SKIP_TRAIN:-0}" = 1 ] || .venv/bin/python scripts/train_if_needed.py
mkdir -p var/logs
# Tracker events are encrypted; without FV_TRACKER_KEY a random key is made in var/tracker.key (0600).
.venv/bin/python -m rasa_ext.crypto ensure
# The municipalities' offer catalogue (idempotent: each file replaces its municipality's offers).
.venv/bin/python -m actions.catalogue.importer data/catalogue >/dev/null
CREDENTIALS=$(.venv/bin/python scripts/credentials.py)

pids=()
cleanup() {
  trap - INT TERM EXIT
  echo; echo "Stopping..."
  for p in "${pids[@]}"; do kill -- -"$p" 2>/dev/null || kill "$p" 2>/dev/null || true; done
  wait 2>/dev/null || true
}
trap cleanup INT TERM EXIT

start() {  # start NAME LOG CMD...: each in its own process group so Ctrl-C stops its children too;
  # stdout and stderr pass the masking filter into LOG, which rotates daily (rasa_ext/logs.py)
  local name=$1 log=$2; shift 2
  setsid bash -c '"${@:2}" 2>&1 | exec .venv/bin/python -m rasa_ext.logs "$1"' _ "$log" "$@" &
  pids+=($!)
}

# --actions actions.glue (the Action classes): rasa_sdk walks the package with pkgutil, which also
# walks any PyPI package that shares a sub-package's name (actions/catalogue vs PyPI `catalogue`).
# rasa_ext.actions_server: rasa_sdk with masked logs and no tracker in its error replies, on
# ACTIONS_BIND_HOST (loopback), no CORS, bounded request size.
# Closed by default (docs/deploy.md): loopback only (BIND_HOST), CORS only for CORS_ORIGINS.
start actions var/logs/actions.log .venv/bin/python -m rasa_ext.actions_server --actions actions.glue --port "$ACTIONS_PORT"
start rasa var/logs/rasa.log .venv/bin/python -m rasa_ext.serve run --model "$MODEL_PATH" --endpoints "$ENDPOINTS" \
  --credentials "$CREDENTIALS" --interface "$BIND_HOST" --port "$RASA_PORT" --cors $CORS_ORIGINS ${RASA_EXTRA_ARGS:-}
start web var/logs/web.log .venv/bin/python -m http.server "$WEB_PORT" --bind 127.0.0.1 --directory web

wait_for() {  # wait_for NAME URL SECONDS
  local deadline=$((SECONDS + $3))
  until curl -fs -o /dev/null "$2"; do
    if (( SECONDS > deadline )); then echo "ERROR: $1 did not start; see var/logs/$1.log" >&2; tail -20 "var/logs/$1.log" >&2; exit 1; fi
    sleep 0.5
  done
}
wait_for actions "http://localhost:$ACTIONS_PORT/health" 60
wait_for rasa "http://localhost:$RASA_PORT/" 180
[ -d web ] && wait_for web "http://localhost:$WEB_PORT/" 30

cat <<MSG

Familieveileder is running.
  Chat page:      http://localhost:$WEB_PORT/$([ "$RASA_PORT" != 5005 ] && echo "?rasa=http://localhost:$RASA_PORT")
  REST channel:   http://localhost:$RASA_PORT/webhooks/rest/webhook
  Logs:           var/logs/
Press Ctrl-C to stop.
MSG
[ -n "${FV_READY_FILE:-}" ] && touch "$FV_READY_FILE"
wait -n "${pids[@]}"
echo "A process stopped unexpectedly; see var/logs/." >&2
exit 1
