import Link from 'next/link'

export type PresetLink = { key: string; label: string; href: string; active: boolean }

/** The date shortcuts as links (the range lives in the URL); the one in force is marked current. */
export function DatePresetLinks({ presets }: { presets: readonly PresetLink[] }) {
  return (
    <nav aria-label="Date presets" className="mb-3 flex flex-wrap gap-2">
      {presets.map((p) => (
        <Link
          key={p.key}
          href={p.href}
          aria-current={p.active ? 'page' : undefined}
          className={`rounded-tremor-full border px-3 py-1 text-tremor-default ${
            p.active ? 'border-tremor-brand-default bg-tremor-brand-faint font-medium text-tremor-brand-emphasis' : 'border-tremor-border-default bg-white text-tremor-content-emphasis hover:bg-tremor-background-subtle'
          }`}
        >
          {p.label}
        </Link>
      ))}
    </nav>
  )
}
