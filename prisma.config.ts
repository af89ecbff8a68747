import 'dotenv/config'
import { defineConfig } from 'prisma/config'
import { PrismaPg } from '@prisma/adapter-pg'
import pg from 'pg'

// Workaround 1: adapter-pg 6.x rejects the Postgres system types "char" (OID 18) and
// name (OID 19) returned by the wasm schema engine's introspection queries
// ("Column type 'name' could not be deserialized from the database").
// Report them to the adapter as text (OID 25).
// eslint-disable-next-line @typescript-eslint/no-require-imports
const Result = require('pg/lib/result.js')
const origAddFields = Result.prototype.addFields
Result.prototype.addFields = function (fields: Array<{ dataTypeID: number }>) {
  for (const f of fields) if (f.dataTypeID === 18 || f.dataTypeID === 19) f.dataTypeID = 25
  return origAddFields.call(this, fields)
}

// Workaround 3: the wasm schema engine leaves 10 s / 60 s timers pending, so the CLI
// process lingers after `migrate deploy` (~10 s) / `migrate dev` (~60 s) has finished.
// This config file runs inside the CLI process: unref long timers so Node can exit.
const origSetTimeout = globalThis.setTimeout
globalThis.setTimeout = ((fn: (...args: unknown[]) => void, ms?: number, ...args: unknown[]) => {
  const t = origSetTimeout(fn, ms, ...args)
  if ((ms ?? 0) >= 10_000) t.unref?.()
  return t
}) as typeof setTimeout

function pgConfig(): pg.PoolConfig {
  const u = new URL(process.env.DATABASE_URL!)
  return {
    host: u.hostname,
    port: Number(u.port || 5432),
    user: decodeURIComponent(u.username),
    password: decodeURIComponent(u.password),
    database: u.pathname.slice(1),
    idleTimeoutMillis: 1,
  }
}

// Workaround 4: adapter-pg 6.x executeScript() splits a migration on every ';' (inside comments, strings
// and function bodies too) and runs the pieces one by one, each in its own transaction. Send the script
// as one simple query instead, as the native engine does: PostgreSQL runs it in one implicit transaction,
// so a migration applies entirely or not at all, and it may create PL/pgSQL functions.
type ScriptConnection = { executeScript(script: string): Promise<void>; underlyingDriver(): unknown }
function runScriptsWhole<T extends ScriptConnection>(conn: T): T {
  conn.executeScript = async (script: string) => {
    try {
      await (conn.underlyingDriver() as pg.Pool).query(script)
    } catch (error) {
      // The adapter's own conversion into the error Prisma reports (it throws).
      ;(conn as unknown as { onError(e: unknown): never }).onError(error)
    }
  }
  return conn
}

// Workaround 2: adapter-pg 6.x connectToShadowDb() ignores `database` when a
// connectionString is used, and drops the shadow DB while its pool is still open.
class PrismaPgMigrate extends PrismaPg {
  async connect() {
    return runScriptsWhole(await super.connect())
  }

  async connectToShadowDb() {
    const cfg = pgConfig()
    const admin = new pg.Client(cfg)
    await admin.connect()
    const database = `prisma_shadow_${process.pid}_${Date.now()}`
    await admin.query(`CREATE DATABASE "${database}"`)
    const conn = runScriptsWhole(await new PrismaPg({ ...cfg, database }).connect())
    const dispose = conn.dispose.bind(conn)
    conn.dispose = async () => {
      await dispose()
      await admin.query(`DROP DATABASE IF EXISTS "${database}" WITH (FORCE)`)
      await admin.end()
    }
    return conn
  }
}

export default defineConfig({
  experimental: { adapter: true },
  engine: 'js',
  adapter: async () => new PrismaPgMigrate(pgConfig()),
  schema: 'prisma/schema.prisma',
  migrations: { path: 'prisma/migrations', seed: 'tsx prisma/seed.ts' },
})
