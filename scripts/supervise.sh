#!/usr/bin/env bash
# supervise.sh CMD...: run CMD and start it again 1 s after it stops (as systemd's Restart=always
# does in deploy/systemd/). Used by the production profile for the replicas; stop it with SIGTERM.
trap 'kill -TERM "$child" 2>/dev/null; wait "$child" 2>/dev/null; exit 0' TERM INT
while :; do
  "$@" &
  child=$!
  wait "$child"
  echo "supervise: '$1' stopped (exit $?); starting it again in 1 s" >&2
  sleep 1
done
