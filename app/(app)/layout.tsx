import type { ReactNode } from 'react'
import { Sidebar } from '@/components/app-shell/sidebar'
import { requireUser } from './require-user'

// Everything under (app) is behind login: the layout turns anonymous visitors away, and each
// page also calls requirePage/requirePermission for its own area (layouts don't see the path).
export default async function AppLayout({ children }: { children: ReactNode }) {
  const user = await requireUser()
  return (
    <div className="flex min-h-screen flex-col md:flex-row">
      <Sidebar user={user} />
      <main className="min-w-0 flex-1 px-4 py-4 md:px-8 md:py-6">{children}</main>
    </div>
  )
}
