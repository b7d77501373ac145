#!/usr/bin/env bash
# Install what the app needs into .venv and start it on http://localhost:8501.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/venv.sh
ensure_venv
exec .venv/bin/python -m streamlit run app.py --server.port 8501 "$@"
