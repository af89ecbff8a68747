import Link from 'next/link'

// Month picker as a plain GET form: the chosen month lives in the URL, so a statement can be shared.

export function shiftMonth(month: string, by: number): string {
  const [y, m] = month.split('-').map(Number)
  return new Date(Date.UTC(y ?? 1970, (m ?? 1) - 1 + by, 1)).toISOString().slice(0, 7)
}

export function MonthNav({ month, months }: { month: string; months: string[] }) {
  const link = 'rounded-tremor-default border border-tremor-border-default bg-white px-3 py-1.5 text-tremor-default text-tremor-content-emphasis hover:bg-tremor-background-subtle'
  return (
    <nav aria-label="Choose the month" className="flex flex-wrap items-center gap-2">
      <Link href={`/reports?month=${shiftMonth(month, -1)}`} className={link} aria-label="Previous month">
        ←
      </Link>
      <form method="get" action="/reports" className="flex items-center gap-2">
        <label htmlFor="month" className="sr-only">
          Month
        </label>
        <select
          id="month"
          name="month"
          defaultValue={month}
          className="rounded-tremor-default border border-tremor-border-default bg-white px-3 py-1.5 text-tremor-default text-tremor-content-strong shadow-tremor-input"
        >
          {(months.includes(month) ? months : [month, ...months]).map((m) => (
            <option key={m} value={m}>
              {m}
            </option>
          ))}
        </select>
        <button type="submit" className={link}>
          Show
        </button>
      </form>
      <Link href={`/reports?month=${shiftMonth(month, 1)}`} className={link} aria-label="Next month">
        →
      </Link>
    </nav>
  )
}
