import type { ReactNode } from 'react'
import { cookies } from 'next/headers'
import { Sidebar } from '@/components/app-shell/sidebar'
import { TimeZoneProvider } from '@/components/ui/time'
import { timeZoneCookie, zoneFromCookie } from '@/components/ui/time-zone-cookie'
import { requireUser } from './require-user'

// Everything under (app) is behind login: the layout turns anonymous visitors away, and each
// page also calls requirePage/requirePermission for its own area (layouts don't see the path).
export default async function AppLayout({ children }: { children: ReactNode }) {
  const user = await requireUser()
  const zone = zoneFromCookie((await cookies()).get(timeZoneCookie)?.value)
  return (
    <div className="flex min-h-screen flex-col md:flex-row">
      <a
        href="#main"
        className="sr-only focus:not-sr-only focus:absolute focus:left-2 focus:top-2 focus:z-50 focus:rounded-tremor-default focus:bg-white focus:px-3 focus:py-2 focus:text-tremor-default focus:font-medium focus:text-tremor-brand-emphasis focus:shadow-tremor-dropdown"
      >
        Skip to main content
      </a>
      <Sidebar user={user} />
      <main id="main" tabIndex={-1} className="min-w-0 flex-1 px-4 py-4 focus:outline-none md:px-8 md:py-6">
        <TimeZoneProvider zone={zone}>{children}</TimeZoneProvider>
      </main>
    </div>
  )
}
