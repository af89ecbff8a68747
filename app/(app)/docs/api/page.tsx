import type { Metadata } from 'next'
import Link from 'next/link'
import { buildOpenApiDocument } from '@/lib/openapi/build-openapi-document'
import { buildExamples, KEY_PLACEHOLDER, type ApiExample } from '@/components/api-docs/build-examples'
import { CodeExamples } from '@/components/api-docs/code-block'
import { EndpointSection, endpointAnchor, MethodBadge } from '@/components/api-docs/endpoint-section'
import { httpMethods, type OpenApiLike } from '@/components/api-docs/openapi-types'
import { requestOrigin } from '@/components/api-docs/request-origin'
import { PageHeader } from '@/components/ui/page-header'
import { requirePage } from '../../require-user'

export const metadata: Metadata = { title: 'API docs' }

function Examples({ title, intro, examples }: { title: string; intro: React.ReactNode; examples: ApiExample[] }) {
  return (
    <div className="space-y-3">
      <h3 className="text-tremor-default font-semibold text-tremor-content-strong">{title}</h3>
      <CodeExamples intro={intro} examples={examples} />
    </div>
  )
}

export default async function ApiDocsPage() {
  const user = await requirePage('api-docs')
  const origin = await requestOrigin()
  const doc = buildOpenApiDocument(origin) as unknown as OpenApiLike
  const components = doc.components?.schemas ?? {}
  const examples = buildExamples({ origin, teamSlug: user.teamSlug, now: new Date() })
  const pick = (...ids: string[]) => examples.filter((e) => ids.includes(e.id))
  const operations = Object.entries(doc.paths).flatMap(([path, ops]) =>
    httpMethods.filter((m) => ops[m]).map((m) => ({ path, method: m, op: ops[m]! })),
  )
  const keysHref = user.teamSlug ? `/teams/${user.teamSlug}` : '/teams'

  return (
    <>
      <PageHeader
        title="API docs"
        noTimes
        description={
          <>
            Post LLM usage from your services (JSON batches or OpenTelemetry), read spend, and ask which model a call should use. Every request carries a team API key:{' '}
            <code className="font-mono">Authorization: Bearer {KEY_PLACEHOLDER}</code>. Costs are exact decimal strings in USD; times are UTC.
          </>
        }
        actions={
          <a href="/api/v1/openapi.json" className="rounded-tremor-default border border-tremor-border-default bg-white px-3 py-1.5 text-tremor-default font-medium text-tremor-content-strong shadow-tremor-input hover:bg-tremor-background-subtle">
            OpenAPI 3.1 JSON
          </a>
        }
      />

      <div role="note" data-testid="key-callout" className="mb-6 max-w-4xl rounded-tremor-default border border-tremor-brand-muted bg-tremor-brand-faint px-4 py-3 text-tremor-default text-tremor-brand-emphasis">
        {user.teamSlug ? (
          <>
            The examples are for your team <strong data-testid="docs-team">{user.teamSlug}</strong>. Create a key on{' '}
            <Link href={keysHref} className="font-medium underline">/teams/{user.teamSlug}</Link> and put it where the examples say{' '}
            <code className="font-mono">{KEY_PLACEHOLDER}</code>. It is shown once; keep it in a secret store, not in code.
          </>
        ) : (
          <>
            You are not in a team, so the examples use placeholders. Usage is always posted with a <em>team</em> key: a team lead or engineer creates one on their team&apos;s page (
            <Link href={keysHref} className="font-medium underline">Teams</Link>). Org-wide keys (spend:read:all, and bills:write to load provider bills) for finance automation are made in Settings.
          </>
        )}
      </div>

      <div className="grid gap-8 xl:grid-cols-[minmax(0,1fr)_14rem]">
        <div className="min-w-0 space-y-10">
          <section aria-labelledby="quickstart-title" className="space-y-8">
            <h2 id="quickstart-title" className="text-tremor-title font-semibold text-tremor-content-strong">Quick start</h2>
            <Examples
              title="1. Post usage after each LLM call"
              intro={
                <>
                  One event per call, up to 1,000 per request. Send the provider&apos;s own <code className="font-mono">usage</code> object (OpenAI chat/responses, Anthropic) and
                  ModelLedger normalises the token buckets, matches the model and prices it at the event&apos;s time. Events are idempotent per team on <code className="font-mono">id</code>,
                  and the answer lists each event as accepted, duplicate or rejected (HTTP 207 when some were rejected).
                </>
              }
              examples={pick('usage-curl', 'usage-typescript', 'usage-python')}
            />
            <Examples
              title="2. Or export OpenTelemetry GenAI spans"
              intro={
                <>
                  Point any OTLP/HTTP trace exporter at ModelLedger: protobuf (the SDKs&apos; default) or JSON, gzip or not. The event id is the trace id + span id, so a
                  re-exported span counts once. In the environment form, the space after Bearer is written <code className="font-mono">%20</code>.
                </>
              }
              examples={pick('otel-node', 'otel-env')}
            />
            <Examples
              title="3. Read spend"
              intro={<>Spend from the rollups, this month to date, grouped by model. A team key reads its own team only.</>}
              examples={pick('spend-curl')}
            />
            <Examples
              title="4. Ask which model to use"
              intro={<>Before a call: the model your team&apos;s policy and the decision tree recommend, its estimated cost and the alternatives it ruled out.</>}
              examples={pick('route-curl')}
            />
          </section>

          <section aria-labelledby="reference-title" className="space-y-4">
            <h2 id="reference-title" className="text-tremor-title font-semibold text-tremor-content-strong">Endpoints</h2>
            {operations.map(({ path, method, op }) => (
              <EndpointSection key={`${method} ${path}`} method={method} path={path} op={op} components={components} />
            ))}
          </section>

          <section aria-labelledby="errors-title" className="space-y-2">
            <h2 id="errors-title" className="text-tremor-title font-semibold text-tremor-content-strong">Errors</h2>
            <p className="max-w-4xl text-tremor-default text-tremor-content-emphasis">
              Every error has one shape: <code className="font-mono">{'{ "error": { "code": "...", "message": "..." } }'}</code>. 400 malformed JSON · 401 missing, unknown or revoked key
              (the message says which) · 403 the key lacks the scope · 413 body too large · 415 not JSON · 422 invalid input (the message says what and where) · 429 rate limited and
              503 database unavailable, both with <code className="font-mono">Retry-After</code>. A 2xx means every accepted event is stored.
            </p>
          </section>
        </div>

        <nav aria-label="Endpoints" className="hidden xl:block">
          <div className="sticky top-6 space-y-1">
            <p className="mb-2 text-tremor-label font-semibold uppercase tracking-wide text-tremor-content">On this page</p>
            {operations.map(({ path, method }) => (
              <a key={`${method} ${path}`} href={`#${endpointAnchor(method, path)}`} className="flex items-center gap-2 rounded-tremor-small px-2 py-1 text-tremor-label hover:bg-tremor-background-subtle">
                <MethodBadge method={method} />
                <span className="truncate font-mono text-tremor-content-emphasis">{path.replace('/api/v1', '')}</span>
              </a>
            ))}
          </div>
        </nav>
      </div>
    </>
  )
}
