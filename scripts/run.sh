#!/usr/bin/env bash
# Run everything: install (if needed), train (if needed), start the action server, the Rasa
# server (REST + socket.io + privacy channel) and the web page; wait until they answer; print the URL.
# REPLICAS=N starts the production profile instead: N Rasa replicas and ACTION_REPLICAS (default 1)
# action servers behind nginx, PostgreSQL tracker store, race-free Redis lock (deploy/README.md).
# Ctrl-C stops every process this script started.
set -euo pipefail
cd "$(dirname "$0")/.."
t_start=$SECONDS
step() { echo "[$(printf '%4d' $((SECONDS - t_start))) s] $*"; }  # one line per step, elapsed time
step "install: checking .venv against requirements.lock"
bash scripts/bootstrap.sh
source scripts/env.sh
if [ "${SKIP_TRAIN:-0}" != 1 ]; then step "train: only if data, domain or config changed"; .venv/bin/python scripts/train_if_needed.py; fi
LOG_DIR=${LOG_DIR:-var/logs}  # one per stack when several run at once (tests, benchmarks)
mkdir -p "$LOG_DIR"
# Tracker events are encrypted; without FV_TRACKER_KEY a random key is made in var/tracker.key (0600).
.venv/bin/python -m rasa_ext.crypto ensure
# The municipalities' offer catalogue (idempotent: each file replaces its municipality's offers).
step "catalogue: importing data/catalogue"
.venv/bin/python -m actions.catalogue.importer data/catalogue >/dev/null
CREDENTIALS=$(.venv/bin/python scripts/credentials.py)

PROD=0; [ -n "${REPLICAS:-}" ] && PROD=1
if (( PROD )); then
  (( REPLICAS >= 1 )) || { echo "ERROR: REPLICAS must be a number >= 1" >&2; exit 1; }
  step "production profile: checking PostgreSQL, Redis and nginx"
  .venv/bin/python scripts/prod_check.py
  if ! command -v nginx >/dev/null 2>&1; then
    echo "Installing Debian's nginx-light for the production profile..."
    (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq nginx-light >/dev/null) \
      || { echo "ERROR: nginx is missing and could not be installed (apt-get install nginx-light)" >&2; exit 1; }
  fi
fi

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
  if (( PROD )) && [[ $name != nginx ]]; then set -- bash scripts/supervise.sh "$@"; fi  # restarted if it stops
  setsid bash -c '"${@:2}" 2>&1 | exec .venv/bin/python -m rasa_ext.logs "$1"' _ "$log" "$@" &
  pids+=($!)
}
# --actions actions.glue (the Action classes): rasa_sdk walks the package with pkgutil, which also
# walks any PyPI package that shares a sub-package's name (actions/catalogue vs PyPI `catalogue`).
# rasa_ext.actions_server: rasa_sdk with masked logs and no tracker in its error replies, on
# ACTIONS_BIND_HOST (loopback), no CORS, bounded request size.
# Closed by default (docs/deploy.md): loopback only (BIND_HOST), CORS only for CORS_ORIGINS.
start_actions() {  # start_actions NAME PORT: the one action-server command (both profiles)
  start "$1" "$LOG_DIR/$1.log" .venv/bin/python -m rasa_ext.actions_server --actions actions.glue --port "$2"
}
start_rasa() {  # start_rasa NAME PORT: the one Rasa command (both profiles)
  start "$1" "$LOG_DIR/$1.log" .venv/bin/python -m rasa_ext.serve run --model "$MODEL_PATH" --endpoints "$ENDPOINTS" \
    --credentials "$CREDENTIALS" --interface "$BIND_HOST" --port "$2" --cors $CORS_ORIGINS ${RASA_EXTRA_ARGS:-}
}
wait_for() {  # wait_for NAME URL SECONDS
  local deadline=$((SECONDS + $3))
  until curl -fs -o /dev/null "$2"; do
    if (( SECONDS > deadline )); then echo "ERROR: $1 did not start; see $LOG_DIR/$1.log" >&2; tail -20 "$LOG_DIR/$1.log" >&2; exit 1; fi
    sleep 0.5
  done
}

step "servers: starting"
if (( PROD )); then
  # nginx listens on RASA_PORT (Rasa) and ACTIONS_PORT (action servers); the replicas behind it on
  # REPLICA_PORT_BASE.. (default RASA_PORT+100) and ACTION_PORT_BASE.. (default ACTIONS_PORT+100).
  rbase=${REPLICA_PORT_BASE:-$((RASA_PORT + 100))} abase=${ACTION_PORT_BASE:-$((ACTIONS_PORT + 100))}
  ng_args=(--listen "127.0.0.1:$RASA_PORT" --actions-listen "127.0.0.1:$ACTIONS_PORT")
  for ((i = 0; i < ${ACTION_REPLICAS:-1}; i++)); do
    start_actions "actions$((i + 1))" $((abase + i)); ng_args+=(--actions "127.0.0.1:$((abase + i))")
  done
  for ((i = 0; i < REPLICAS; i++)); do
    start_rasa "rasa$((i + 1))" $((rbase + i)); ng_args+=(--rasa "127.0.0.1:$((rbase + i))")
  done
  conf=$(.venv/bin/python scripts/nginx_conf.py "${ng_args[@]}" --standalone "var/nginx-$RASA_PORT")
  start nginx "$LOG_DIR/nginx.log" nginx -p "$(dirname "$conf")" -c "$conf" -g "daemon off;"
  watch=(${pids[-1]})  # the replicas restart themselves (scripts/supervise.sh); nginx must not stop
  for ((i = 0; i < ${ACTION_REPLICAS:-1}; i++)); do wait_for "actions$((i + 1))" "http://localhost:$((abase + i))/health" 60; done
  for ((i = 0; i < REPLICAS; i++)); do wait_for "rasa$((i + 1))" "http://localhost:$((rbase + i))/" 240; done
  wait_for nginx "http://localhost:$RASA_PORT/" 30
else
  start_actions actions "$ACTIONS_PORT"
  start_rasa rasa "$RASA_PORT"
  watch=("${pids[@]}")
  wait_for actions "http://localhost:$ACTIONS_PORT/health" 120
  wait_for rasa "http://localhost:$RASA_PORT/" 280
fi
start web "$LOG_DIR/web.log" .venv/bin/python -m http.server "$WEB_PORT" --bind 127.0.0.1 --directory web
[ -d web ] && wait_for web "http://localhost:$WEB_PORT/" 30
step "servers: all answer"

cat <<MSG

Familieveileder is running$( (( PROD )) && echo " (production profile: $REPLICAS Rasa replicas behind nginx, PostgreSQL, Redis)").
  Chat page:      http://localhost:$WEB_PORT/$([ "$RASA_PORT" != 5005 ] && echo "?rasa=http://localhost:$RASA_PORT")
  REST channel:   http://localhost:$RASA_PORT/webhooks/rest/webhook
  Logs:           $LOG_DIR/
Started in $((SECONDS - t_start)) s. Press Ctrl-C to stop.
MSG
[ -n "${FV_READY_FILE:-}" ] && touch "$FV_READY_FILE"
wait -n "${watch[@]}"
echo "A process stopped unexpectedly; see $LOG_DIR/." >&2
exit 1
