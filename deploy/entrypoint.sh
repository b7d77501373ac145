#!/usr/bin/env bash
# Entrypoint of the Docker image (deploy/Dockerfile): the same N workers + nginx
# as `bash scripts/run-app.sh --workers N`, without installing anything.
#
#   WORKERS   Streamlit processes behind nginx (default 2; about one per CPU core)
#   PORT      the port nginx listens on inside the container (default 8501)
#   ADDRESS   the address it listens on (default 0.0.0.0: reachable from outside)
#   STREAMLIT_SERVER_COOKIE_SECRET  set the same value on every replica behind a
#             load balancer (default: a new random secret at every start)
#
# Extra arguments go to every `streamlit run` (e.g. --server.maxUploadSize 50).
# nginx runs even for WORKERS=1 (gzip, static-asset cache). SIGTERM (docker
# stop) stops nginx and every worker; the container exits when they are gone.
set -euo pipefail
cd "$(dirname "$0")/.."

workers=${WORKERS:-2}
port=${PORT:-8501}
address=${ADDRESS:-0.0.0.0}
exec bash scripts/run-app.sh --no-install --nginx --workers "$workers" --port "$port" \
  --address "$address" "$@"
