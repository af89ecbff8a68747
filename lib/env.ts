import 'dotenv/config'
import { z } from 'zod'
import { oidcAllOrNone, oidcAllOrNoneIssue, oidcSchema } from './env-oidc'

// Read and validated once; every other module imports `env` instead of touching process.env.
const schema = z.object({
  NODE_ENV: z.enum(['development', 'test', 'production']).default('development'),
  DATABASE_URL: z.string().url(),
  REDIS_URL: z.string().url().default('redis://127.0.0.1:6379'),
  // Namespaces BullMQ keys, so two installs (or two test databases) can share one Redis.
  QUEUE_PREFIX: z.string().regex(/^[a-zA-Z0-9_-]+$/).default('modelledger'),
  AUTH_SECRET: z.string().min(16).optional(),
  // Signs alert webhooks (X-ModelLedger-Signature); falls back to AUTH_SECRET.
  WEBHOOK_SIGNING_SECRET: z.string().min(16).optional(),
  DB_POOL_SIZE: z.coerce.number().int().min(1).max(200).default(10),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  INGEST_MAX_AGE_DAYS: z.coerce.number().int().min(1).default(35),
  INGEST_MAX_FUTURE_MINUTES: z.coerce.number().int().min(0).default(5),
  RATE_LIMIT_PER_KEY_PER_SECOND: z.coerce.number().positive().default(200),
  RATE_LIMIT_BURST: z.coerce.number().int().min(1).default(400),
  // Raw usage events older than this many whole months are dropped a month at a time; rollups are kept.
  USAGE_RETENTION_MONTHS: z.coerce.number().int().min(1).max(1200).default(13),
  ...oidcSchema,
}).refine((e) => e.USAGE_RETENTION_MONTHS * 28 >= e.INGEST_MAX_AGE_DAYS, {
  // Else ingest would accept events into months that retention drops (and forget their idempotency keys).
  message: 'must keep at least INGEST_MAX_AGE_DAYS (USAGE_RETENTION_MONTHS × 28 ≥ INGEST_MAX_AGE_DAYS)',
  path: ['USAGE_RETENTION_MONTHS'],
}).refine(oidcAllOrNone, oidcAllOrNoneIssue)

export type Env = z.infer<typeof schema>

function loadEnv(): Env {
  const parsed = schema.safeParse(process.env)
  if (!parsed.success) {
    const problems = parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')
    throw new Error(`Invalid environment: ${problems} (see .env.example)`)
  }
  return parsed.data
}

export const env: Env = loadEnv()
