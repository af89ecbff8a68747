import type { Metadata } from 'next'
import { ComingSoon } from '@/components/ui/coming-soon'
import { requirePage } from '../../require-user'

export const metadata: Metadata = { title: 'API docs' }

export default async function Page() {
  await requirePage('api-docs')
  return (
    <ComingSoon
      title="API docs"
      what="how to post usage (batch ingest and OTLP), ask for route advice and read spend with a team API key."
      details={[
        'POST /api/v1/usage and /api/v1/otlp/v1/traces with examples',
        'Route-advice API and exports',
      ]}
    />
  )
}
