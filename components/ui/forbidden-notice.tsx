import Link from 'next/link'

export function ForbiddenNotice({ need }: { need?: string }) {
  return (
    <section className="mx-auto mt-12 max-w-lg rounded-tremor-default border border-tremor-border-default bg-white p-8 text-center shadow-tremor-card">
      <p className="text-tremor-metric font-semibold text-tremor-content-strong">403 — not allowed</p>
      <p className="mt-3 text-tremor-default text-tremor-content">
        Your role may not open this page{need ? <> (needs <code className="font-mono text-tremor-content-emphasis">{need}</code>)</> : null}. Ask
        an admin if you think you should.
      </p>
      <Link href="/spend" className="mt-6 inline-block text-tremor-default font-medium text-tremor-brand-default hover:underline">
        Back to Spend
      </Link>
    </section>
  )
}
