#!/usr/bin/env bash
# Writes .env from .env.example with fresh random secrets when .env is missing, and adds any secret an
# older .env lacks. Used by `npm run up`; run it once before `docker compose up`, which reads its
# secrets from this .env (it ships none: a published secret lets anyone forge session cookies).
set -euo pipefail
cd "$(dirname "$0")/.."

random_hex() { od -An -N32 -tx1 /dev/urandom | tr -d ' \n'; }

if [[ ! -f .env ]]; then
  echo "writing .env from .env.example (with a new AUTH_SECRET and WEBHOOK_SECRETS_KEY)"
  sed -e "s/^AUTH_SECRET=.*/AUTH_SECRET=$(random_hex)/" -e "s/^WEBHOOK_SECRETS_KEY=.*/WEBHOOK_SECRETS_KEY=$(random_hex)/" .env.example >.env
fi
for name in AUTH_SECRET WEBHOOK_SECRETS_KEY; do
  if ! grep -q "^$name=" .env || grep -q "^$name=replace-with-openssl-rand-hex-32$" .env; then
    echo "adding a new $name to .env"
    sed -i "/^$name=/d" .env
    printf '%s=%s\n' "$name" "$(random_hex)" >>.env
  fi
done
