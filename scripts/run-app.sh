#!/usr/bin/env bash
# Install what the app needs into .venv and start it on http://localhost:8501.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/venv.sh
ensure_venv
# No file watcher: users do not edit the code, and a reload under a running
# session would invalidate cached results (developers: run streamlit directly).
exec .venv/bin/python -m streamlit run app.py --server.port 8501 --server.fileWatcherType none "$@"
