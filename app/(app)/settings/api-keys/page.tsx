import type { Metadata } from 'next'
import { listApiKeys } from '@/lib/auth/api-keys'
import { prisma } from '@/lib/db'
import { Time } from '@/components/ui/time'
import { CreateOrgKeyForm, RevokeOrgKeyButton } from '@/components/settings/org-key-forms'
import { card, emptyState, secondaryButton, sectionTitle, td } from '@/components/ui/styles'
import { SettingsTable } from '@/components/settings/settings-table'
import { requirePermission } from '../../require-user'
import { loadUserEmails } from '@/lib/users/load-user-emails'

export const metadata: Metadata = { title: 'Settings — org API keys' }

export default async function OrgKeysSettingsPage() {
  await requirePermission('settings:manage')
  const keys = await listApiKeys(prisma, null)
  const emails = await loadUserEmails(keys.map((k) => k.createdById))
  const active = keys.filter((k) => k.revokedAt === null).length

  return (
    <div className="space-y-8">
      <section aria-labelledby="create-key-title" className={card}>
        <h2 id="create-key-title" className={sectionTitle}>Create an org-wide key</h2>
        <p className="mb-3 mt-1 text-tremor-default text-tremor-content">
          For finance automation: the scope <code className="font-mono">spend:read:all</code> reads every team&apos;s spend through{' '}
          <code className="font-mono">GET /api/v1/spend</code> and nothing else. Team keys (usage ingest) are made on each team&apos;s page.
        </p>
        <CreateOrgKeyForm />
      </section>

      <section aria-labelledby="keys-title" className="space-y-3">
        <div className="flex flex-wrap items-end justify-between gap-3">
          <div>
            <h2 id="keys-title" className={sectionTitle}>Org-wide keys</h2>
            <p className="text-tremor-default text-tremor-content">{keys.length} key{keys.length === 1 ? '' : 's'}, {active} active. Only a prefix and a hash are stored.</p>
          </div>
          <a href="/settings/export/api-keys" download className={secondaryButton}>Download CSV</a>
        </div>
        {keys.length === 0 ? (
          <p className={emptyState}>No org-wide keys yet.</p>
        ) : (
          <SettingsTable testId="org-keys-table" columns={[{ label: 'Key' }, { label: 'Scopes' }, { label: 'Created' }, { label: 'Last used' }, { label: 'Status' }, { label: 'Actions', hidden: true }]}>
                {keys.map((k) => (
                  <tr key={k.id} data-testid="org-key-row" data-prefix={k.prefix}>
                    <td className={td}>
                      <p className="font-medium text-tremor-content-strong">{k.name}</p>
                      <p className="font-mono text-tremor-label text-tremor-content">{k.prefix}_…</p>
                    </td>
                    <td className={`${td} font-mono text-tremor-label`}>{k.scopes.join(', ')}</td>
                    <td className={`${td} whitespace-nowrap text-tremor-content`}>
                      <Time value={k.createdAt} />
                      <p className="text-tremor-label">{k.createdById !== null ? (emails.get(k.createdById) ?? `user ${k.createdById}`) : 'CLI'}</p>
                    </td>
                    <td className={`${td} whitespace-nowrap text-tremor-content`}><Time value={k.lastUsedAt} empty="never" /></td>
                    <td className={`${td} whitespace-nowrap`} data-cell="status">
                      {k.revokedAt ? <span className="text-red-700">Revoked <Time value={k.revokedAt} /></span> : <span className="text-emerald-700">Active</span>}
                    </td>
                    <td className={td}>{k.revokedAt ? null : <RevokeOrgKeyButton prefix={k.prefix} name={k.name} />}</td>
                  </tr>
                ))}
              </SettingsTable>
        )}
      </section>
    </div>
  )
}
