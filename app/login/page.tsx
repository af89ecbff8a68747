import type { Metadata } from 'next'
import { redirect } from 'next/navigation'
import { auth, oidcEnabled, oidcName } from '@/auth'
import { ssoRefusalMessageFor } from '@/lib/auth/sso/sso-refusals'
import { sessionUserFrom } from '@/lib/auth/session-user'
import { ssoAction } from './actions'
import { LoginForm } from './login-form'
import { safeCallbackUrl } from './safe-callback-url'

export const metadata: Metadata = { title: 'Sign in' }

// Auth.js sends people back here with ?error=<type> when a provider flow fails.
const errorMessages: Record<string, string> = {
  AccessDenied: 'Sign-in was refused. Please try again, or ask an admin to check the server log.',
  CredentialsSignin: 'Wrong email or password.',
  OAuthCallbackError: 'The sign-on provider did not complete the sign-in. Please try again.',
}

function errorMessage(code: string): string {
  return ssoRefusalMessageFor(code) ?? errorMessages[code] ?? 'Sign-in failed. Please try again.'
}

export default async function LoginPage({ searchParams }: { searchParams: Promise<{ callbackUrl?: string; error?: string }> }) {
  const params = await searchParams
  const callbackUrl = safeCallbackUrl(params.callbackUrl)
  if (sessionUserFrom(await auth())) redirect(callbackUrl)
  const initialError = params.error ? errorMessage(params.error) : null
  return (
    <main className="flex min-h-screen items-center justify-center px-4">
      <div className="w-full max-w-sm">
        <div className="mb-6 text-center">
          <p className="text-2xl font-semibold tracking-tight text-tremor-content-strong">ModelLedger</p>
          <p className="mt-1 text-tremor-default text-tremor-content">LLM spend tracking &amp; governance</p>
        </div>
        <div className="rounded-tremor-default border border-tremor-border-default bg-white p-6 shadow-tremor-card">
          <h1 className="mb-4 text-tremor-title font-semibold text-tremor-content-strong">Sign in</h1>
          <LoginForm callbackUrl={callbackUrl} initialError={initialError} />
          {oidcEnabled ? (
            <form action={ssoAction} className="mt-4 border-t border-tremor-border-default pt-4">
              <input type="hidden" name="callbackUrl" value={callbackUrl} />
              <button
                type="submit"
                className="w-full rounded-tremor-default border border-tremor-border-default bg-white px-4 py-2 text-tremor-default font-medium text-tremor-content-strong hover:bg-tremor-background-muted"
              >
                Sign in with {oidcName}
              </button>
            </form>
          ) : null}
        </div>
      </div>
    </main>
  )
}
