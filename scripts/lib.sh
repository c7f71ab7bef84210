# Shared by scripts/run and scripts/test: system packages, the virtualenv, and stopping what we start.
# shellcheck shell=bash

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
VENV="$ROOT/.venv"
PY="$VENV/bin/python"

say() { printf '\033[1m==> %s\033[0m\n' "$*"; }

# Install the Debian packages named, skipping those already installed.
apt_ensure() {
  local missing=()
  for package in "$@"; do
    dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed" \
      || missing+=("$package")
  done
  [ ${#missing[@]} -eq 0 ] && return 0
  say "Installing system packages: ${missing[*]}"
  local sudo=""
  [ "$(id -u)" -eq 0 ] || sudo="sudo"
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}"
}

# Packages the app itself needs to run (Python, and WeasyPrint's Pango/HarfBuzz for PDFs).
RUN_PACKAGES=(python3 python3-venv python3-dev libpango-1.0-0 libpangoft2-1.0-0
  libharfbuzz-subset0 fonts-liberation chromium)  # chromium: kaleido draws charts for PDFs

# Create the virtualenv and install the project; reinstall only when pyproject.toml changes.
venv_ensure() {
  local extras="$1" stamp="$VENV/.installed-$1"
  local wanted
  wanted="$(sha256sum "$ROOT/pyproject.toml" | cut -d' ' -f1)"
  if [ ! -x "$PY" ]; then
    say "Creating the virtualenv in .venv"
    python3 -m venv "$VENV"
  fi
  if [ ! -f "$stamp" ] || [ "$(cat "$stamp")" != "$wanted" ]; then
    say "Installing Python packages ($extras)"
    "$PY" -m pip install -q --upgrade pip
    if [ "$extras" = "run" ]; then
      "$PY" -m pip install -q -e "$ROOT"
    else
      "$PY" -m pip install -q -e "$ROOT[$extras]"
    fi
    echo "$wanted" > "$stamp"
  fi
}

# Background processes started by a script; all are stopped when it exits.
CHILD_PIDS=()
stop_children() {
  for pid in "${CHILD_PIDS[@]}"; do
    kill "$pid" 2>/dev/null || true
  done
  for pid in "${CHILD_PIDS[@]}"; do
    wait "$pid" 2>/dev/null || true
  done
}

# A free TCP port on 127.0.0.1.
free_port() {
  "$PY" -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()'
}

# PostgreSQL refuses to run as root; run its commands as the postgres user when we are root.
as_pg() {
  if [ "$(id -u)" -eq 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}

# Start a throwaway PostgreSQL cluster on 127.0.0.1 under $1; sets PGDATA, PGPORT, PGBIN and
# exports DATABASE_URL (database "shp", user "shp"). stop_postgres stops it.
start_postgres() {
  local work="$1"
  PGBIN="$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -n 1)"
  PGDATA="$work/pg/data"
  PGPORT="$(free_port)"
  say "Starting PostgreSQL $("$PGBIN/postgres" --version | awk '{print $3}') on 127.0.0.1:$PGPORT"
  mkdir -p "$work/pg"
  [ "$(id -u)" -eq 0 ] && chown postgres "$work/pg"
  as_pg "$PGBIN/initdb" -D "$PGDATA" -U shp --auth=trust -E UTF8 --locale=C.UTF-8 >"$work/initdb.log"
  as_pg "$PGBIN/pg_ctl" -D "$PGDATA" -l "$work/pg/server.log" -w start -o \
    "-c listen_addresses=127.0.0.1 -p $PGPORT -k $work/pg -c fsync=off -c synchronous_commit=off -c full_page_writes=off" >/dev/null
  as_pg "$PGBIN/createdb" -h 127.0.0.1 -p "$PGPORT" -U shp shp
  export DATABASE_URL="postgres://shp@127.0.0.1:$PGPORT/shp"
}

stop_postgres() {
  if [ -n "${PGDATA:-}" ] && [ -f "$PGDATA/postmaster.pid" ]; then
    as_pg "$PGBIN/pg_ctl" -D "$PGDATA" -m fast -w stop >/dev/null 2>&1 || true
  fi
}

# Start a Redis server on 127.0.0.1 under $1; exports CELERY_BROKER_URL, and SHP_REDIS_DIR and
# SHP_REDIS_ARGS so that the fault tests can stop it and start it again on the same port.
# stop_redis stops whichever server then holds the port.
start_redis() {
  local work="$1"
  REDIS_PORT="$(free_port)"
  say "Starting Redis $(redis-server --version | awk '{print $3}') on 127.0.0.1:$REDIS_PORT"
  mkdir -p "$work/redis"
  export SHP_REDIS_DIR="$work/redis"
  export SHP_REDIS_ARGS="--bind 127.0.0.1 --port $REDIS_PORT --save '' --appendonly no"
  eval redis-server "$SHP_REDIS_ARGS" --daemonize yes --dir "$work/redis" \
    --pidfile "$work/redis/redis.pid" --logfile "$work/redis.log"
  for _ in $(seq 50); do
    redis-cli -p "$REDIS_PORT" ping >/dev/null 2>&1 && break
    sleep 0.1
  done
  redis-cli -p "$REDIS_PORT" ping >/dev/null
  export CELERY_BROKER_URL="redis://127.0.0.1:$REDIS_PORT/0"
}

stop_redis() {
  if [ -n "${REDIS_PORT:-}" ]; then
    redis-cli -p "$REDIS_PORT" shutdown nosave >/dev/null 2>&1 || true
  fi
}

# Where the fault tests find the PostgreSQL cluster to restart (tests/servers.py).
export_postgres_control() {
  export SHP_PG_CTL="$PGBIN/pg_ctl" SHP_PGDATA="$PGDATA"
}
