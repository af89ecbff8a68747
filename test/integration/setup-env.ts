import 'dotenv/config'

// Integration tests run against TEST_DATABASE_URL when set (scripts/test.sh creates a throwaway database).
if (process.env.TEST_DATABASE_URL) process.env.DATABASE_URL = process.env.TEST_DATABASE_URL
;(process.env as Record<string, string>).NODE_ENV = 'test'
