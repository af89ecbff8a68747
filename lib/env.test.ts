import { describe, expect, it } from 'vitest'
import { parseEnv } from './env'

const base = { DATABASE_URL: 'postgresql://postgres@127.0.0.1:5432/x' }
const strong = 'a3f9c1e07b2d4856a3f9c1e07b2d4856a3f9c1e07b2d4856a3f9c1e07b2d4856'

describe('parseEnv: secrets in production', () => {
  it.each([
    ['the docker-compose default', 'local-demo-secret-change-me-0123456789abcdef', /AUTH_SECRET: is a published default secret/],
    ['the .env.example placeholder', 'replace-with-openssl-rand-hex-32', /AUTH_SECRET: is a published default secret/],
    ['the Dockerfile build placeholder', 'build-time-placeholder-secret', /AUTH_SECRET: is a published default secret/],
    ['a 31-byte secret', 'x'.repeat(31), /AUTH_SECRET: is shorter than 32 bytes/],
  ])('refuses %s as AUTH_SECRET, saying how to make one', (_what, secret, message) => {
    expect(() => parseEnv({ ...base, NODE_ENV: 'production', AUTH_SECRET: secret })).toThrow(message)
    expect(() => parseEnv({ ...base, NODE_ENV: 'production', AUTH_SECRET: secret })).toThrow(/openssl rand -hex 32/)
  })

  it('refuses a missing AUTH_SECRET and a weak WEBHOOK_SECRETS_KEY in production', () => {
    expect(() => parseEnv({ ...base, NODE_ENV: 'production' })).toThrow(/AUTH_SECRET: is required in production/)
    expect(() => parseEnv({ ...base, NODE_ENV: 'production', AUTH_SECRET: strong, WEBHOOK_SECRETS_KEY: 'replace-with-openssl-rand-hex-32' })).toThrow(
      /WEBHOOK_SECRETS_KEY: is a published default secret/,
    )
  })

  it('accepts a random 32-byte secret in production, and the defaults outside it', () => {
    expect(parseEnv({ ...base, NODE_ENV: 'production', AUTH_SECRET: strong, WEBHOOK_SECRETS_KEY: strong.slice(1) + 'b' }).AUTH_SECRET).toBe(strong)
    expect(parseEnv({ ...base, NODE_ENV: 'development', AUTH_SECRET: 'local-demo-secret-change-me-0123456789abcdef' }).NODE_ENV).toBe('development')
  })

  it('names a bad WEBHOOK_ALLOWED_HOSTS entry at start-up', () => {
    expect(() => parseEnv({ ...base, WEBHOOK_ALLOWED_HOSTS: 'hooks.corp, 10.0.0.0/99' })).toThrow(/WEBHOOK_ALLOWED_HOSTS: '10.0.0.0\/99' is not a CIDR range/)
    expect(parseEnv({ ...base, WEBHOOK_ALLOWED_HOSTS: 'hooks.corp, 10.0.0.0/8' }).WEBHOOK_ALLOWED_HOSTS).toBe('hooks.corp, 10.0.0.0/8')
  })
})
