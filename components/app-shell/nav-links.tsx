'use client'

import Link from 'next/link'
import { usePathname } from 'next/navigation'
import type { NavItem } from './nav-items'

export function NavLinks({ items }: { items: NavItem[] }) {
  const pathname = usePathname()
  // One current item: the longest href the path is under (/settings/audit is Audit log, not Settings too).
  const matching = items.filter((i) => pathname === i.href || pathname.startsWith(`${i.href}/`))
  const current = matching.reduce<NavItem | null>((best, i) => (best && best.href.length >= i.href.length ? best : i), null)
  // Narrow screens wrap the items into rows rather than scroll them: every page stays in sight.
  return (
    <ul className="flex flex-wrap gap-1 md:block md:space-y-0.5">
      {items.map((item) => {
        const active = current?.area === item.area
        return (
          <li key={item.area}>
            <Link
              href={item.href}
              aria-current={active ? 'page' : undefined}
              className={`block whitespace-nowrap rounded-tremor-small px-2.5 py-1.5 text-tremor-default md:px-3 md:py-2 font-medium transition-colors ${
                active
                  ? 'bg-tremor-brand-faint text-tremor-brand-emphasis'
                  : 'text-tremor-content-emphasis hover:bg-tremor-background-subtle hover:text-tremor-content-strong'
              }`}
            >
              {item.label}
            </Link>
          </li>
        )
      })}
    </ul>
  )
}
