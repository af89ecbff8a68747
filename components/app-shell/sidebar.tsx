import { signOut } from '@/auth'
import type { SessionUser } from '@/lib/auth/session-user'
import { navItemsFor, roleLabels } from './nav-items'
import { NavLinks } from './nav-links'

async function signOutAction(): Promise<void> {
  'use server'
  await signOut({ redirectTo: '/login' })
}

export function Sidebar({ user }: { user: SessionUser }) {
  return (
    <aside className="sticky top-0 flex h-screen w-60 shrink-0 flex-col overflow-y-auto border-r border-tremor-border-default bg-white">
      <div className="px-5 py-5">
        <p className="text-lg font-semibold tracking-tight text-tremor-content-strong">ModelLedger</p>
        <p className="text-tremor-label text-tremor-content">LLM spend &amp; governance</p>
      </div>
      <nav aria-label="Main" className="flex-1 px-3">
        <NavLinks items={navItemsFor(user.role)} />
      </nav>
      <div className="border-t border-tremor-border-default px-5 py-4" data-testid="current-user">
        <p className="truncate text-tremor-default font-medium text-tremor-content-strong" title={user.email}>
          {user.email}
        </p>
        <p className="mt-1 flex flex-wrap items-center gap-1.5 text-tremor-label text-tremor-content">
          <span className="rounded-tremor-full bg-tremor-brand-faint px-2 py-0.5 font-medium text-tremor-brand-emphasis">
            {roleLabels[user.role]}
          </span>
          {user.teamSlug ? <span>team {user.teamSlug}</span> : <span>all teams</span>}
        </p>
        <form action={signOutAction} className="mt-3">
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
