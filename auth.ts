import NextAuth, { type DefaultSession } from 'next-auth'
import Credentials from 'next-auth/providers/credentials'
import type { Provider } from 'next-auth/providers'
import bcrypt from 'bcryptjs'
import { z } from 'zod'
import { prisma } from '@/lib/db'
import { env } from '@/lib/env'
import { logger } from '@/lib/logger'
import type { Role } from '@/lib/auth/permissions'
import { idTokenClaims } from '@/lib/auth/sso/id-token-claims'
import { judgeSsoSignIn } from '@/lib/auth/sso/judge-sso-sign-in'
import { recordSsoSignIn } from '@/lib/auth/sso/record-sso-sign-in'
import { pickSsoEmail } from '@/lib/auth/sso/resolve-sso-email'
import { ssoRefusalErrorCodes } from '@/lib/auth/sso/sso-refusals'
import { clearSignInFailures, takeSignInAttempt } from '@/lib/auth/sign-in-throttle'

declare module 'next-auth' {
  interface Session {
    user: { id: string; role: Role; teamId: number | null; teamSlug: string | null } & DefaultSession['user']
  }
}

declare module '@auth/core/jwt' {
  interface JWT {
    uid?: number
    role?: Role
    teamId?: number | null
    teamSlug?: string | null
    name?: string | null
    checkedAt?: number
  }
}

// How long a JWT may carry a role/team before it is re-read from the DB: a demoted or disabled
// user loses access within this window without a DB hit on every request.
const RECHECK_MS = 60_000

const oidc = env.AUTH_OIDC_ISSUER && env.AUTH_OIDC_CLIENT_ID && env.AUTH_OIDC_CLIENT_SECRET
  ? { issuer: env.AUTH_OIDC_ISSUER, clientId: env.AUTH_OIDC_CLIENT_ID, clientSecret: env.AUTH_OIDC_CLIENT_SECRET }
  : null

export const oidcEnabled = oidc !== null
/** The single sign-on button's provider name ("Sign in with …"). */
export const oidcName = env.AUTH_OIDC_NAME

const credentialsSchema = z.object({
  email: z.string().trim().toLowerCase().email().max(320),
  password: z.string().min(1).max(1024),
})

type DbUser = { id: number; email: string; name: string; role: Role; teamId: number | null; teamSlug: string | null }

async function findActiveUser(where: { email: string } | { id: number }): Promise<(DbUser & { passwordHash: string | null }) | null> {
  const row = await prisma.user.findFirst({
    where: { ...('email' in where ? { email: { equals: where.email, mode: 'insensitive' } } : { id: where.id }), disabledAt: null },
    include: { team: { select: { slug: true } } },
  })
  if (!row) return null
  return { id: row.id, email: row.email, name: row.name, role: row.role, teamId: row.teamId, teamSlug: row.team?.slug ?? null, passwordHash: row.passwordHash }
}

// Compared against when the user is unknown, so a wrong email costs as long as a wrong password.
let dummyHash: string | undefined
function timingDummyHash(): string {
  dummyHash ??= bcrypt.hashSync('not-a-real-password', 10)
  return dummyHash
}

const providers: Provider[] = [
  Credentials({
    credentials: { email: { label: 'Email', type: 'email' }, password: { label: 'Password', type: 'password' } },
    async authorize(raw) {
      const parsed = credentialsSchema.safeParse(raw)
      if (!parsed.success) return null
      const { email } = parsed.data
      if (!(await takeSignInAttempt(email))) {
        logger.warn({ email }, 'sign-in refused: too many failed attempts')
        return null
      }
      const user = await findActiveUser({ email })
      const ok = await bcrypt.compare(parsed.data.password, user?.passwordHash ?? timingDummyHash())
      // A failure keeps the attempt takeSignInAttempt counted.
      if (!user || !user.passwordHash || !ok) return null
      await clearSignInFailures(email)
      return { id: String(user.id), email: user.email, name: user.name }
    },
  }),
]

if (oidc) {
  providers.push({
    id: 'oidc',
    name: env.AUTH_OIDC_NAME,
    type: 'oidc',
    ...oidc,
    authorization: { params: { scope: env.AUTH_OIDC_SCOPE } },
    // Always fetch userinfo too: a provider following OIDC Core may put the email only there.
    // Auth.js then hands userinfo to profile() and the signIn callback, and the ID token in `tokens`.
    idToken: false,
    profile(userinfo, tokens) {
      const name = [userinfo.name, userinfo.preferred_username].find((v) => typeof v === 'string')
      return { id: String(userinfo.sub), email: pickSsoEmail(idTokenClaims(tokens.id_token), userinfo)?.email ?? null, name: name ?? null }
    },
  })
}

function applyUser(token: Record<string, unknown>, user: DbUser): void {
  token.uid = user.id
  token.email = user.email
  token.name = user.name
  token.role = user.role
  token.teamId = user.teamId
  token.teamSlug = user.teamSlug
  token.checkedAt = Date.now()
}

export const { handlers, auth, signIn, signOut } = NextAuth({
  trustHost: true,
  session: { strategy: 'jwt', maxAge: 12 * 60 * 60 },
  pages: { signIn: '/login', error: '/login' },
  providers,
  callbacks: {
    // SSO proves a (verified) email; only an existing, enabled user may enter, and the role comes from
    // our DB. A refusal redirects to the login page with its own reason.
    async signIn({ account, profile }) {
      if (account?.provider !== 'oidc') return true
      const judgement = await judgeSsoSignIn(prisma, {
        idToken: account.id_token,
        userinfo: profile ?? null,
        allowUnverified: env.AUTH_OIDC_ALLOW_UNVERIFIED_EMAIL,
      })
      return judgement.ok ? true : `/login?error=${ssoRefusalErrorCodes[judgement.reason]}`
    },
    async jwt({ token, user, account, profile }) {
      if (user) {
        const dbUser = user.email ? await findActiveUser({ email: user.email }) : null
        if (!dbUser) return null
        applyUser(token, dbUser)
        if (account?.provider === 'oidc' && oidc) {
          const picked = pickSsoEmail(idTokenClaims(account.id_token), profile ?? null)
          await recordSsoSignIn(prisma, dbUser, { issuer: oidc.issuer, emailSource: picked?.source ?? null })
        }
        return token
      }
      if (typeof token.uid !== 'number') return null
      if (Date.now() - (token.checkedAt ?? 0) > RECHECK_MS) {
        const fresh = await findActiveUser({ id: token.uid })
        if (!fresh) return null
        applyUser(token, fresh)
      }
      return token
    },
    session({ session, token }) {
      if (typeof token.uid === 'number' && token.role) {
        session.user = {
          ...session.user,
          id: String(token.uid),
          email: token.email ?? session.user.email,
          name: token.name ?? session.user.name,
          role: token.role,
          teamId: token.teamId ?? null,
          teamSlug: token.teamSlug ?? null,
        }
      }
      return session
    },
  },
})
