'use server'

import { AuthError } from 'next-auth'
import { signIn } from '@/auth'
import { safeCallbackUrl } from './safe-callback-url'

export type LoginState = { error: string | null; email: string }

export async function loginAction(_prev: LoginState, formData: FormData): Promise<LoginState> {
  const email = String(formData.get('email') ?? '')
  const redirectTo = safeCallbackUrl(formData.get('callbackUrl'))
  try {
    // Succeeds by throwing Next's redirect, which must propagate.
    await signIn('credentials', { email, password: String(formData.get('password') ?? ''), redirectTo })
  } catch (error) {
    if (error instanceof AuthError) {
      return { email, error: error.type === 'CredentialsSignin' ? 'Wrong email or password.' : 'Sign-in failed. Please try again.' }
    }
    throw error
  }
  return { email, error: null }
}

export async function ssoAction(formData: FormData): Promise<void> {
  await signIn('oidc', { redirectTo: safeCallbackUrl(formData.get('callbackUrl')) })
}
