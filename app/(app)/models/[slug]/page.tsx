import type { Metadata } from 'next'
import Link from 'next/link'
import { notFound } from 'next/navigation'
import { can } from '@/lib/auth/permissions'
import { prisma } from '@/lib/db'
import { PageHeader } from '@/components/ui/page-header'
import { RatingList } from '@/components/models/rating-list'
import { AddPriceForm } from '@/components/models/add-price-form'
import { Badge } from '@/components/models/badge'
import { deploymentLabels, orderedRatings, routeLabels } from '@/components/models/catalog-labels'
import { formatPerMillion } from '@/components/ui/format'
import { InfrastructureForm } from '@/components/models/infrastructure-form'
import { PriceHistoryTable } from '@/components/models/price-history-table'
import { PriceStepChart } from '@/components/spend/trend-charts'
import { priceSteps } from '@/lib/pricing/price-steps'
import { requirePage } from '../../require-user'
import { addPriceVersionAction, infrastructurePriceAction } from '../actions'
import { loadModelWithHistory } from '@/lib/catalog/load-model-with-history'
import { toUtcDay } from '@/lib/time/utc-days'
import { BackLink } from '@/components/ui/back-link'
import { countUnpricedCalls, listModelOptions } from '@/lib/catalog/list-model-options'

type Props = { params: Promise<{ slug: string }> }

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const { slug } = await params
  return { title: `${slug} · Models & prices` }
}

const linkButton =
  'rounded-tremor-default border border-tremor-border-default bg-white px-3 py-1.5 text-tremor-default font-medium text-tremor-content-strong shadow-tremor-input hover:bg-tremor-background-subtle'

export default async function ModelPage({ params }: Props) {
  const user = await requirePage('models')
  const { slug } = await params
  const now = new Date()
  const model = await loadModelWithHistory(slug, now)
  if (!model) notFound()
  const canWrite = can(user.role, 'prices:write')
  const canReprice = can(user.role, 'prices:reprice')
  const current = model.versions.find((v) => v.state === 'in-force') ?? null
  const ratings = orderedRatings(model.ratings)
  const unpricedCalls = await countUnpricedCalls(prisma, model.id)
  const models = canWrite ? await listModelOptions(prisma, 'displayName') : []
  const today = toUtcDay(now)

  const buckets = current
    ? [
        { label: 'Input', value: formatPerMillion(current.input), fallback: null },
        { label: 'Cache read', value: formatPerMillion(current.cacheRead ?? current.input), fallback: current.cacheRead === null ? 'input' : null },
        { label: 'Cache write', value: formatPerMillion(current.cacheWrite ?? current.input), fallback: current.cacheWrite === null ? 'input' : null },
        { label: 'Output', value: formatPerMillion(current.output), fallback: null },
        { label: 'Reasoning', value: formatPerMillion(current.reasoning ?? current.output), fallback: current.reasoning === null ? 'output' : null },
      ]
    : []

  return (
    <>
      <BackLink href="/models">All models</BackLink>
      <PageHeader
        title={model.displayName}
        description={
          <>
            <span className="font-mono">{model.slug}</span> · {model.family} · provider {model.provider}
            {model.parameters ? ` · ${model.parameters}` : ''}
          </>
        }
        actions={
          <>
            {canReprice ? (
              <Link href={`/models/reprice?model=${encodeURIComponent(model.slug)}`} className={linkButton}>
                Re-price usage
              </Link>
            ) : null}
            <a href={`/models/${encodeURIComponent(model.slug)}/export`} download className={linkButton}>
              History CSV
            </a>
          </>
        }
      />

      <div className="mb-6 grid gap-4 lg:grid-cols-3">
        <section className="rounded-tremor-default border border-tremor-border-default bg-white p-4 shadow-tremor-card">
          <h2 className="text-tremor-default font-semibold text-tremor-content-strong">Catalog</h2>
          <dl className="mt-2 grid grid-cols-[auto_1fr] gap-x-3 gap-y-1 text-tremor-default">
            <dt className="text-tremor-content">Route</dt>
            <dd>
              <Badge tone="blue">{routeLabels[model.route]}</Badge>
            </dd>
            <dt className="text-tremor-content">Deployment</dt>
            <dd>{deploymentLabels[model.deployment]}</dd>
            <dt className="text-tremor-content">Latency</dt>
            <dd>{model.latencyClass}</dd>
            <dt className="text-tremor-content">Matches</dt>
            <dd className="break-words font-mono text-tremor-label">{model.aliases.length ? model.aliases.join(', ') : model.slug}</dd>
          </dl>
          {model.notes ? <p className="mt-2 text-tremor-label text-tremor-content">{model.notes}</p> : null}
        </section>
        <section className="rounded-tremor-default border border-tremor-border-default bg-white p-4 shadow-tremor-card">
          <h2 className="text-tremor-default font-semibold text-tremor-content-strong">Ratings (Part 3)</h2>
          {ratings.length === 0 ? (
            <p className="mt-2 text-tremor-default text-tremor-content">Not rated in the star matrix.</p>
          ) : (
            <RatingList ratings={ratings} className="mt-2 grid grid-cols-[auto_auto] justify-start gap-x-4 gap-y-1 text-tremor-default" labelClassName="text-tremor-content" />
          )}
        </section>
        <section className="rounded-tremor-default border border-tremor-border-default bg-white p-4 shadow-tremor-card" data-testid="current-price">
          <h2 className="text-tremor-default font-semibold text-tremor-content-strong">Price now (USD per 1M tokens)</h2>
          {current ? (
            <>
              <dl className="mt-2 grid grid-cols-[auto_1fr] gap-x-3 gap-y-1 text-tremor-default">
                {buckets.map((b) => (
                  <div key={b.label} className="contents">
                    <dt className="text-tremor-content">{b.label}</dt>
                    <dd className="font-mono tabular-nums text-tremor-content-strong" data-bucket={b.label}>
                      {b.value}
                      {b.fallback ? <span className="ml-2 font-sans text-tremor-label text-tremor-content-subtle">= {b.fallback}</span> : null}
                    </dd>
                  </div>
                ))}
              </dl>
              <p className="mt-2 text-tremor-label text-tremor-content">Version #{current.id}, since {toUtcDay(current.effectiveFrom)}</p>
            </>
          ) : (
            <div className="mt-2">
              <Badge tone="red">Unpriced</Badge>
              <p className="mt-1 text-tremor-default text-tremor-content">No price version in force: usage is stored with cost unknown, never as free.</p>
            </div>
          )}
          {unpricedCalls > 0 ? (
            <p className="mt-2 text-tremor-label text-amber-800" data-testid="unpriced-calls">
              {unpricedCalls.toLocaleString('en-US')} stored call{unpricedCalls === 1 ? '' : 's'} of this model {unpricedCalls === 1 ? 'is' : 'are'} unpriced;
              a new price covering their time prices them automatically.
            </p>
          ) : null}
        </section>
      </div>

      <h2 className="mb-2 text-tremor-title font-semibold text-tremor-content-strong">Price history</h2>
      {model.versions.length === 0 ? (
        <p className="mb-6 rounded-tremor-default border border-tremor-border-default bg-white p-6 text-tremor-default text-tremor-content">
          No price versions yet{canWrite ? ' — add the first one below.' : '.'}
        </p>
      ) : (
        <div className="mb-6 grid grid-cols-1 gap-4 xl:grid-cols-[3fr_2fr]">
          <div className="min-w-0">
            <PriceHistoryTable versions={model.versions} />
            <p className="mt-2 text-tremor-label text-tremor-content">
            A new version closes the one in force at its start; none is ever overwritten. Events already priced keep their price until a
            re-price.
            </p>
          </div>
          <div className="rounded-tremor-default border border-tremor-border-default bg-white p-4 shadow-tremor-card" data-testid="price-step-chart">
            <h3 className="mb-2 text-tremor-default font-medium text-tremor-content-strong">Price per 1M tokens over time (USD)</h3>
            <PriceStepChart data={priceSteps(model.versions, now)} label={`${model.displayName}: input and output price per 1M tokens over time, one step per price version`} />
          </div>
        </div>
      )}

      {canWrite ? (
        <section className="mb-6 rounded-tremor-default border border-tremor-border-default bg-white p-4 shadow-tremor-card" aria-labelledby="add-price">
          <h2 id="add-price" className="mb-3 text-tremor-title font-semibold text-tremor-content-strong">
            Add a price version
          </h2>
          <AddPriceForm action={addPriceVersionAction} models={models} modelId={model.id} today={today} />
        </section>
      ) : null}

      {canWrite && model.deployment === 'local' ? (
        <section className="mb-6 rounded-tremor-default border border-tremor-border-default bg-white p-4 shadow-tremor-card" aria-labelledby="infra-price">
          <h2 id="infra-price" className="text-tremor-title font-semibold text-tremor-content-strong">
            Infrastructure estimate
          </h2>
          <p className="mb-3 text-tremor-default text-tremor-content">
            A self-hosted model costs what its hardware costs: GPU-hour price ÷ tokens per hour. Saved as a derived, infrastructure-sourced version.
          </p>
          <InfrastructureForm action={infrastructurePriceAction} modelId={model.id} today={today} />
        </section>
      ) : null}
    </>
  )
}
