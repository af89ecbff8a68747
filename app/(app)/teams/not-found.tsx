import Link from 'next/link'

export default function TeamNotFound() {
  return (
    <section className="mx-auto mt-12 max-w-lg rounded-tremor-default border border-tremor-border-default bg-white p-8 text-center shadow-tremor-card">
      <p className="text-tremor-metric font-semibold text-tremor-content-strong">404 — no such team</p>
      <p className="mt-3 text-tremor-default text-tremor-content">There is no team with that slug.</p>
      <Link href="/teams" className="mt-6 inline-block text-tremor-default font-medium text-tremor-brand-default hover:underline">
        All teams
      </Link>
    </section>
  )
}
