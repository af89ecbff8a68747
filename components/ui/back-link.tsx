import Link from 'next/link'

/** The "← back to the list" line above a detail page's header. */
export function BackLink({ href, children }: { href: string; children: React.ReactNode }) {
  return (
    <p className="mb-2 text-tremor-default">
      <Link href={href} className="text-tremor-brand-default hover:underline">
        ← {children}
      </Link>
    </p>
  )
}
