#!/usr/bin/env bash
# The whole test suite (`npm test`), or one part of it: bash scripts/test.sh [all|unit|integration|e2e|drills]
#
# Runs against a throwaway database (dropped at the end unless KEEP_TEST_DB=1): services → npm ci (only
# when node_modules is missing) → prisma generate → create database → migrate deploy → demo seed →
# the SDK's build (sdk/dist) → vitest (unit + the SDK's own tests + integration) → next build →
# Playwright e2e → fault drills (`npm run drills -- --quick`: their own PostgreSQL and Redis, the build
# just made). A failed phase does not stop the run; the phases that depend on it are reported as not run. The last line is the summary for the whole suite,
# "N passed, N failed[, N skipped]", and the exit code is non-zero when anything failed.
#
# Environment: TEST_DATABASE_SERVER (default postgresql://postgres@127.0.0.1:5432), TEST_REDIS_URL
# (default redis://127.0.0.1:6379), E2E_PORT (default 3200; another free port is picked when it is
# taken), E2E_OIDC_PORT (the e2e OpenID provider; default E2E_PORT + 1000, likewise), KEEP_TEST_DB=1,
# CHROMIUM_PATH (else /usr/bin/chromium, which SYSTEM_CHROMIUM_PATH moves, else Playwright's own
# download; with none the e2e phase is not run and counts as one failure). Each run has its own database
# name and BullMQ QUEUE_PREFIX; its Redis keys are deleted at the end.
set -uo pipefail
cd "$(dirname "$0")/.."

part=${1:-all}
case $part in
  all | unit | integration | e2e | drills) ;;
  *) echo "usage: bash scripts/test.sh [all|unit|integration|e2e|drills]" >&2; exit 2 ;;
esac
want() { [[ $part == all || " $* " == *" $part "* ]]; }

run_id=modelledger_test_$(date +%Y%m%d%H%M%S)_$RANDOM
# Reports of this run only (a second run in the same checkout must not overwrite them); a day's kept.
out=.run/test/$run_id
mkdir -p "$out"
find .run/test -mindepth 1 -maxdepth 1 -type d -mmin +1440 -exec rm -rf {} + 2>/dev/null
phases=$out/phases.tsv
: >"$phases"

# run_phase NAME KIND REPORT COMMAND...: runs it, records exit code and seconds for the summary.
run_phase() {
  local name=$1 kind=$2 report=$3 start=$SECONDS rc
  shift 3
  echo "==> $name"
  "$@"
  rc=$?
  printf '%s\t%s\t%s\t%s\t%s\t\n' "$name" "$rc" "$kind" "$report" "$((SECONDS - start))" >>"$phases"
  echo "==> $name: exit $rc, $((SECONDS - start))s"
  return "$rc"
}
not_run() { # NAME REASON
  printf '%s\t-\tnone\t\t\t%s\n' "$1" "$2" >>"$phases"
  echo "==> $1: not run ($2)"
}

# --- environment -------------------------------------------------------------------------------------
server=${TEST_DATABASE_SERVER:-postgresql://postgres@127.0.0.1:5432}
export TEST_DATABASE_URL=$server/$run_id
export DATABASE_URL=$TEST_DATABASE_URL
export REDIS_URL=${TEST_REDIS_URL:-redis://127.0.0.1:6379}
# Own BullMQ key namespace: neither a worker started by `npm run up` nor another test run takes these jobs.
export QUEUE_PREFIX=$run_id
export LOG_LEVEL=${LOG_LEVEL:-warn}
export NEXT_TELEMETRY_DISABLED=1
# Build into .next-test, so a test run never replaces the build a running `npm run up` serves — once
# tsconfig.json includes .next-test/types (else `next build` would rewrite tsconfig.json to add them).
if grep -q '"\.next-test/types/' tsconfig.json 2>/dev/null; then export NEXT_DIST_DIR=.next-test; fi

port_taken() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }
E2E_PORT=${E2E_PORT:-3200}
if want e2e && port_taken "$E2E_PORT"; then
  for p in $(seq 3201 3299); do port_taken "$p" || { E2E_PORT=$p; break; }; done
  echo "port 3200 is taken; e2e uses $E2E_PORT"
fi
export E2E_PORT
# The SSO spec's OpenID provider (e2e/oidc/serve-test-provider.ts); playwright.config.ts starts it here.
E2E_OIDC_PORT=${E2E_OIDC_PORT:-$((E2E_PORT + 1000))}
if want e2e && port_taken "$E2E_OIDC_PORT"; then
  for p in $(seq 4201 4299); do port_taken "$p" || { E2E_OIDC_PORT=$p; break; }; done
  echo "the OpenID provider's port is taken; e2e uses $E2E_OIDC_PORT"
fi
export E2E_OIDC_PORT
export AUTH_URL=http://localhost:$E2E_PORT
export PLAYWRIGHT_JSON_OUTPUT_FILE=$out/playwright.json

db_created=0
cleanup() {
  if command -v redis-cli >/dev/null 2>&1; then
    redis-cli -u "$REDIS_URL" --scan --pattern "$QUEUE_PREFIX:*" 2>/dev/null |
      xargs -r -n 500 redis-cli -u "$REDIS_URL" unlink >/dev/null 2>&1 || true
  fi
  if ((db_created)); then
    db_created=0
    if [[ ${KEEP_TEST_DB:-0} == 1 ]]; then
      echo "kept test database: $DATABASE_URL"
    else
      bash scripts/ensure-services.sh dropdb "$DATABASE_URL" >/dev/null 2>&1 || true
    fi
  fi
}
trap cleanup EXIT
trap 'cleanup; exit 130' INT TERM

# --- setup -------------------------------------------------------------------------------------------
deps_ok=1
if [[ ! -d node_modules ]]; then
  run_phase npm-ci none "" npm ci --no-audit --no-fund || deps_ok=0
fi
export AUTH_SECRET=${AUTH_SECRET:-$(node -e 'process.stdout.write(require("crypto").randomBytes(32).toString("hex"))')}
export WEBHOOK_SECRETS_KEY=${WEBHOOK_SECRETS_KEY:-$(node -e 'process.stdout.write(require("crypto").randomBytes(32).toString("hex"))')}

# The browser, found before anything is built: without one the e2e phase is reported as not run, once,
# with the line that says how to install one (scripts/find-chromium.ts).
no_chromium=""
if want e2e && ((deps_ok)); then
  if chromium=$(node_modules/.bin/tsx scripts/find-chromium.ts 2>&1); then
    export CHROMIUM_PATH=$chromium
  else
    no_chromium=${chromium##*$'\n'}
    echo "==> e2e will not run: $no_chromium"
  fi
fi

# Vitest's unit project may import the generated client's enums, so generate for every part.
generate_ok=0
if ((deps_ok)); then run_phase prisma-generate none "" npx prisma generate && generate_ok=1; else not_run prisma-generate "npm ci failed"; fi

db_ok=0
if want integration e2e; then
  if ! ((generate_ok)); then
    not_run database "prisma generate failed"
  elif run_phase services none "" bash scripts/ensure-services.sh &&
    run_phase create-database none "" bash scripts/ensure-services.sh createdb "$DATABASE_URL"; then
    db_created=1
    run_phase migrate none "" npx prisma migrate deploy &&
      run_phase seed none "" npx tsx prisma/seed.ts --demo &&
      db_ok=1
  fi
fi

# --- the TypeScript SDK (sdk/: its own package, built with its own tsconfig; its tests are vitest's
# "sdk" project, and one of them installs the built package into a scratch project) -----------------
if want unit integration; then
  if ((deps_ok)); then run_phase sdk-build none "" npx tsc -p sdk/tsconfig.json; else not_run sdk-build "npm ci failed"; fi
fi

# --- vitest ------------------------------------------------------------------------------------------
vitest=(npx vitest run --passWithNoTests --reporter=default --reporter=json)
if ((generate_ok)); then
  if [[ $part == all ]] && ((db_ok)); then
    run_phase vitest vitest "$out/vitest.json" "${vitest[@]}" --outputFile.json="$out/vitest.json"
  else
    if want unit; then
      run_phase vitest-unit vitest "$out/vitest-unit.json" \
        "${vitest[@]}" --project unit --project sdk --outputFile.json="$out/vitest-unit.json"
    fi
    if want integration; then
      if ((db_ok)); then
        run_phase vitest-integration vitest "$out/vitest-integration.json" \
          "${vitest[@]}" --project integration --outputFile.json="$out/vitest-integration.json"
      else
        not_run vitest-integration "database setup failed"
      fi
    fi
  fi
else
  want unit && not_run vitest-unit "prisma generate failed"
  want integration && not_run vitest-integration "prisma generate failed"
fi

# --- build + e2e -------------------------------------------------------------------------------------
if want e2e; then
  if ! ((generate_ok)); then
    not_run e2e "prisma generate failed"
  elif [[ -n $no_chromium && $part == e2e ]]; then
    not_run e2e "$no_chromium" # nothing else in this run needs the build
  elif ! run_phase next-build none "" npx next build; then
    not_run e2e "next build failed"
  elif [[ -n $no_chromium ]]; then
    not_run e2e "$no_chromium" # the drills still use the build
  elif ! ((db_ok)); then
    not_run e2e "database setup failed"
  else
    run_phase e2e playwright "$PLAYWRIGHT_JSON_OUTPUT_FILE" npx playwright test --pass-with-no-tests
  fi
fi

# --- fault drills (scripts/drills; their own PostgreSQL + Redis; one report entry per drill) ------------
drills=(npx tsx scripts/drills/index.ts --quick --report "$out/drills.json")
if [[ $part == all ]]; then
  if grep -q $'^next-build\t0\t' "$phases"; then
    run_phase drills vitest "$out/drills.json" "${drills[@]}" --dist "${NEXT_DIST_DIR:-.next}"
  else
    not_run drills "next build failed or did not run"
  fi
elif [[ $part == drills ]]; then
  if ((generate_ok)); then run_phase drills vitest "$out/drills.json" "${drills[@]}"; else not_run drills "prisma generate failed"; fi
fi

cleanup
echo "==> summary"
node scripts/summarize-tests.mjs "$phases"
