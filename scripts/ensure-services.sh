#!/usr/bin/env bash
# Makes sure PostgreSQL and Redis answer, starting the machine's own ones when they are local and stopped.
# Idempotent: prints nothing and does nothing when both already answer.
#
#   bash scripts/ensure-services.sh                 # PostgreSQL + Redis
#   bash scripts/ensure-services.sh createdb URL    # create the database named in URL unless it exists
#   bash scripts/ensure-services.sh dropdb URL      # drop it (connections are closed first)
#
# Hosts come from DATABASE_URL / REDIS_URL when set, else 127.0.0.1:5432 and 127.0.0.1:6379.
# createdb/dropdb use the project's `pg` package (no psql needed), so run them after `npm ci`.
set -euo pipefail

log() { echo "ensure-services: $*" >&2; }

# URL parts without a URL parser: scheme://[user[:pass]@]host[:port][/path][?query]
url_host() { local r=${1#*://}; r=${r%%/*}; r=${r%%\?*}; r=${r##*@}; echo "${r%%:*}"; }
url_port() {
  local r=${1#*://}; r=${r%%/*}; r=${r%%\?*}; r=${r##*@}
  if [[ $r == *:* ]]; then echo "${r##*:}"; else echo "$2"; fi
}
is_local() { [[ $1 == 127.0.0.1 || $1 == localhost || $1 == ::1 ]]; }

tcp_open() { (exec 3<>"/dev/tcp/$1/$2") 2>/dev/null; }

pg_up() {
  if command -v pg_isready >/dev/null 2>&1; then pg_isready -q -h "$1" -p "$2" -t 2; else tcp_open "$1" "$2"; fi
}
redis_up() {
  if command -v redis-cli >/dev/null 2>&1; then
    [[ $(redis-cli -h "$1" -p "$2" ping 2>/dev/null) == PONG ]]
  else
    tcp_open "$1" "$2"
  fi
}

wait_for() { # name check-fn host port
  local i
  for i in $(seq 1 60); do
    "$2" "$3" "$4" && return 0
    sleep 0.5
  done
  log "$1 at $3:$4 did not become ready within 30 s"
  return 1
}

ensure_postgres() {
  local url=${DATABASE_URL:-postgresql://postgres@127.0.0.1:5432/postgres}
  local host port; host=$(url_host "$url"); port=$(url_port "$url" 5432)
  pg_up "$host" "$port" && return 0
  if ! is_local "$host" || ! command -v pg_ctlcluster >/dev/null 2>&1 || [[ ! -d /etc/postgresql ]]; then
    log "PostgreSQL at $host:$port does not answer and cannot be started from here"
    return 1
  fi
  local version; version=$(ls /etc/postgresql | sort -V | tail -n 1)
  log "starting PostgreSQL $version"
  pg_ctlcluster --skip-systemctl-redirect "$version" main start || true # "already running" is fine
  wait_for PostgreSQL pg_up "$host" "$port"
}

ensure_redis() {
  local url=${REDIS_URL:-redis://127.0.0.1:6379}
  local host port; host=$(url_host "$url"); port=$(url_port "$url" 6379)
  redis_up "$host" "$port" && return 0
  if ! is_local "$host" || ! command -v redis-server >/dev/null 2>&1; then
    log "Redis at $host:$port does not answer and cannot be started from here"
    return 1
  fi
  log "starting Redis on port $port"
  redis-server --daemonize yes --bind 127.0.0.1 --port "$port" --save "" --appendonly no >/dev/null
  wait_for Redis redis_up "$host" "$port"
}

# createdb/dropdb: connect to the server's `postgres` database with the same credentials.
db_admin() { # create|drop URL
  cd "$(dirname "$0")/.."
  ACTION=$1 TARGET_URL=$2 node -e '
    const pg = require("pg")
    const target = new URL(process.env.TARGET_URL)
    const name = decodeURIComponent(target.pathname.slice(1))
    if (!/^[A-Za-z0-9_]+$/.test(name)) throw new Error(`unexpected database name: ${name}`)
    const admin = new URL(target.href); admin.pathname = "/postgres"; admin.search = ""
    const client = new pg.Client({ connectionString: admin.href })
    ;(async () => {
      await client.connect()
      if (process.env.ACTION === "create") {
        const { rowCount } = await client.query("SELECT 1 FROM pg_database WHERE datname = $1", [name])
        if (!rowCount) { await client.query(`CREATE DATABASE "${name}"`); console.error(`created database ${name}`) }
      } else {
        await client.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`)
      }
      await client.end()
    })().catch((e) => { console.error(`ensure-services: ${process.env.ACTION} ${name}: ${e.message}`); process.exit(1) })
  '
}

case "${1:-services}" in
  services) ensure_postgres; ensure_redis ;;
  createdb) db_admin create "${2:?database URL}" ;;
  dropdb) db_admin drop "${2:?database URL}" ;;
  *) echo "usage: $0 [services | createdb URL | dropdb URL]" >&2; exit 2 ;;
esac
