import type { Metadata } from 'next'
import Link from 'next/link'
import { prisma } from '@/lib/db'
import { listTeams } from '@/lib/teams/list-teams'
import { listUsers, type UserListRow } from '@/lib/users/list-users'
import { CreateUserForm } from '@/components/settings/create-user-form'
import { Time } from '@/components/ui/time'
import { card, emptyState, input, label, secondaryButton, sectionTitle, td } from '@/components/ui/styles'
import { TeamFilterField } from '@/components/settings/team-filter-field'
import { SettingsTable } from '@/components/settings/settings-table'
import { DisableToggle, RoleTeamForm } from '@/components/settings/user-row-controls'
import { requirePermission } from '../require-user'
import { roleOptions } from './role-options'
import { firstValues, parseUsersFilter, toQueryString, type RawSearchParams } from './users-filter'

export const metadata: Metadata = { title: 'Settings — users & roles' }

function row(u: UserListRow) {
  return { id: u.id, email: u.email, role: u.role, teamSlug: u.teamSlug, disabled: u.disabledAt !== null }
}

export default async function UsersSettingsPage({ searchParams }: { searchParams: Promise<RawSearchParams> }) {
  const me = await requirePermission('settings:manage')
  const teams = await listTeams(prisma)
  const { filter, applied } = parseUsersFilter(firstValues(await searchParams), new Map(teams.map((t) => [t.slug, t.id])))
  const users = await listUsers(prisma, filter)
  const teamOptions = teams.map((t) => ({ value: t.slug, label: t.slug }))
  const filtered = Object.keys(applied).length > 0

  return (
    <div className="space-y-8">
      <section aria-labelledby="create-user-title" className={card}>
        <h2 id="create-user-title" className={sectionTitle}>Add a user</h2>
        <p className="mb-3 mt-1 text-tremor-default text-tremor-content">
          Admin and finance see every team; team leads and engineers belong to one team and see its spend, policy and keys.
        </p>
        <CreateUserForm roles={roleOptions} teams={teamOptions} />
      </section>

      <section aria-labelledby="users-title" className="space-y-3">
        <div className="flex flex-wrap items-end justify-between gap-3">
          <div>
            <h2 id="users-title" className={sectionTitle}>Users and roles</h2>
            <p className="text-tremor-default text-tremor-content">
              {users.length} {filtered ? 'matching' : ''} user{users.length === 1 ? '' : 's'}, {users.filter((u) => u.disabledAt === null).length} active. A role
              change or a disabled account takes effect within a minute, also for a user who is signed in.
            </p>
          </div>
          <a href={`/settings/export/users${toQueryString(applied)}`} download className={secondaryButton}>
            Download CSV
          </a>
        </div>

        <form method="get" action="/settings" className="flex flex-wrap items-end gap-3" aria-label="Filter users">
          <div>
            <label htmlFor="f-q" className={label}>Search</label>
            <input id="f-q" name="q" defaultValue={applied.q} placeholder="email or name" className={`mt-1 ${input} w-52`} />
          </div>
          <div>
            <label htmlFor="f-role" className={label}>Role</label>
            <select id="f-role" name="role" defaultValue={applied.role ?? ''} className={`mt-1 ${input} w-auto`}>
              <option value="">Any role</option>
              {roleOptions.map((r) => (
                <option key={r.value} value={r.value}>{r.label}</option>
              ))}
            </select>
          </div>
          <TeamFilterField id="f-team" teams={teams} value={applied.team} withNoTeam />
          <div>
            <label htmlFor="f-status" className={label}>Status</label>
            <select id="f-status" name="status" defaultValue={applied.status ?? ''} className={`mt-1 ${input} w-auto`}>
              <option value="">Any</option>
              <option value="active">Active</option>
              <option value="disabled">Disabled</option>
            </select>
          </div>
          <button type="submit" className={secondaryButton}>Apply</button>
          {filtered ? (
            <Link href="/settings" className="py-1.5 text-tremor-default text-tremor-brand-default hover:underline">
              Clear filters
            </Link>
          ) : null}
        </form>

        {users.length === 0 ? (
          <p className={emptyState}>{filtered ? 'No user matches these filters.' : 'No users yet: add the first one above.'}</p>
        ) : (
          <SettingsTable testId="users-table" columns={[{ label: 'User' }, { label: 'Role and team' }, { label: 'Created' }, { label: 'Status' }]}>
                {users.map((u) => (
                  <tr key={u.id} data-testid="user-row" data-email={u.email} className={u.disabledAt ? 'bg-tremor-background-muted' : undefined}>
                    <td className={td}>
                      <p className="font-medium text-tremor-content-strong">{u.email}</p>
                      <p className="text-tremor-label text-tremor-content">{u.name}{u.id === me.id ? ' · you' : ''}</p>
                    </td>
                    <td className={td} data-cell="role-team" data-role={u.role} data-team={u.teamSlug ?? ''}>
                      <RoleTeamForm user={row(u)} roles={roleOptions} teams={teamOptions} isSelf={u.id === me.id} />
                    </td>
                    <td className={`${td} whitespace-nowrap text-tremor-content`}><Time value={u.createdAt} day /></td>
                    <td className={`${td} whitespace-nowrap`} data-cell="status">
                      <div className="flex items-center gap-3">
                        {u.disabledAt ? (
                          <Time value={u.disabledAt} className="text-red-700">Disabled</Time>
                        ) : (
                          <span className="text-emerald-700">Active</span>
                        )}
                        {u.id === me.id ? null : <DisableToggle user={row(u)} />}
                      </div>
                    </td>
                  </tr>
                ))}
              </SettingsTable>
        )}
      </section>
    </div>
  )
}
