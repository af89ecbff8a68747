import type { ReactNode } from 'react'
import { table, tableWrap, tbody, th, thead } from '@/components/ui/styles'

export type SettingsColumn = { label: string; className?: string; hidden?: boolean }

/** The settings pages' table: bordered, scrolls sideways on narrow screens; rows come as children. */
export function SettingsTable({ testId, columns, className, stickyHeader, children }: { testId: string; columns: SettingsColumn[]; className?: string; stickyHeader?: boolean; children: ReactNode }) {
  return (
    // Focusable: a keyboard must be able to scroll a wide table sideways.
    <div tabIndex={0} role="region" aria-label={testId.replace(/-/g, ' ')} className={className ? `${tableWrap} ${className}` : tableWrap}>
      <table className={table} data-testid={testId}>
        <thead className={stickyHeader ? `${thead} sticky top-0` : thead}>
          <tr>
            {columns.map((c) => (
              <th key={c.label} scope="col" className={c.className ? `${th} ${c.className}` : th}>
                {c.hidden ? <span className="sr-only">{c.label}</span> : c.label}
              </th>
            ))}
          </tr>
        </thead>
        <tbody className={tbody}>{children}</tbody>
      </table>
    </div>
  )
}
