#!/usr/bin/env bash
# Set up .venv/ from requirements.lock (exact versions) with a Python 3.10 interpreter.
# Reinstalls only when the lock file changes. Safe to run again and again.
set -euo pipefail
cd "$(dirname "$0")/.."

find_python() {
  local candidates=("${PYTHON:-}" python3.10)
  if command -v pyenv >/dev/null 2>&1; then
    local root; root=$(pyenv root)
    for v in "$root"/versions/3.10*; do [ -x "$v/bin/python" ] && candidates+=("$v/bin/python"); done
  fi
  for v in "$HOME"/.pyenv/versions/3.10*/bin/python /usr/bin/python3.10 /usr/local/bin/python3.10 python3; do
    candidates+=("$v")
  done
  for c in "${candidates[@]}"; do
    [ -n "$c" ] || continue
    if command -v "$c" >/dev/null 2>&1 || [ -x "$c" ]; then
      if "$c" -c 'import sys; sys.exit(0 if sys.version_info[:2] == (3, 10) else 1)' 2>/dev/null; then
        echo "$c"; return 0
      fi
    fi
  done
  return 1
}

if [ ! -x .venv/bin/python ] || ! .venv/bin/python -c 'import sys; sys.exit(0 if sys.version_info[:2]==(3,10) else 1)'; then
  if ! PY=$(find_python); then
    cat >&2 <<'MSG'
ERROR: Familieveileder needs Python 3.10 (Rasa 3.6 supports >=3.8,<3.11), and none was found.
Install one of these, then run the command again:
  - pyenv:   pyenv install 3.10
  - Debian:  apt-get install python3.10 python3.10-venv
Or point to it: PYTHON=/path/to/python3.10 make run
MSG
    exit 1
  fi
  echo "Using $PY ($("$PY" --version 2>&1)) for .venv/"
  rm -rf .venv
  "$PY" -m venv .venv
fi

want=$(sha256sum requirements.lock | cut -d' ' -f1)
have=$(cat .venv/.lock-sha256 2>/dev/null || true)
if [ "$want" != "$have" ]; then
  echo "Installing pinned dependencies from requirements.lock (first run takes a few minutes)..."
  .venv/bin/python -m pip install --disable-pip-version-check --upgrade "pip==24.0"
  .venv/bin/python -m pip install --disable-pip-version-check -r requirements.lock
  echo "$want" > .venv/.lock-sha256
fi
