#!/usr/bin/env bash
# Every test layer, on a fresh machine too: install, validate data, train (if needed), start the real
# stack on test ports, run the end-to-end test stories, then pytest (rules core, language helpers,
# actions, tracker store on SQLite + PostgreSQL + Redis, REST conversations, web widget in Chromium).
set -euo pipefail
cd "$(dirname "$0")/.."
start_time=$SECONDS
bash scripts/bootstrap.sh

# Test stack: its own ports and database, a fixed "today" so answers are reproducible.
export RASA_PORT="${TEST_RASA_PORT:-5905}" ACTIONS_PORT="${TEST_ACTIONS_PORT:-5955}" WEB_PORT="${TEST_WEB_PORT:-8985}"
export ACTION_ENDPOINT_URL="http://localhost:${ACTIONS_PORT}/webhook"
export TRACKER_DB_URL="sqlite:///$(pwd)/var/test-tracker.db"
export FAMILIEVEILEDER_TODAY="${FAMILIEVEILEDER_TODAY:-2026-11-22}"
export TRACKER_RETENTION_INTERVAL_SECONDS="${TRACKER_RETENTION_INTERVAL_SECONDS:-5}"  # retention tests wait for it
source scripts/env.sh
export FV_RASA_URL="http://localhost:${RASA_PORT}" FV_WEB_URL="http://localhost:${WEB_PORT}"
export FV_ACTIONS_URL="http://localhost:${ACTIONS_PORT}" FV_TRACKER_DB="$(pwd)/var/test-tracker.db"

# The web tests drive Debian's Chromium; install it when missing (nothing is downloaded by Playwright).
if [ ! -x /usr/bin/chromium ] && [ -d tests/web ]; then
  echo "Installing Debian's chromium for the web tests..."
  (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null) \
    || { echo "ERROR: could not install chromium (needed by tests/web)" >&2; exit 1; }
fi
# axe-core for the accessibility checks, exact version from tests/web/package-lock.json.
if [ -f tests/web/package-lock.json ]; then npm ci --prefix tests/web --no-audit --no-fund --silent; fi

echo "== rasa data validate"
data_dirs=$(ls -d data/nlu data/rules data/stories 2>/dev/null || true)
.venv/bin/python -m rasa data validate --domain domain --data $data_dirs \
  --config config.yml --fail-on-warnings

echo "== training (only if data, domain or config changed)"
.venv/bin/python scripts/train_if_needed.py

echo "== starting the test stack"
rm -f var/test-tracker.db var/.stack-ready
mkdir -p var
FV_READY_FILE=var/.stack-ready bash scripts/run.sh > var/test-stack.log 2>&1 &
stack=$!
trap 'kill -TERM $stack 2>/dev/null; wait $stack 2>/dev/null || true' EXIT
for _ in $(seq 1 240); do
  [ -f var/.stack-ready ] && break
  kill -0 $stack 2>/dev/null || { echo "ERROR: the stack did not start:" >&2; cat var/test-stack.log >&2; exit 1; }
  sleep 0.5
done
[ -f var/.stack-ready ] || { echo "ERROR: the stack did not become ready in 120 s" >&2; cat var/test-stack.log >&2; exit 1; }

echo "== end-to-end test stories (rasa test, --fail-on-prediction-errors)"
.venv/bin/python -m rasa test core --model "$MODEL_PATH" --stories tests/e2e --endpoints "$ENDPOINTS" \
  --fail-on-prediction-errors --out results/e2e --no-plot > var/e2e.log 2>&1 \
  || { tail -40 var/e2e.log; cat results/e2e/failed_test_stories.yml 2>/dev/null | head -80; exit 1; }
grep -E "Correct:|Accuracy|Conversation level" var/e2e.log | head -5 || true

echo "== pytest"
.venv/bin/python -m pytest -q "$@"
echo "All test layers passed in $((SECONDS - start_time)) s."
