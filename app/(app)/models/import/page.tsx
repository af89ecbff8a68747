import type { Metadata } from 'next'
import { PageHeader } from '@/components/ui/page-header'
import { LiteLlmImport } from '@/components/models/litellm-import'
import { requirePermission } from '../../require-user'
import { toUtcDay } from '@/lib/time/utc-days'
import { BackLink } from '@/components/ui/back-link'

export const metadata: Metadata = { title: 'Import LiteLLM prices · Models & prices' }

export default async function ImportPage() {
  await requirePermission('prices:write')
  return (
    <>
      <BackLink href="/models">All models</BackLink>
      <PageHeader
        title="Import LiteLLM prices"
        description="Upload LiteLLM's model price map. The dry run shows, per catalog model, the price per bucket now and after, what is unchanged, skipped or in conflict — and writes nothing. Apply adds a LiteLLM-sourced price version only where billing would change; history is never overwritten. Local models only take prices from local runtimes."
      />
      <LiteLlmImport today={toUtcDay(new Date())} />
    </>
  )
}
