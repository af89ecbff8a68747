import { DEMO_LOGIN_BY_ROLE } from '@/lib/demo/demo-logins'

const { finance, team_lead, engineer } = DEMO_LOGIN_BY_ROLE

// The people the e2e OpenID provider knows, by the login typed into its development form.
// Claims are what the provider releases for the email and profile scopes.
export const ssoAccounts = {
  finance: { name: 'Finance via SSO', email: finance.email, email_verified: true },
  // Upper case at the provider: the match with ModelLedger's address ignores case.
  lead: { name: 'Lead via SSO', email: team_lead.email.toUpperCase(), email_verified: true },
  stranger: { name: 'Stranger', email: 'stranger-sso@modelledger.dev', email_verified: true },
  // An existing user, so only the missing verification stands between them and a session.
  unverified: { name: 'Unverified', email: engineer.email, email_verified: false },
  unflagged: { name: 'Unflagged', email: engineer.email },
  no_email: { name: 'No email' },
  disabled: { name: 'Disabled via SSO', email: 'sso-disabled@modelledger.dev', email_verified: true },
} satisfies Record<string, { name: string; email?: string; email_verified?: boolean }>

export type SsoAccount = keyof typeof ssoAccounts

/** Where the provider puts the email scope's claims; switched by the spec before each sign-in. */
export type ClaimsMode = 'id_token' | 'userinfo'

export const ssoClient = { id: 'modelledger-e2e', secret: 'e2e-client-secret-not-used-anywhere-else' }

export function oidcTestPort(): number {
  return Number(process.env.E2E_OIDC_PORT ?? Number(process.env.E2E_PORT ?? 3200) + 1000)
}
