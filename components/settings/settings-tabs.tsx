'use client'

import Link from 'next/link'
import { usePathname } from 'next/navigation'
import { useEffect, useRef } from 'react'

export type SettingsTab = { href: string; label: string }

export function SettingsTabs({ tabs }: { tabs: SettingsTab[] }) {
  const pathname = usePathname()
  const navRef = useRef<HTMLElement>(null)
  // On a phone the tab row scrolls sideways; keep the current tab in view.
  useEffect(() => {
    navRef.current?.querySelector('[aria-current="page"]')?.scrollIntoView({ block: 'nearest', inline: 'nearest' })
  }, [pathname])
  return (
    <nav ref={navRef} aria-label="Settings sections" className="mb-6 overflow-x-auto border-b border-tremor-border-default">
      <ul className="flex min-w-max gap-1">
        {tabs.map((tab) => {
          const active = tab.href === '/settings' ? pathname === '/settings' : pathname === tab.href || pathname.startsWith(`${tab.href}/`)
          return (
            <li key={tab.href}>
              <Link
                href={tab.href}
                aria-current={active ? 'page' : undefined}
                className={`-mb-px block border-b-2 px-3 py-2 text-tremor-default font-medium whitespace-nowrap ${
                  active
                    ? 'border-tremor-brand-default text-tremor-brand-emphasis'
                    : 'border-transparent text-tremor-content hover:border-tremor-border-default hover:text-tremor-content-strong'
                }`}
              >
                {tab.label}
              </Link>
            </li>
          )
        })}
      </ul>
    </nav>
  )
}
