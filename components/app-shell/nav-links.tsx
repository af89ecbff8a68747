'use client'

import Link from 'next/link'
import { usePathname } from 'next/navigation'
import type { NavItem } from './nav-items'

export function NavLinks({ items }: { items: NavItem[] }) {
  const pathname = usePathname()
  return (
    <ul className="flex gap-1 overflow-x-auto md:block md:space-y-0.5">
      {items.map((item) => {
        const active = pathname === item.href || pathname.startsWith(`${item.href}/`)
        return (
          <li key={item.area} className="shrink-0">
            <Link
              href={item.href}
              aria-current={active ? 'page' : undefined}
              className={`block whitespace-nowrap rounded-tremor-small px-3 py-2 text-tremor-default font-medium transition-colors ${
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
