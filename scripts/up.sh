#!/usr/bin/env bash
# `npm run up`: from a fresh clone to a running app. Installs dependencies, writes .env from .env.example (fresh secrets),
# creates and migrates the database, seeds it (demo data unless SEED_DEMO=0), builds, then runs the web
# server and the worker in the foreground until Ctrl-C. Logs: .run/web.log and .run/worker.log
# (FOLLOW_LOGS=1 also prints them here). FORCE_BUILD=1 rebuilds even when the build looks current.
set -euo pipefail
cd "$(dirname "$0")/.."
mkdir -p .run

step() { printf '\n==> %s\n' "$*"; }
die() { printf 'up: %s\n' "$*" >&2; exit 1; }

# --- dependencies ------------------------------------------------------------------------------------
if [[ ! -d node_modules || package-lock.json -nt node_modules/.package-lock.json ]]; then
  step "npm ci"
  npm ci --no-audit --no-fund
fi

# --- configuration -----------------------------------------------------------------------------------
step "configuration (.env)"
bash scripts/write-env.sh
# Export .env for every child; variables already set in the environment win (as with dotenv).
while IFS= read -r line || [[ -n $line ]]; do
  [[ $line =~ ^[[:space:]]*([A-Za-z_][A-Za-z0-9_]*)=(.*)$ ]] || continue
  key=${BASH_REMATCH[1]} value=${BASH_REMATCH[2]}
  [[ -n ${!key+set} ]] && continue
  [[ $value =~ ^\"(.*)\"$ || $value =~ ^\'(.*)\'$ ]] && value=${BASH_REMATCH[1]}
  export "$key=$value"
done <.env
: "${DATABASE_URL:?DATABASE_URL is not set (see .env.example)}"
export PORT=${PORT:-3000}
export AUTH_URL=${AUTH_URL:-http://localhost:$PORT}
export NEXT_TELEMETRY_DISABLED=1

port_taken() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }
port_taken "$PORT" && die "port $PORT is already in use (set PORT=... to use another one)"

# --- services and database ---------------------------------------------------------------------------
step "PostgreSQL and Redis"
bash scripts/ensure-services.sh ||
  die "PostgreSQL and Redis must be running (see .env.example), or use: docker compose up"
bash scripts/ensure-services.sh createdb "$DATABASE_URL"

step "prisma generate"
npx prisma generate
step "prisma migrate deploy"
npx prisma migrate deploy
if [[ ${SEED_DEMO:-1} == 1 ]]; then
  step "seed (catalog, prices, demo data)"
  npx tsx prisma/seed.ts --demo
else
  step "seed (catalog, prices)"
  npx tsx prisma/seed.ts
fi

# --- build -------------------------------------------------------------------------------------------
# Rebuild when any project file is newer than the last build (files builds rewrite themselves aside).
build_id=${NEXT_DIST_DIR:-.next}/BUILD_ID
stale_file() {
  find . \( -path ./node_modules -o -path './.next*' -o -path ./.git -o -path ./.run -o -path ./test-results \
    -o -path ./playwright-report \) -prune -o -type f ! -name next-env.d.ts ! -name '*.tsbuildinfo' \
    -newer "$build_id" -print -quit
}
if [[ ${FORCE_BUILD:-0} == 1 || ! -f $build_id || -n $(stale_file) ]]; then
  step "next build"
  npx next build
else
  step "next build: up to date (FORCE_BUILD=1 to rebuild)"
fi

# --- run ---------------------------------------------------------------------------------------------
web_pid='' worker_pid='' tail_pid=''
stop() {
  trap - INT TERM EXIT
  printf '\nstopping…\n'
  # Each started process leads its own process group (set -m), so the group takes its children along.
  for pid in $tail_pid $worker_pid $web_pid; do kill -TERM -- "-$pid" 2>/dev/null || true; done
  for _ in $(seq 1 20); do
    kill -0 $worker_pid $web_pid 2>/dev/null || break
    sleep 0.5
  done
  for pid in $worker_pid $web_pid; do kill -KILL -- "-$pid" 2>/dev/null || true; done
}
trap 'stop; exit 130' INT TERM
trap stop EXIT

step "starting web (port $PORT) and worker"
set -m
node node_modules/next/dist/bin/next start -p "$PORT" >.run/web.log 2>&1 &
web_pid=$!
npx tsx workers/index.ts >.run/worker.log 2>&1 &
worker_pid=$!
set +m

answers() { # URL → 0 when it returns a 2xx/3xx
  if command -v curl >/dev/null 2>&1; then
    curl -fsS -o /dev/null "$1" 2>/dev/null
  else
    node -e 'fetch(process.argv[1], { redirect: "manual" }).then((r) => process.exit(r.status < 400 ? 0 : 1), () => process.exit(1))' "$1"
  fi
}
url=http://localhost:$PORT
for i in $(seq 1 120); do
  answers "$url/login" && break
  if ! kill -0 "$web_pid" 2>/dev/null; then tail -n 30 .run/web.log >&2; die "the web server exited"; fi
  if ! kill -0 "$worker_pid" 2>/dev/null; then tail -n 30 .run/worker.log >&2; die "the worker exited"; fi
  ((i == 120)) && { tail -n 30 .run/web.log >&2; die "$url/login did not answer within 60 s"; }
  sleep 0.5
done

cat <<EOF

ModelLedger is running: $url
EOF
if [[ ${SEED_DEMO:-1} == 1 ]]; then
  cat <<'EOF'

Demo logins:
  admin     admin@modelledger.dev     / demo-admin-pass
  finance   finance@modelledger.dev   / demo-finance-pass
  team lead lead@modelledger.dev      / demo-lead-pass      (team: search)
  engineer  engineer@modelledger.dev  / demo-engineer-pass  (team: search)
EOF
fi
cat <<EOF

Logs: .run/web.log, .run/worker.log. Ctrl-C stops both.
EOF

if [[ ${FOLLOW_LOGS:-0} == 1 ]]; then
  set -m
  tail -n 0 -F .run/web.log .run/worker.log &
  tail_pid=$!
  set +m
fi

# Stay in the foreground; if either process dies, stop the other and say which.
wait -n "$web_pid" "$worker_pid" || true
if kill -0 "$web_pid" 2>/dev/null; then
  tail -n 30 .run/worker.log >&2
  die "the worker exited (log above: .run/worker.log)"
fi
tail -n 30 .run/web.log >&2
die "the web server exited (log above: .run/web.log)"
