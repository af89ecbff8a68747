import { PageHeader } from './page-header'

export function ComingSoon({ title, what, details }: { title: string; what: string; details?: string[] }) {
  return (
    <>
      <PageHeader title={title} />
      <section className="max-w-2xl rounded-tremor-default border border-dashed border-tremor-border-default bg-white p-6 shadow-tremor-card">
        <p className="text-tremor-label font-semibold uppercase tracking-wide text-tremor-brand-default">Coming soon</p>
        <p className="mt-2 text-tremor-default text-tremor-content-strong">Coming soon — {what}</p>
        {details && details.length > 0 ? (
          <ul className="mt-3 list-disc space-y-1 pl-5 text-tremor-default text-tremor-content">
            {details.map((d) => (
              <li key={d}>{d}</li>
            ))}
          </ul>
        ) : null}
      </section>
    </>
  )
}
