/** "2025-03-04 17:05 UTC" — every time on the settings pages is UTC. */
export function formatUtc(value: Date | string | null | undefined, empty = '—', opts: { seconds?: boolean } = {}): string {
  if (value === null || value === undefined) return empty
  const d = typeof value === 'string' ? new Date(value) : value
  if (Number.isNaN(d.getTime())) return empty
  return `${d.toISOString().slice(0, opts.seconds ? 19 : 16).replace('T', ' ')} UTC`
}
