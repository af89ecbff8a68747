import 'dotenv/config'
import { randomBytes } from 'node:crypto'

// Integration tests run against TEST_DATABASE_URL when set (scripts/test.sh creates a throwaway database).
if (process.env.TEST_DATABASE_URL) process.env.DATABASE_URL = process.env.TEST_DATABASE_URL
;(process.env as Record<string, string>).NODE_ENV = 'test'
// Webhook signing secrets are stored encrypted under this key; a throwaway one unless the run sets one.
process.env.WEBHOOK_SECRETS_KEY ||= randomBytes(32).toString('hex')
