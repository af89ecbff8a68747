import type { Metadata } from 'next'
import { PageHeader } from '@/components/ui/page-header'
import { SwitchListPricesForm } from '@/components/models/switch-list-prices-form'
import { ListPriceChanges } from '@/components/models/list-price-changes'
import { pool, prisma } from '@/lib/db'
import { bundledListPrices } from '@/lib/pricing/bundled-list-prices'
import { loadPriceSource } from '@/lib/pricing/load-price-source'
import { switchToListPrices } from '@/lib/pricing/switch-to-list-prices'
import { queryFirstUsageDay } from '@/lib/reports/query-first-usage-day'
import { toUtcDay } from '@/lib/time/utc-days'
import { listPricesDay } from '@/components/models/list-prices-day'
import { FieldError, fieldErrorProps } from '@/components/ui/field-error'
import { FormMessage } from '@/components/ui/form-state'
import { requirePermission } from '../../require-user'
import { switchListPricesAction } from './actions'
import { BackLink } from '@/components/ui/back-link'
import { DateInput } from '@/components/ui/date-input'

export const metadata: Metadata = { title: 'Switch to list prices · Models & prices' }

export default async function ListPricesPage({ searchParams }: { searchParams: Promise<{ from?: string }> }) {
  const user = await requirePermission('prices:write')
  const sp = await searchParams
  const now = new Date()
  const firstDay = (await queryFirstUsageDay(pool, { teamIds: 'all' })) ?? toUtcDay(now)
  // A day that is not one is said beside the field and previews nothing: the switch is never offered
  // for a day other than the one asked for.
  const fromError = sp.from === undefined || sp.from === '' ? undefined : listPricesDay.safeParse(sp.from).error?.issues[0]?.message
  const effectiveDate = sp.from && !fromError ? sp.from : firstDay
  const [source, preview] = await Promise.all([
    loadPriceSource(pool, now),
    fromError ? null : switchToListPrices(prisma, pool, { dryRun: true, effectiveFrom: new Date(`${effectiveDate}T00:00:00Z`), actor: { id: user.id, name: user.email }, now }),
  ])

  return (
    <>
      <BackLink href="/models">All models</BackLink>
      <PageHeader
        title="Switch to list prices"
        description={`Prices in force now: ${source.label}. The bundled ${bundledListPrices.name} (taken ${bundledListPrices.bundledOn}) bills input and output separately, as providers do. This dry run shows every price it would change and writes nothing; the switch adds list-price versions from the effective date (history is kept) and re-prices the usage since, so past figures use them too.`}
      />
      <form method="get" className="mb-4 flex flex-wrap items-end gap-2 text-tremor-default">
        <label className="flex flex-col gap-1">
          <span className="font-medium text-tremor-content-strong">Effective from</span>
          <DateInput name="from" {...fieldErrorProps('list-prices-from', fromError)} defaultValue={fromError ? sp.from : effectiveDate} className="rounded-tremor-default border border-tremor-border-default px-2 py-1.5" />
        </label>
        <button type="submit" className="rounded-tremor-default border border-tremor-border-default bg-white px-3 py-1.5 font-medium text-tremor-content-strong hover:bg-tremor-background-subtle">
          Preview again
        </button>
        <span className="text-tremor-content">Default: the first day with usage ({firstDay}).</span>
        {fromError ? (
          <div className="basis-full">
            <FieldError id="list-prices-from" message={fromError} />
          </div>
        ) : null}
      </form>
      {preview ? (
        <>
          <ListPriceChanges changes={preview.result.changes} conflicts={preview.result.conflicts.length} />
          <div className="mt-6">
            <SwitchListPricesForm action={switchListPricesAction} effectiveDate={effectiveDate} changes={preview.result.changes.length} />
          </div>
        </>
      ) : (
        <FormMessage state={{ status: 'error', message: 'Check the highlighted fields.' }} testId="list-prices-message" />
      )}
    </>
  )
}
