# Defaults for every script (source it). Any variable set by the caller wins.
export RASA_PORT="${RASA_PORT:-5005}"
export ACTIONS_PORT="${ACTIONS_PORT:-5055}"
export WEB_PORT="${WEB_PORT:-8080}"
# Closed by default: Rasa listens on BIND_HOST, the action server on ACTIONS_BIND_HOST (loopback:
# only Rasa calls it); browsers may call Rasa only from CORS_ORIGINS (space-separated origins).
export BIND_HOST="${BIND_HOST:-127.0.0.1}"
export ACTIONS_BIND_HOST="${ACTIONS_BIND_HOST:-127.0.0.1}"
export CORS_ORIGINS="${CORS_ORIGINS:-http://localhost:${WEB_PORT} http://127.0.0.1:${WEB_PORT}}"
export ACTION_ENDPOINT_URL="${ACTION_ENDPOINT_URL:-http://localhost:${ACTIONS_PORT}/webhook}"
# Production profile (REPLICAS=N make run; deploy/README.md): PostgreSQL tracker, Redis lock.
if [ -n "${REPLICAS:-}" ]; then
  export LOCK_STORE=redis
  export TRACKER_DB_URL="${TRACKER_DB_URL:-postgresql://postgres@127.0.0.1:5432/familieveileder}"
fi
export TRACKER_DB_URL="${TRACKER_DB_URL:-sqlite:///$(pwd)/var/tracker.db}"
export TRACKER_RETENTION_DAYS="${TRACKER_RETENTION_DAYS:-30}"
export RASA_TELEMETRY_ENABLED=false
export SQLALCHEMY_SILENCE_UBER_WARNING=1
export TF_CPP_MIN_LOG_LEVEL=3
export PYTHONHASHSEED=0
# Redis lock store for several replicas (docs/deploy.md): LOCK_STORE=redis selects endpoints.scale.yml
export REDIS_HOST="${REDIS_HOST:-127.0.0.1}"
export REDIS_PORT="${REDIS_PORT:-6379}"
export REDIS_DB="${REDIS_DB:-1}"
# Several Sanic workers need a shared lock store; without one Rasa quietly runs a single worker.
if [ "${SANIC_WORKERS:-1}" -gt 1 ]; then export LOCK_STORE=redis; fi
if [ "${LOCK_STORE:-memory}" = "redis" ]; then
  export ENDPOINTS="${ENDPOINTS:-endpoints.scale.yml}"
else
  export ENDPOINTS="${ENDPOINTS:-endpoints.yml}"
fi
export MODEL_PATH="${MODEL_PATH:-models/familieveileder.tar.gz}"
export TQDM_DISABLE=1
