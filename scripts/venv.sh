# Sourced by run-app.sh and run-tests.sh: create .venv with Python 3.11 (or
# python3) and install this project into it with the extras given as "$1".
ensure_venv() {
  local extras="${1:-}"
  local python=${PYTHON:-python3.11}
  command -v "$python" >/dev/null || python=python3
  [ -x .venv/bin/python ] || "$python" -m venv .venv
  .venv/bin/python -m pip install --quiet --upgrade pip
  .venv/bin/python -m pip install --quiet -e ".${extras}"
}
