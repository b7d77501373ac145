# Sourced by run-app.sh and run-tests.sh: create .venv with Python 3.11 (or
# python3) and install exactly the versions pinned, with hashes, in
# requirements/$1.lock ("app" or "test"), then this project itself.
# Regenerate the locks after changing pyproject.toml's dependencies:
#   .venv/bin/pip install pip-tools
#   .venv/bin/pip-compile --generate-hashes --allow-unsafe --strip-extras \
#       --no-emit-index-url --no-emit-find-links [--extra test] \
#       -o requirements/{app,test}.lock pyproject.toml
ensure_venv() {
  local lock="requirements/${1:-app}.lock"
  local python=${PYTHON:-python3.11}
  command -v "$python" >/dev/null || python=python3
  [ -x .venv/bin/python ] || "$python" -m venv .venv
  .venv/bin/python -m pip install --quiet --upgrade pip
  .venv/bin/python -m pip install --quiet --require-hashes -r "$lock"
  .venv/bin/python -m pip install --quiet --no-deps -e .
}
