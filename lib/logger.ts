import pino, { type DestinationStream, type LoggerOptions } from 'pino'
import { env } from './env'

// Credentials never reach the logs, whichever object carries them: request headers (as a plain object
// or under req/request/res), API keys, passwords, session tokens and webhook secrets. Paths cover the
// top level and one level down (fast-redact wildcards match one level); the censor keeps the key so a
// reader sees that something was there.
const secretKeys = ['authorization', 'cookie', 'set-cookie', 'x-api-key', 'apiKey', 'api_key', 'key', 'token', 'password', 'secret', 'webhookSecret', 'webhook_secret', 'secrets', 'ciphertext', 'sessionToken']
const headerKeys = ['authorization', 'cookie', '"set-cookie"', '"x-api-key"', '"proxy-authorization"', '"webhook-signature"']

export const redactPaths: string[] = [
  ...secretKeys.flatMap((k) => (k.includes('-') ? [`"${k}"`, `*["${k}"]`] : [k, `*.${k}`])),
  ...['headers', 'req.headers', 'request.headers', 'res.headers', '*.headers', 'err.config.headers'].flatMap((h) => headerKeys.map((k) => (k.startsWith('"') ? `${h}[${k}]` : `${h}.${k}`))),
]

export const loggerOptions: LoggerOptions = {
  level: env.NODE_ENV === 'test' ? 'warn' : env.LOG_LEVEL,
  base: undefined,
  redact: { paths: redactPaths, censor: '[redacted]' },
}

/** A logger with the app's options on another destination (tests read what it writes). */
export function createLogger(destination?: DestinationStream, level?: LoggerOptions['level']): pino.Logger {
  return pino({ ...loggerOptions, ...(level ? { level } : {}) }, destination)
}

export const logger = createLogger()
