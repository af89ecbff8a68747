import type { Metadata } from 'next'
import Link from 'next/link'
import type { Route } from '@prisma/client'
import { prisma } from '@/lib/db'
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

export default async function ModelsPage({ searchParams }: { searchParams: Promise<{ route?: string }> }) {
  const user = await requirePage('models')
  const { route } = await searchParams
  const selected = isRoute(route) ? route : null

  const catalog = await listCatalog(prisma, new Date())
  const shown = selected ? catalog.filter((m) => m.route === selected) : catalog
  const unpriced = catalog.filter((m) => m.price === null)

  const chip = (href: string, label: string, count: number, active: boolean) => (
    <Link
      key={href}
      href={href}
      aria-current={active ? 'page' : undefined}
      className={`rounded-tremor-full border px-3 py-1 text-tremor-default ${
        active
          ? 'border-tremor-brand-default bg-tremor-brand-faint font-medium text-tremor-brand-emphasis'
          : 'border-tremor-border-default bg-white text-tremor-content-emphasis hover:bg-tremor-background-subtle'
      }`}
    >
      {label} <span className="text-tremor-content">{count}</span>
    </Link>
  )

  return (
    <>
      <PageHeader
        title="Models & prices"
        description={
          <>
            The catalog with the price version in force now, in USD per 1M tokens. Cache prices fall back to the input price and reasoning to the
            output price when a model has none of its own.
            {can(user.role, 'prices:write') ? ' Admin and finance can edit prices.' : ' Prices are edited by admin and finance.'}
          </>
        }
        actions={
          <a
            href="/models/export"
            download
            className="rounded-tremor-default border border-tremor-border-default bg-white px-3 py-1.5 text-tremor-default font-medium text-tremor-content-strong shadow-tremor-input hover:bg-tremor-background-subtle"
          >
            Download CSV
          </a>
        }
      />

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
          {unpriced.length > 8 ? ` and ${unpriced.length - 8} more` : ''}.
        </div>
      ) : null}

      <nav aria-label="Filter by route" className="mb-4 flex flex-wrap gap-2">
        {chip('/models', 'All routes', catalog.length, selected === null)}
        {routeOrder.map((r) => chip(`/models?route=${r}`, routeLabels[r], catalog.filter((m) => m.route === r).length, selected === r))}
      </nav>

      {shown.length === 0 ? (
        <p className="rounded-tremor-default border border-tremor-border-default bg-white p-6 text-tremor-default text-tremor-content">
          No models in the catalog{selected ? ` for the ${routeLabels[selected]} route` : ''} yet.
        </p>
      ) : (
        <ModelsTable models={shown} />
      )}
    </>
  )
}
