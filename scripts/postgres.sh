#!/usr/bin/env bash
# Starts a throwaway PostgreSQL on 127.0.0.1 for the tests (installing Debian's
# package if it is missing) and prints its admin URL. Idempotent: a server already
# running on the port is reused. Usage: url=$(bash scripts/postgres.sh)
set -euo pipefail
port=${LIFENAV_PG_PORT:-55432}
data=${LIFENAV_PG_DATA:-/tmp/lifenav-pg-${port}}

pg_bin() {
  local dir
  dir=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)
  [ -n "${dir}" ] && [ -x "${dir}/initdb" ] && echo "${dir}"
}

if ! bin=$(pg_bin); then
  echo "installing PostgreSQL from Debian's packages" >&2
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq >&2
  apt-get install -y -qq postgresql >&2
  bin=$(pg_bin)
fi

# PostgreSQL refuses to run as root: run it as the `postgres` user the package creates.
as_pg() {
  if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}

if ! as_pg "${bin}/pg_isready" -q -h 127.0.0.1 -p "${port}" 2>/dev/null; then
  if [ ! -f "${data}/PG_VERSION" ]; then
    mkdir -p "${data}"
    [ "$(id -u)" = 0 ] && chown postgres:postgres "${data}"
    as_pg "${bin}/initdb" -D "${data}" -U postgres --auth=trust -E UTF8 --locale=C.UTF-8 >/dev/null
  fi
  as_pg "${bin}/pg_ctl" -D "${data}" -l "${data}/server.log" -w -t 60 \
    -o "-h 127.0.0.1 -p ${port} -k ${data} -c fsync=on -c max_connections=200" start >/dev/null
fi
echo "postgres://postgres@127.0.0.1:${port}/postgres"
