#!/usr/bin/env bash
# Install what the tests need into .venv (and Debian's chromium and nginx when
# missing, and axe-core from npm), then run ruff and the whole pytest suite.
# Extra arguments go to pytest.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/venv.sh
ensure_venv test

# Debian's chromium (browser tests), nginx (tests/deploy: run-app.sh --workers N) and
# npm (axe-core for the accessibility tests).
missing=()
[ -x /usr/bin/chromium ] || missing+=(chromium)
command -v nginx >/dev/null || [ -x /usr/sbin/nginx ] || missing+=(nginx)
command -v npm >/dev/null || missing+=(npm)  # installs axe-core (and brings Node.js)
if [ ${#missing[@]} -gt 0 ]; then
  if [ "$(id -u)" = 0 ]; then
    echo "Installing Debian's ${missing[*]} for the tests ..."
    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null
  elif command -v sudo >/dev/null; then
    sudo apt-get update -qq && sudo DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null
  else
    echo "${missing[*]} missing and cannot be installed here (not root, no sudo)." >&2
  fi
fi

# axe-core for the accessibility tests (tests/browser): `npm ci` when node_modules
# lacks the version package-lock.json pins. CI must have npm; elsewhere those tests skip.
ci=$(printf '%s' "${CI:-}" | tr '[:upper:]' '[:lower:]')
if command -v npm >/dev/null && command -v node >/dev/null; then
  wanted=$(node -p "require('./package-lock.json').packages['node_modules/axe-core'].version")
  have=$(node -p "require('./node_modules/axe-core/package.json').version" 2>/dev/null || echo none)
  if [ "$have" != "$wanted" ] || [ ! -f node_modules/axe-core/axe.min.js ]; then
    echo "Installing axe-core $wanted from package-lock.json (npm ci) ..."
    npm ci --no-audit --no-fund
  fi
elif [ -n "$ci" ] && [ "$ci" != 0 ] && [ "$ci" != false ] && [ "$ci" != no ]; then
  echo "npm (Node.js) is missing: CI needs it to install axe-core for the browser tests." >&2
  exit 1
else
  echo "npm (Node.js) is missing: the axe-core accessibility tests will be skipped." >&2
fi

.venv/bin/ruff check .
.venv/bin/ruff format --check .
set +e
.venv/bin/python -m pytest "$@"
status=$?
set -e
if [ "$status" -eq 5 ]; then
  echo "pytest collected no tests: failing." >&2
  exit 1
fi
exit "$status"
