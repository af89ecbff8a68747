import Link from 'next/link'

// Views of one page as links (a view is a URL, so it can be shared and works without JavaScript).
export function ViewTabs({ tabs, label = 'Views' }: { tabs: { href: string; label: string; active: boolean; testId?: string }[]; label?: string }) {
  return (
    <nav aria-label={label} className="mb-5 flex gap-2 border-b border-tremor-border-default">
      {tabs.map((t) => (
        <Link
          key={t.href}
          href={t.href}
          aria-current={t.active ? 'page' : undefined}
          data-testid={t.testId}
          className={`-mb-px border-b-2 px-3 py-2 text-tremor-default font-medium ${
            t.active ? 'border-tremor-brand-default text-tremor-brand-emphasis' : 'border-transparent text-tremor-content hover:text-tremor-content-strong'
          }`}
        >
          {t.label}
        </Link>
      ))}
    </nav>
  )
}
