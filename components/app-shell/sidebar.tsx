import { signOut } from '@/auth'
import type { SessionUser } from '@/lib/auth/session-user'
import { roleLabels } from '@/lib/auth/permissions'
import { navItemsFor } from './nav-items'
import { NavLinks } from './nav-links'

async function signOutAction(): Promise<void> {
  'use server'
  await signOut({ redirectTo: '/login' })
}

export function Sidebar({ user }: { user: SessionUser }) {
  return (
    <aside className="flex w-full shrink-0 flex-col border-b border-tremor-border-default bg-white md:sticky md:top-0 md:h-screen md:w-60 md:overflow-y-auto md:border-b-0 md:border-r">
      <div className="px-4 pt-3 md:px-5 md:py-5">
        <p className="text-lg font-semibold tracking-tight text-tremor-content-strong">ModelLedger</p>
        <p className="text-tremor-label text-tremor-content">LLM spend &amp; governance</p>
      </div>
      <nav aria-label="Main" className="px-2 py-2 md:flex-1 md:px-3 md:py-0">
        <NavLinks items={navItemsFor(user.role)} />
      </nav>
      <div className="flex items-center justify-between gap-3 border-t border-tremor-border-default px-4 py-2 md:block md:px-5 md:py-4" data-testid="current-user">
        <p className="truncate text-tremor-default font-medium text-tremor-content-strong" title={user.email}>
          {user.email}
        </p>
        <p className="mt-1 flex flex-wrap items-center gap-1.5 text-tremor-label text-tremor-content">
          <span className="rounded-tremor-full bg-tremor-brand-faint px-2 py-0.5 font-medium text-tremor-brand-emphasis">
            {roleLabels[user.role]}
          </span>
          {user.teamSlug ? <span>team {user.teamSlug}</span> : <span>all teams</span>}
        </p>
        <form action={signOutAction} className="shrink-0 md:mt-3">
          <button
            type="submit"
            className="w-full rounded-tremor-small border border-tremor-border-default px-3 py-1.5 text-tremor-default text-tremor-content-emphasis hover:bg-tremor-background-subtle"
          >
            Sign out
          </button>
        </form>
      </div>
    </aside>
  )
}
