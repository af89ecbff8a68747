import type { ReactNode } from 'react'
import { can, type Permission } from '@/lib/auth/permissions'
import { PageHeader } from '@/components/ui/page-header'
import { SettingsTabs, type SettingsTab } from '@/components/settings/settings-tabs'
import { requirePermission, requireUser } from '../require-user'

const tabs: (SettingsTab & { permission: Permission })[] = [
  { href: '/settings', label: 'Users & roles', permission: 'users:manage' },
  { href: '/settings/teams', label: 'Teams', permission: 'teams:manage' },
  { href: '/settings/api-keys', label: 'Org API keys', permission: 'keys:manage:all' },
  { href: '/settings/webhooks', label: 'Webhooks & alerts', permission: 'settings:manage' },
  { href: '/settings/audit', label: 'Audit log', permission: 'audit:read' },
  { href: '/admin/queues', label: 'Queues', permission: 'queues:admin' },
]

// Tabs only: each page checks its own permission (layouts don't see the path). Finance reaches
// /settings/audit alone, so it sees that one tab.
export default async function SettingsLayout({ children }: { children: ReactNode }) {
  const user = await requireUser()
  // Nobody without either permission gets past here (before anything streams, so the 403 keeps its status).
  if (!can(user.role, 'settings:manage') && !can(user.role, 'audit:read')) await requirePermission('settings:manage')
  const visible = tabs.filter((t) => can(user.role, t.permission)).map(({ href, label }) => ({ href, label }))
  const admin = can(user.role, 'settings:manage')
  return (
    <>
      <PageHeader
        title={admin ? 'Settings' : 'Audit log'}
        description={admin ? 'Teams, users and roles, org-wide API keys, webhooks, the audit log and the job queues.' : 'Who changed prices, policies, keys, users and roles, and when (read-only).'}
      />
      {visible.length > 1 ? <SettingsTabs tabs={visible} /> : null}
      {children}
    </>
  )
}
