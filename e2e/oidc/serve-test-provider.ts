// A real OpenID provider for the SSO e2e (oidc-provider, the certified Node implementation), started by
// playwright.config.ts before the app: PKCE required, a confidential client whose redirect URI is the
// app's callback, and its development login form (any login; the accounts below give the claims).
//
// Two providers with one issuer, keys and client answer on one port; the spec picks which one serves
// the next sign-in (POST /e2e/claims-mode/<mode>), so both modes run against one app server:
//   id_token — conformIdTokenClaims off: the email scope's claims are in the ID token (and userinfo);
//   userinfo — the default, as OIDC Core says: with an access token issued they are only in userinfo.
import { generateKeyPairSync, randomBytes } from 'node:crypto'
import { createServer } from 'node:http'
import Provider from 'oidc-provider'
import { oidcTestPort, ssoAccounts, ssoClient, type ClaimsMode } from './accounts'

const port = oidcTestPort()
const issuer = `http://localhost:${port}`
const appUrl = process.env.AUTH_URL ?? `http://localhost:${process.env.E2E_PORT ?? 3200}`
const signingKey = { ...generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey.export({ format: 'jwk' }), kid: 'e2e', use: 'sig', alg: 'RS256' }
const cookieKeys = [randomBytes(32).toString('hex')]

function findAccount(_ctx: unknown, id: string) {
  const claims = ssoAccounts[id as keyof typeof ssoAccounts]
  if (!claims) return undefined
  return { accountId: id, claims: () => ({ sub: id, ...claims }) }
}

function provider(mode: ClaimsMode): Provider {
  return new Provider(issuer, {
    clients: [{
      client_id: ssoClient.id,
      client_secret: ssoClient.secret,
      redirect_uris: [`${appUrl}/api/auth/callback/oidc`],
      grant_types: ['authorization_code'],
      response_types: ['code'],
      token_endpoint_auth_method: 'client_secret_basic',
    }],
    pkce: { required: () => true },
    features: { devInteractions: { enabled: true } },
    conformIdTokenClaims: mode === 'userinfo',
    claims: { openid: ['sub'], email: ['email', 'email_verified'], profile: ['name'] },
    findAccount,
    jwks: { keys: [signingKey] },
    cookies: { keys: cookieKeys },
  })
}

const handlers = { id_token: provider('id_token').callback(), userinfo: provider('userinfo').callback() }
let mode: ClaimsMode = 'id_token'

createServer((req, res) => {
  const switchTo = /^\/e2e\/claims-mode\/(id_token|userinfo)$/.exec(req.url ?? '')
  if (req.method === 'POST' && switchTo) {
    mode = switchTo[1] as ClaimsMode
    res.writeHead(204).end()
    return
  }
  handlers[mode](req, res)
}).listen(port, () => console.log(`e2e OpenID provider ready at ${issuer} for ${appUrl}`))
