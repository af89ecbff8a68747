// @ts-check
/** @type {import('next').NextConfig} */
const nextConfig = {
  // bullmq 6 optionally imports @valkey/valkey-glide; keep it (and the pg driver) out of the bundle
  serverExternalPackages: ['bullmq', 'pg', '@prisma/adapter-pg', 'pino', '@bull-board/api', '@bull-board/hono', '@bull-board/ui', 'hono', '@hono/node-server'],
  poweredByHeader: false,
  // Lets the benchmark build a second copy (.next-bench) without touching the dev/test build.
  distDir: process.env.NEXT_DIST_DIR || '.next',
  // `npm run typecheck` checks the whole project; builds for benchmarks and drills may skip Next's own pass.
  typescript: { ignoreBuildErrors: process.env.NEXT_SKIP_TYPECHECK === '1' },
}
module.exports = nextConfig
