import { startWeb as startApp, startWorker as startAppWorker, type AppProcess } from '../../bench/core/app-processes'
import { childEnv } from '../../bench/core/environment'

// The drills' web and worker processes: the harness's (bench/core/app-processes.ts), every one with the
// drills' database, Redis and queue prefix, its log appended to across restarts.

export { isAlive, killNow, stopApp, type AppProcess } from '../../bench/core/app-processes'

export type AppConfig = {
  databaseUrl: string
  redisUrl: string
  queuePrefix: string
  authSecret: string
  distDir: string
  logDir: string
}

export function appEnv(c: AppConfig, extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  // The drills measure recovery, not the per-key limiter: keep it out of the way of the load.
  return childEnv(c, { RATE_LIMIT_PER_KEY_PER_SECOND: '10000', RATE_LIMIT_BURST: '10000', ...extra })
}

export function startWeb(c: AppConfig, name: string, port: number): Promise<AppProcess> {
  return startApp({ name, env: appEnv(c), logDir: c.logDir, log: 'append', port, distDir: c.distDir })
}

export function startWorker(c: AppConfig, name: string): Promise<AppProcess> {
  return startAppWorker({ name, env: appEnv(c), logDir: c.logDir, log: 'append' })
}
