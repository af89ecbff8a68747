// @ts-check
/** @type {import('next').NextConfig} */
const nextConfig = {
  // bullmq 6 optionally imports @valkey/valkey-glide; keep it (and the pg driver) out of the bundle
  serverExternalPackages: ['bullmq', 'pg', '@prisma/adapter-pg', 'pino'],
  poweredByHeader: false,
  // Lets the benchmark build a second copy (.next-bench) without touching the dev/test build.
  distDir: process.env.NEXT_DIST_DIR || '.next',
}
module.exports = nextConfig
