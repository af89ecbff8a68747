# ModelLedger image: one image for both the web app and the worker (docker-compose.yml picks the command).
# The Prisma CLI (migrate deploy) and tsx (seed, worker) are dev dependencies, so the image keeps the full
# node_modules.
FROM node:20-bookworm-slim AS deps
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund

FROM node:20-bookworm-slim
WORKDIR /app
ENV NEXT_TELEMETRY_DISABLED=1
RUN apt-get update \
 && apt-get install -y --no-install-recommends openssl ca-certificates \
 && rm -rf /var/lib/apt/lists/*
COPY --from=deps --chown=node:node /app/node_modules ./node_modules
COPY --chown=node:node . .
# Build-time placeholders, not kept in the image: without a DATABASE_URL `prisma generate` falls back to
# downloading query engines it does not need, and lib/env.ts validates DATABASE_URL when `next build`
# loads route modules to collect page data. Nothing connects to a database at build time. The build's
# AUTH_SECRET is random and thrown away (production refuses any published secret).
RUN export DATABASE_URL=postgresql://build@localhost:5432/build AUTH_SECRET=$(od -An -N32 -tx1 /dev/urandom | tr -d ' \n') \
 && npx prisma generate \
 && npx next build \
 && chown -R node:node .next node_modules/.prisma node_modules/@prisma/client
ENV NODE_ENV=production PORT=3000
USER node
EXPOSE 3000
CMD ["node", "node_modules/next/dist/bin/next", "start", "-H", "0.0.0.0", "-p", "3000"]
