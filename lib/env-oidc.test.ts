import { describe, expect, it } from 'vitest'
import { z } from 'zod'
import { oidcAllOrNone, oidcAllOrNoneIssue, oidcSchema } from './env-oidc'

const schema = z.object(oidcSchema).refine(oidcAllOrNone, oidcAllOrNoneIssue)
const full = { AUTH_OIDC_ISSUER: 'https://login.example.com/realms/acme', AUTH_OIDC_CLIENT_ID: 'modelledger', AUTH_OIDC_CLIENT_SECRET: 's3cret' }

describe('OIDC environment', () => {
  it('is off with nothing set (empty strings count as unset), with safe defaults', () => {
    expect(schema.parse({ AUTH_OIDC_ISSUER: '', AUTH_OIDC_SCOPE: '' })).toEqual({
      AUTH_OIDC_SCOPE: 'openid email profile',
      AUTH_OIDC_NAME: 'single sign-on',
      AUTH_OIDC_ALLOW_UNVERIFIED_EMAIL: false,
    })
  })

  it('takes a full configuration with a custom scope, name and the unsafe flag', () => {
    expect(schema.parse({ ...full, AUTH_OIDC_SCOPE: 'openid email groups', AUTH_OIDC_NAME: 'Okta', AUTH_OIDC_ALLOW_UNVERIFIED_EMAIL: '1' }))
      .toMatchObject({ ...full, AUTH_OIDC_SCOPE: 'openid email groups', AUTH_OIDC_NAME: 'Okta', AUTH_OIDC_ALLOW_UNVERIFIED_EMAIL: true })
  })

  it.each([
    ['half a configuration', { AUTH_OIDC_ISSUER: full.AUTH_OIDC_ISSUER, AUTH_OIDC_CLIENT_ID: 'x' }, 'AUTH_OIDC_ISSUER', 'or none of them'],
    ['a scope without openid', { ...full, AUTH_OIDC_SCOPE: 'email profile' }, 'AUTH_OIDC_SCOPE', 'openid'],
    ['an issuer that is not a URL', { ...full, AUTH_OIDC_ISSUER: 'login.example.com' }, 'AUTH_OIDC_ISSUER', ''],
    ['a flag that is not 0 or 1', { ...full, AUTH_OIDC_ALLOW_UNVERIFIED_EMAIL: 'yes' }, 'AUTH_OIDC_ALLOW_UNVERIFIED_EMAIL', '0 or 1'],
  ])('refuses %s, naming the variable', (_name, input, path, words) => {
    const result = schema.safeParse(input)
    expect(result.success).toBe(false)
    const issue = result.error!.issues[0]!
    expect(issue.path).toEqual([path])
    expect(issue.message).toContain(words)
  })
})
