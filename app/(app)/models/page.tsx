import type { Metadata } from 'next'
import Link from 'next/link'
import type { Route } from '@prisma/client'
import { pool, prisma } from '@/lib/db'
import { PriceSourceNote } from '@/components/models/price-source-note'
import { loadPriceSource } from '@/lib/pricing/load-price-source'
import { can } from '@/lib/auth/permissions'
import { listCatalog } from '@/lib/catalog/list-catalog'
import { PageHeader } from '@/components/ui/page-header'
import { ModelsTable } from '@/components/models/models-table'
import { routeLabels, routeOrder } from '@/components/models/catalog-labels'
import { requirePage } from '../require-user'

export const metadata: Metadata = { title: 'Models & prices' }

function isRoute(value: unknown): value is Route {
  return typeof value === 'string' && (routeOrder as string[]).includes(value)
}

type Filters = { route: Route | null; unpriced: boolean }

function hrefFor(f: Filters): string {
  const q = new URLSearchParams()
  if (f.route) q.set('route', f.route)
  if (f.unpriced) q.set('unpriced', '1')
  const s = q.toString()
  return s ? `/models?${s}` : '/models'
}

const linkButton =
  'rounded-tremor-default border border-tremor-border-default bg-white px-3 py-1.5 text-tremor-default font-medium text-tremor-content-strong shadow-tremor-input hover:bg-tremor-background-subtle'

export default async function ModelsPage({ searchParams }: { searchParams: Promise<{ route?: string; unpriced?: string }> }) {
  const user = await requirePage('models')
  const sp = await searchParams
  const filters: Filters = { route: isRoute(sp.route) ? sp.route : null, unpriced: sp.unpriced === '1' }

  const [catalog, priceSource] = await Promise.all([listCatalog(prisma, new Date()), loadPriceSource(pool)])
  const shown = catalog.filter((m) => (!filters.route || m.route === filters.route) && (!filters.unpriced || m.price === null))
  const unpriced = catalog.filter((m) => m.price === null)
  const canWrite = can(user.role, 'prices:write')
  const canReprice = can(user.role, 'prices:reprice')

  const chip = (href: string, label: string, count: number, active: boolean, tone: 'brand' | 'amber' = 'brand') => (
    <Link
      key={href + label}
      href={href}
      aria-current={active ? 'page' : undefined}
      className={`rounded-tremor-full border px-3 py-1 text-tremor-default ${
        active
          ? tone === 'amber'
            ? 'border-amber-400 bg-amber-50 font-medium text-amber-900'
            : 'border-tremor-brand-default bg-tremor-brand-faint font-medium text-tremor-brand-emphasis'
          : 'border-tremor-border-default bg-white text-tremor-content-emphasis hover:bg-tremor-background-subtle'
      }`}
    >
      {label} <span className="text-tremor-content">{count}</span>
    </Link>
  )

  const exportQuery = new URLSearchParams()
  if (filters.route) exportQuery.set('route', filters.route)
  if (filters.unpriced) exportQuery.set('unpriced', '1')

  return (
    <>
      <PageHeader
        title="Models & prices"
        description={
          <>
            The catalog with the price version in force now, in USD per 1M tokens. Cache prices fall back to the input price and reasoning to the
            output price when a model has none of its own. Open a model for its full price history.
            {canWrite ? ' Admin and finance can edit prices.' : ' Prices are edited by admin and finance.'}
          </>
        }
        actions={
          <div className="flex flex-wrap gap-2">
            {canWrite ? (
              <Link href="/models/import" className={linkButton}>
                Import LiteLLM prices
              </Link>
            ) : null}
            {canReprice ? (
              <Link href="/models/reprice" className={linkButton}>
                Re-price usage
              </Link>
            ) : null}
            <a href={`/models/export${exportQuery.size ? `?${exportQuery}` : ''}`} download className={linkButton}>
              Download CSV
            </a>
          </div>
        }
      />

      <PriceSourceNote source={priceSource} canSwitch={canWrite && canReprice} />

      {unpriced.length > 0 ? (
        <div role="status" data-testid="unpriced-banner" className="mb-4 rounded-tremor-default border border-amber-200 bg-amber-50 px-4 py-3 text-tremor-default text-amber-900">
          <strong>
            {unpriced.length} of {catalog.length} models unpriced.
          </strong>{' '}
          Usage of an unpriced model is stored with cost unknown and counted as unpriced — never as free — until a price version is added:{' '}
          {unpriced
            .slice(0, 8)
            .map((m) => m.displayName)
            .join(', ')}
          {unpriced.length > 8 ? ` and ${unpriced.length - 8} more` : ''}.{' '}
          {filters.unpriced ? null : (
            <Link href={hrefFor({ ...filters, unpriced: true })} className="font-medium underline">
              Show only unpriced
            </Link>
          )}
        </div>
      ) : null}

      <nav aria-label="Filter by route" className="mb-4 flex flex-wrap gap-2">
        {chip(hrefFor({ ...filters, route: null }), 'All routes', catalog.filter((m) => !filters.unpriced || m.price === null).length, filters.route === null)}
        {routeOrder.map((r) =>
          chip(
            hrefFor({ ...filters, route: r }),
            routeLabels[r],
            catalog.filter((m) => m.route === r && (!filters.unpriced || m.price === null)).length,
            filters.route === r,
          ),
        )}
        <span className="mx-1 hidden w-px bg-tremor-border-default sm:block" aria-hidden="true" />
        {chip(
          hrefFor({ ...filters, unpriced: !filters.unpriced }),
          filters.unpriced ? 'Unpriced only ✕' : 'Unpriced only',
          catalog.filter((m) => m.price === null && (!filters.route || m.route === filters.route)).length,
          filters.unpriced,
          'amber',
        )}
      </nav>

      {shown.length === 0 ? (
        <p className="rounded-tremor-default border border-tremor-border-default bg-white p-6 text-tremor-default text-tremor-content">
          {filters.unpriced
            ? `Every model${filters.route ? ` on the ${routeLabels[filters.route]} route` : ''} has a price in force.`
            : `No models in the catalog${filters.route ? ` for the ${routeLabels[filters.route]} route` : ''} yet.`}
        </p>
      ) : (
        <ModelsTable models={shown} canWrite={canWrite} />
      )}
    </>
  )
}
