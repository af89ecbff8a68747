import { input, label } from '@/components/ui/styles'

/** The "Team" select of a settings filter form: any team, optionally "no team", then each team by slug. */
export function TeamFilterField({ id, teams, value, withNoTeam = false }: { id: string; teams: { slug: string }[]; value?: string; withNoTeam?: boolean }) {
  return (
    <div>
      <label htmlFor={id} className={label}>Team</label>
      <select id={id} name="team" defaultValue={value ?? ''} className={`mt-1 ${input} w-auto max-w-48`}>
        <option value="">Any team</option>
        {withNoTeam ? <option value="none">No team</option> : null}
        {teams.map((t) => (
          <option key={t.slug} value={t.slug}>{t.slug}</option>
        ))}
      </select>
    </div>
  )
}
