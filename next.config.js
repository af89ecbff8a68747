// @ts-check

// On every response (pages, route handlers, static files). The Content-Security-Policy of pages is set per
// request in proxy.ts (it carries a nonce); responses the proxy does not see (/api/*) get one that allows
// nothing to load, run or frame them. docs/security.md explains each header.
const securityHeaders = [
  { key: 'X-Content-Type-Options', value: 'nosniff' },
  { key: 'Referrer-Policy', value: 'strict-origin-when-cross-origin' },
  { key: 'Permissions-Policy', value: 'camera=(), microphone=(), geolocation=(), payment=(), usb=()' },
  { key: 'X-Frame-Options', value: 'DENY' },
  { key: 'Cross-Origin-Opener-Policy', value: 'same-origin' },
  // Ignored by browsers over plain http; once served over https, https only for two years.
  { key: 'Strict-Transport-Security', value: 'max-age=63072000; includeSubDomains' },
]
const apiContentSecurityPolicy = "default-src 'none'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'"

/** @type {import('next').NextConfig} */
const nextConfig = {
  // bullmq 6 optionally imports @valkey/valkey-glide; keep it (and the pg driver) out of the bundle
  serverExternalPackages: ['bullmq', 'pg', '@prisma/adapter-pg', 'pino', '@bull-board/api', '@bull-board/hono', '@bull-board/ui', 'hono', '@hono/node-server'],
  poweredByHeader: false,
  // Lets the benchmark build a second copy (.next-bench) without touching the dev/test build.
  distDir: process.env.NEXT_DIST_DIR || '.next',
  // `npm run typecheck` checks the whole project; builds for benchmarks and drills may skip Next's own pass.
  typescript: { ignoreBuildErrors: process.env.NEXT_SKIP_TYPECHECK === '1' },
  async headers() {
    return [
      { source: '/:path*', headers: securityHeaders },
      { source: '/api/:path*', headers: [{ key: 'Content-Security-Policy', value: apiContentSecurityPolicy }] },
    ]
  },
}
module.exports = nextConfig
