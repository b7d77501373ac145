#!/usr/bin/env bash
# Print the nginx configuration for N Streamlit workers, from nginx.conf.template
# next to this script:
#
#   bash deploy/render-nginx-conf.sh RUN_DIR LISTEN WORKER_PORT [WORKER_PORT ...]
#
#   RUN_DIR      absolute path of the directory nginx runs in (nginx -p RUN_DIR):
#                pid file, request buffers, static-asset cache
#   LISTEN       what nginx listens on: PORT, ADDRESS:PORT or [IPV6]:PORT
#   WORKER_PORT  the port of each worker on 127.0.0.1
#
# Started as root, nginx's own worker processes run as "nobody nogroup"
# (NGINX_USER overrides it, e.g. "www-data"; empty: no user directive).
# Used by scripts/run-app.sh and by tests/deploy.
set -euo pipefail

if [ $# -lt 3 ]; then
  sed -n '2,/^set -euo/{/^set -euo/d;s/^# \{0,1\}//;p}' "$0" >&2
  exit 2
fi
run_dir=$1
listen=$2
shift 2

if [[ $run_dir != /* || $run_dir == *[[:space:]\;\{\}\#]* ]]; then
  echo "render-nginx-conf.sh: RUN_DIR must be an absolute path without spaces, not '$run_dir'" >&2
  exit 2
fi
if ! [[ $listen =~ ^(\[[0-9A-Fa-f:.]+\]:|[A-Za-z0-9.-]+:)?[0-9]{1,5}$ ]]; then
  echo "render-nginx-conf.sh: LISTEN must be PORT, ADDRESS:PORT or [IPV6]:PORT, not '$listen'" >&2
  exit 2
fi

servers=""
for port in "$@"; do
  if ! [[ $port =~ ^[1-9][0-9]{0,4}$ ]] || [ "$port" -gt 65535 ]; then
    echo "render-nginx-conf.sh: '$port' is not a port number" >&2
    exit 2
  fi
  [ -n "$servers" ] && servers+=$'\n'
  servers+="        server 127.0.0.1:$port;"
done

if [ "$(id -u)" = 0 ]; then
  user=${NGINX_USER-nobody nogroup}
else
  user=${NGINX_USER-}
fi
user_directive=""
[ -n "$user" ] && user_directive="user $user;"

conf=$(<"$(dirname "$0")/nginx.conf.template")
conf=${conf//@@USER_DIRECTIVE@@/$user_directive}
conf=${conf//@@RUN_DIR@@/$run_dir}
conf=${conf//@@LISTEN@@/$listen}
conf=${conf//@@UPSTREAM_SERVERS@@/$servers}
printf '%s\n' "$conf"
