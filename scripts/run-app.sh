#!/usr/bin/env bash
# Install what the app needs into .venv and start it on http://localhost:8501.
#
#   bash scripts/run-app.sh                        one Streamlit process on port 8501
#   bash scripts/run-app.sh --workers 2 --port 80  a classroom: 2 Streamlit processes
#                                                  behind nginx on port 80
#
# Options (anything else goes to every `streamlit run`):
#   --workers N     Streamlit processes ("workers"); default 1. With N >= 2 they
#                   listen on 127.0.0.1:P+1 ... P+N behind nginx on port P, with
#                   sticky sessions (a cookie), websocket upgrade and gzip
#                   (deploy/nginx.conf.template). nginx comes from Debian; run as
#                   root, the script installs it with apt-get when it is missing.
#   --port P        the port to open in the browser; default 8501.
#   --address A     listen on address A only (e.g. 127.0.0.1); default: every
#                   interface, as Streamlit does.
#   --nginx         put nginx in front even of a single worker (gzip, asset cache).
#   --no-install    do not install anything (the Docker image has it all).
#
# With nginx, Ctrl-C or SIGTERM stops every process the script started (the
# workers and nginx) and removes its temporary directory; if one of them stops
# on its own, the script stops the others and exits with status 1.
set -euo pipefail
cd "$(dirname "$0")/.."

PY=${APP_PYTHON:-.venv/bin/python}
STARTUP_TIMEOUT=${STARTUP_TIMEOUT:-90}  # seconds for every worker to answer its health check
STOP_TIMEOUT=${STOP_TIMEOUT:-10}        # seconds between SIGTERM and SIGKILL on the way out

die() {
  echo "run-app.sh: $*" >&2
  exit 2
}

need_value() {
  if [ $# -lt 2 ] || [ -z "$2" ]; then
    die "$1 needs a value (see the top of scripts/run-app.sh)"
  fi
}

workers=1
port=8501
address=""
install=1
force_nginx=0
extra=()
while [ $# -gt 0 ]; do
  case $1 in
    --workers) need_value "$@"; workers=$2; shift 2 ;;
    --workers=*) workers=${1#*=}; shift ;;
    --port) need_value "$@"; port=$2; shift 2 ;;
    --port=*) port=${1#*=}; shift ;;
    --address) need_value "$@"; address=$2; shift 2 ;;
    --address=*) address=${1#*=}; shift ;;
    --nginx) force_nginx=1; shift ;;
    --no-install) install=0; shift ;;
    -h | --help) sed -n '2,/^set -euo/{/^set -euo/d;s/^# \{0,1\}//;p}' "$0"; exit 0 ;;
    --) shift; extra+=("$@"); break ;;
    *) extra+=("$1"); shift ;;
  esac
done

[[ $workers =~ ^[1-9][0-9]{0,1}$ ]] || die "--workers must be a whole number from 1 to 99, not '$workers'"
if ! [[ $port =~ ^[1-9][0-9]{0,4}$ ]] || [ "$port" -gt $((65535 - workers)) ]; then
  die "--port must be a port number from 1 to $((65535 - workers)), not '$port'"
fi
[[ -z $address || $address =~ ^[A-Za-z0-9.:_-]+$ ]] || die "--address '$address' is not an address"

if [ "$install" = 1 ]; then
  # shellcheck source=scripts/venv.sh
  source scripts/venv.sh
  ensure_venv app
fi
[ -x "$PY" ] || die "$PY is missing: run without --no-install first (or set APP_PYTHON)"

# No file watcher: users do not edit the code, and a reload under a running
# session would invalidate cached results (developers: run streamlit directly).
# The other settings are in .streamlit/config.toml; arguments after these can
# override them.
streamlit_settings=(--server.fileWatcherType none)
if [ "$workers" = 1 ] && [ "$force_nginx" = 0 ]; then
  exec "$PY" -m streamlit run app.py --server.port "$port" ${address:+--server.address "$address"} \
    "${streamlit_settings[@]}" "${extra[@]}"
fi

# ---------------------------------------------------------------- N workers + nginx

find_nginx() {
  command -v nginx 2>/dev/null || { [ -x /usr/sbin/nginx ] && echo /usr/sbin/nginx; } || true
}
NGINX=${NGINX:-$(find_nginx)}
if [ -z "$NGINX" ]; then
  [ "$install" = 1 ] || die "nginx is missing (install Debian's nginx: apt-get install nginx)"
  echo "Installing Debian's nginx for --workers $workers ..."
  if [ "$(id -u)" = 0 ]; then
    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq nginx >/dev/null
  elif command -v sudo >/dev/null; then
    sudo apt-get update -qq && sudo DEBIAN_FRONTEND=noninteractive apt-get install -y -qq nginx >/dev/null
  else
    die "nginx is missing and cannot be installed here (not root, no sudo): apt-get install nginx"
  fi
  NGINX=$(find_nginx)
  [ -n "$NGINX" ] || die "nginx is still missing after apt-get install nginx"
fi

# All N+1 ports free? (Say so now rather than after the workers have started.)
"$PY" - "${address:-0.0.0.0}" "$port" "$workers" <<'PYEOF' || exit 2
import socket, sys

address, port, workers = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
for host, p in [(address, port)] + [("127.0.0.1", port + i) for i in range(1, workers + 1)]:
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    with socket.socket(family, socket.SOCK_STREAM) as sock:
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            sock.bind((host, p))
        except OSError as exc:
            sys.exit(f"run-app.sh: port {p} on {host} is not free ({exc.strerror}); choose --port")
PYEOF

run_dir=$(mktemp -d "${TMPDIR:-/tmp}/microneedling-app.XXXXXX")
# nginx's worker processes (user nobody when started as root) must reach their
# buffer and cache directories in here; nothing in it is secret.
chmod 755 "$run_dir"
children=()
stopping=0

# The functions below run from traps and process substitutions (SC2317).

# Every process below process $1 (found through /proc), one per line.
# shellcheck disable=SC2317
descendants() {
  local child
  # shellcheck disable=SC2013  # the file holds numbers separated by spaces
  for child in $(cat /proc/"$1"/task/*/children 2>/dev/null); do
    echo "$child"
    descendants "$child"
  done
}

# shellcheck disable=SC2317
stop_all() {
  [ "$stopping" = 1 ] && return
  stopping=1
  trap '' INT TERM HUP
  local all=() below=() pid i
  for pid in "${children[@]}"; do
    mapfile -t below < <(descendants "$pid")
    all+=("$pid" "${below[@]}")
  done
  if [ ${#all[@]} -gt 0 ]; then
    kill -TERM "${children[@]}" 2>/dev/null || true
    for ((i = 0; i < STOP_TIMEOUT * 10; i++)); do
      kill -0 "${all[@]}" 2>/dev/null || break
      sleep 0.1
    done
    kill -KILL "${all[@]}" 2>/dev/null || true
  fi
  wait 2>/dev/null || true
  rm -rf "$run_dir"
}
trap 'stop_all; exit 130' INT
trap 'stop_all; exit 143' TERM
trap 'stop_all; exit 129' HUP
trap 'stop_all' EXIT

# Each line a worker prints, prefixed with its name. The filter ignores Ctrl-C
# (it ends when its worker does), so a worker can still report its shutdown.
# shellcheck disable=SC2317
prefix() {
  trap '' INT
  exec sed -u "s/^/[$1] /"
}

# One cookie secret for all workers (signed cookies, XSRF): a browser that moves
# to another worker, or another machine, keeps valid cookies.
if [ -z "${STREAMLIT_SERVER_COOKIE_SECRET:-}" ]; then
  STREAMLIT_SERVER_COOKIE_SECRET=$("$PY" -c 'import secrets; print(secrets.token_hex(32))')
fi
export STREAMLIT_SERVER_COOKIE_SECRET

worker_ports=()
for ((i = 1; i <= workers; i++)); do
  wport=$((port + i))
  worker_ports+=("$wport")
  "$PY" -m streamlit run app.py --server.port "$wport" --server.address 127.0.0.1 \
    --server.headless true "${streamlit_settings[@]}" "${extra[@]}" \
    > >(prefix "worker $i") 2>&1 </dev/null &
  children+=($!)
done

# Wait (interruptibly: a background job and `wait`) until every worker answers.
"$PY" - "$STARTUP_TIMEOUT" "${worker_ports[*]}" "${children[*]}" <<'PYEOF' &
import os, sys, time, urllib.request

timeout, ports, pids = float(sys.argv[1]), sys.argv[2].split(), [int(p) for p in sys.argv[3].split()]


def listening(port):
    # Ask only a listening port: connecting to a closed port in the ephemeral
    # range can connect the socket to itself and take the worker's port.
    try:
        with open("/proc/net/tcp") as table:
            rows = [line.split() for line in table.readlines()[1:]]
    except OSError:
        return True
    return any(r[1] == f"0100007F:{int(port):04X}" and r[3] == "0A" for r in rows)


waiting = set(ports)
deadline = time.monotonic() + timeout
while waiting and time.monotonic() < deadline:
    for port, pid in zip(ports, pids):
        if port not in waiting:
            continue
        try:
            os.kill(pid, 0)
        except ProcessLookupError:
            sys.exit(f"run-app.sh: the worker on port {port} stopped (is the port taken?)")
        if not listening(port):
            continue
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{port}/_stcore/health", timeout=2) as r:
                if r.status == 200:
                    waiting.discard(port)
        except Exception:
            pass
    time.sleep(0.2)
if waiting:
    sys.exit(f"run-app.sh: no answer from the workers on ports {sorted(waiting)} in {timeout:g} s")
PYEOF
health_pid=$!
children+=("$health_pid")
if ! wait "$health_pid"; then
  exit 1
fi
unset 'children[-1]'

# The nginx configuration, from deploy/nginx.conf.template, into the temporary directory.
listen_on=$port
if [[ $address == *:* ]]; then
  listen_on="[$address]:$port"
elif [ -n "$address" ]; then
  listen_on="$address:$port"
fi
bash deploy/render-nginx-conf.sh "$run_dir" "$listen_on" "${worker_ports[@]}" >"$run_dir/nginx.conf"
if ! "$NGINX" -t -q -p "$run_dir" -c "$run_dir/nginx.conf"; then
  echo "run-app.sh: nginx rejected $run_dir/nginx.conf (shown above)" >&2
  exit 1
fi

"$NGINX" -p "$run_dir" -c "$run_dir/nginx.conf" > >(prefix nginx) 2>&1 </dev/null &
children+=($!)

shown=${address:-localhost}
[ "$shown" = 0.0.0.0 ] && shown=localhost
ports="${worker_ports[0]}-${worker_ports[-1]}"
echo "Open http://$shown:$port  (nginx in front of $workers Streamlit worker(s) on" \
  "127.0.0.1:$ports, sticky sessions, gzip; Ctrl-C stops them all)"

# Until a signal (the traps above) or until one of the processes stops on its own.
set +e
wait -n "${children[@]}"
status=$?
set -e
echo "run-app.sh: a worker or nginx stopped (status $status); stopping the others." >&2
exit 1
