import 'dotenv/config'
import { z } from 'zod'
import { oidcAllOrNone, oidcAllOrNoneIssue, oidcSchema } from './env-oidc'
import { parseWebhookAllowList } from './webhooks/webhook-allow-list'

// Secrets published in this repository (compose file, .env.example, Dockerfile): anyone can forge
// session cookies signed with them, so production refuses them.
export const KNOWN_DEFAULT_SECRETS: ReadonlySet<string> = new Set([
  'local-demo-secret-change-me-0123456789abcdef',
  'replace-with-openssl-rand-hex-32',
  'build-time-placeholder-secret',
])
const MIN_SECRET_BYTES = 32
const GENERATE_HINT = 'generate one with: openssl rand -hex 32'

function secretProblem(value: string | undefined): string | null {
  if (value === undefined) return null
  if (KNOWN_DEFAULT_SECRETS.has(value.trim())) return `is a published default secret, refused in production; ${GENERATE_HINT}`
  if (Buffer.byteLength(value, 'utf8') < MIN_SECRET_BYTES) return `is shorter than ${MIN_SECRET_BYTES} bytes, refused in production; ${GENERATE_HINT}`
  return null
}

// Read and validated once; every other module imports `env` instead of touching process.env.
const schema = z.object({
  NODE_ENV: z.enum(['development', 'test', 'production']).default('development'),
  DATABASE_URL: z.string().url(),
  REDIS_URL: z.string().url().default('redis://127.0.0.1:6379'),
  // Namespaces BullMQ keys, so two installs (or two test databases) can share one Redis.
  QUEUE_PREFIX: z.string().regex(/^[a-zA-Z0-9_-]+$/).default('modelledger'),
  AUTH_SECRET: z.string().min(16).optional(),
  // Encrypts the per-team webhook signing secrets at rest (lib/webhooks/secret-box.ts).
  WEBHOOK_SECRETS_KEY: z.string().min(16).optional(),
  // Hosts and CIDR ranges that may receive webhooks although not public (lib/webhooks/webhook-allow-list.ts).
  WEBHOOK_ALLOWED_HOSTS: z
    .string()
    .optional()
    .superRefine((v, ctx) => {
      try {
        parseWebhookAllowList(v ?? '')
      } catch (err) {
        ctx.addIssue({ code: 'custom', message: (err as Error).message.replace(/^WEBHOOK_ALLOWED_HOSTS: /, '') })
      }
    }),
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
}).superRefine((e, ctx) => {
  if (e.NODE_ENV !== 'production') return
  if (!e.AUTH_SECRET) ctx.addIssue({ code: 'custom', path: ['AUTH_SECRET'], message: `is required in production; ${GENERATE_HINT}` })
  for (const name of ['AUTH_SECRET', 'WEBHOOK_SECRETS_KEY'] as const) {
    const problem = secretProblem(e[name])
    if (problem) ctx.addIssue({ code: 'custom', path: [name], message: problem })
  }
}).refine(oidcAllOrNone, oidcAllOrNoneIssue)

export type Env = z.infer<typeof schema>

/** Validates an environment such as process.env; throws naming every bad variable. */
export function parseEnv(source: Record<string, string | undefined>): Env {
  const parsed = schema.safeParse(source)
  if (!parsed.success) {
    const problems = parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')
    throw new Error(`Invalid environment: ${problems} (see .env.example)`)
  }
  return parsed.data
}

export const env: Env = parseEnv(process.env)
