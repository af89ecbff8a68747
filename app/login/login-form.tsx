'use client'

import { useActionState } from 'react'
import { loginAction, type LoginState } from './actions'

const initial: LoginState = { error: null, email: '' }

export function LoginForm({ callbackUrl, initialError }: { callbackUrl: string; initialError: string | null }) {
  const [state, formAction, pending] = useActionState(loginAction, { ...initial, error: initialError })
  return (
    <form action={formAction} className="space-y-4" noValidate>
      <input type="hidden" name="callbackUrl" value={callbackUrl} />
      <div>
        <label htmlFor="email" className="block text-tremor-default font-medium text-tremor-content-strong">
          Email
        </label>
        <input
          id="email"
          name="email"
          type="email"
          autoComplete="username"
          required
          defaultValue={state.email}
          className="mt-1 block w-full rounded-tremor-default border border-tremor-border-default bg-white px-3 py-2 text-tremor-default text-tremor-content-strong shadow-tremor-input outline-none focus:border-tremor-brand-subtle focus:ring-2 focus:ring-tremor-brand-muted"
        />
      </div>
      <div>
        <label htmlFor="password" className="block text-tremor-default font-medium text-tremor-content-strong">
          Password
        </label>
        <input
          id="password"
          name="password"
          type="password"
          autoComplete="current-password"
          required
          className="mt-1 block w-full rounded-tremor-default border border-tremor-border-default bg-white px-3 py-2 text-tremor-default text-tremor-content-strong shadow-tremor-input outline-none focus:border-tremor-brand-subtle focus:ring-2 focus:ring-tremor-brand-muted"
        />
      </div>
      {state.error ? (
        <p role="alert" data-testid="login-error" className="rounded-tremor-default border border-red-200 bg-red-50 px-3 py-2 text-tremor-default text-red-700">
          {state.error}
        </p>
      ) : null}
      <button
        type="submit"
        disabled={pending}
        className="w-full rounded-tremor-default bg-tremor-brand-default px-4 py-2 text-tremor-default font-medium text-white shadow-tremor-input hover:bg-tremor-brand-emphasis disabled:opacity-60"
      >
        {pending ? 'Signing in…' : 'Sign in'}
      </button>
    </form>
  )
}
