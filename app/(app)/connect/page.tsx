import type { Metadata } from 'next'
import Link from 'next/link'
import { buildExamples, KEY_PLACEHOLDER, type ApiExample } from '@/components/api-docs/build-examples'
import { CodeExamples } from '@/components/api-docs/code-block'
import { requestOrigin } from '@/components/api-docs/request-origin'
import { buildConnectExamples } from '@/components/connect/build-connect-examples'
import { LastReceivedTable } from '@/components/connect/last-received-table'
import { LiveRefresh } from '@/components/connect/live-refresh'
import { PageHeader } from '@/components/ui/page-header'
import { Section } from '@/components/ui/cards'
import { teamScope } from '@/lib/auth/session-user'
import { loadLastReceived } from '@/lib/connect/load-last-received'
import { pool } from '@/lib/db'
import { requirePage } from '../require-user'

export const metadata: Metadata = { title: 'Connect' }
export const dynamic = 'force-dynamic'

function Way({ id, title, intro, examples }: { id: string; title: string; intro: React.ReactNode; examples: ApiExample[] }) {
  return (
    <section aria-labelledby={`${id}-title`} className="space-y-3" data-testid={`connect-${id}`}>
      <h2 id={`${id}-title`} className="text-tremor-title font-semibold text-tremor-content-strong">{title}</h2>
      <CodeExamples intro={intro} examples={examples} />
    </section>
  )
}

export default async function ConnectPage() {
  const user = await requirePage('connect')
  const origin = await requestOrigin()
  const now = new Date()
  const examples = [...buildExamples({ origin, teamSlug: user.teamSlug, now }), ...buildConnectExamples({ origin, teamSlug: user.teamSlug })]
  const pick = (...ids: string[]) => ids.map((id) => examples.find((e) => e.id === id)).filter((e): e is ApiExample => e !== undefined)
  // Whose arrivals this user may see: their own team's, or every team's for admin and finance.
  const scope = teamScope(user, 'spend')
  const lastReceived = scope.kind === 'none' ? null : await loadLastReceived(pool, scope.kind === 'team' ? scope.teamId : null)
  const keysHref = user.teamSlug ? `/teams/${user.teamSlug}` : '/teams'

  return (
    <>
      <PageHeader
        title="Connect"
        description="Four ways to send every LLM call to ModelLedger: pick the one your services already use. Each needs a team API key with the usage:write scope."
      />

      <div role="note" data-testid="connect-key" className="mb-6 max-w-4xl rounded-tremor-default border border-tremor-brand-muted bg-tremor-brand-faint px-4 py-3 text-tremor-default text-tremor-brand-emphasis">
        {user.teamSlug ? (
          <>
            The snippets are for your team <strong data-testid="connect-team">{user.teamSlug}</strong>.{' '}
            <Link href={keysHref} className="font-medium underline" data-testid="create-key-link">Create a key on /teams/{user.teamSlug}</Link> and put it where they say{' '}
            <code className="font-mono">{KEY_PLACEHOLDER}</code>. It is shown once: keep it in a secret store.
          </>
        ) : (
          <>
            You are not in a team, so the snippets use placeholders. Usage is posted with a <em>team</em> key, which a team lead or engineer creates on their team&apos;s page (
            <Link href={keysHref} className="font-medium underline" data-testid="create-key-link">Teams</Link>).
          </>
        )}
      </div>

      <div className="grid gap-8 xl:grid-cols-[minmax(0,1fr)_24rem]">
        <div className="min-w-0 space-y-10">
          <Way
            id="sdk"
            title="TypeScript SDK"
            intro={<>One line per client. Calls are buffered and sent in batches off your request path; an outage of ModelLedger is ridden out with retries, and a resent event is counted once.</>}
            examples={pick('sdk-install', 'sdk-wrap')}
          />
          <Way
            id="otel"
            title="OpenTelemetry"
            intro={
              <>
                Any OpenTelemetry SDK that exports GenAI spans (<code className="font-mono">gen_ai.*</code> attributes, e.g. from an OpenAI or Anthropic instrumentation) over OTLP/HTTP.
                Set the two variables; the span&apos;s trace and span id become the event id, so a re-exported span counts once.
              </>
            }
            examples={pick('otel-env-vars', 'otel-node', 'otel-python')}
          />
          <Way
            id="litellm"
            title="LiteLLM proxy"
            intro={<>No code: the proxy posts each call&apos;s standard logging payload to ModelLedger, which keeps LiteLLM&apos;s own cost beside its own so a stale price on either side shows.</>}
            examples={pick('litellm-config')}
          />
          <Way
            id="curl"
            title="Usage API (curl or any HTTP client)"
            intro={<>One JSON batch of up to 1,000 events, each with the provider&apos;s usage object. See the <Link href="/docs/api" className="underline">API docs</Link> for every field.</>}
            examples={pick('usage-curl')}
          />
        </div>

        <div className="min-w-0">
          <div className="sticky top-6">
            <Section
              title="Last event received"
              testId="connect-live"
              description={scope.kind === 'all' ? 'From each source, any team. Refreshes every 5 s.' : 'From each source, for your team. Refreshes every 5 s.'}
            >
              {lastReceived ? (
                <LastReceivedTable rows={lastReceived} now={now} showTeam={scope.kind === 'all'} />
              ) : (
                <p className="text-tremor-default text-tremor-content">You are not in a team, so there is nothing of yours to show yet.</p>
              )}
              <LiveRefresh />
            </Section>
          </div>
        </div>
      </div>
    </>
  )
}
