import { toUtcDay } from '@/lib/time/utc-days'

export type ApiExample = { id: string; title: string; language: string; code: string }

export type ExampleContext = {
  /** e.g. https://ledger.example.com — where this app is served. */
  origin: string
  /** The signed-in user's team, or null (admin, finance). */
  teamSlug: string | null
  now: Date
}

export const KEY_PLACEHOLDER = 'ml_…'

/** A realistic OpenAI chat completion's usage, as the SDK returns it. */
const openAiChatUsage = {
  prompt_tokens: 1850,
  completion_tokens: 412,
  total_tokens: 2262,
  prompt_tokens_details: { cached_tokens: 1024 },
  completion_tokens_details: { reasoning_tokens: 0 },
}

// One field per line, nested objects inline: the event reads like the API reference, not a wall of braces.
function eventJson(event: Record<string, unknown>): string {
  const inline = (v: unknown) => JSON.stringify(v).replace(/":/g, '": ').replace(/,"/g, ', "')
  const fields = Object.entries(event).map(([k, v]) => `      "${k}": ${inline(v)}`)
  return ['{', '  "events": [', '    {', fields.join(',\n'), '    }', '  ]', '}'].join('\n')
}

/** The usage event the curl example posts: stamped now, with an id unique to this page view. */
export function exampleUsageEvent(ctx: ExampleContext) {
  const service = ctx.teamSlug ?? 'my-service'
  return {
    id: `${service}-chatcmpl-${ctx.now.getTime().toString(36)}`,
    timestamp: new Date(ctx.now.getTime() - 1000).toISOString(),
    model: 'gpt-4o-2024-08-06',
    provider: 'openai',
    usage: openAiChatUsage,
    latency_ms: 1430,
    task: 'chat',
    data_class: 'internal',
    tags: { feature: 'query-rewrite', env: 'production' },
  }
}

/** curl POSTing a JSON body with the team's key. */
function curlPostJson(url: string, json: string): string {
  return [`curl -sS -X POST '${url}' \\`, `  -H 'Authorization: Bearer ${KEY_PLACEHOLDER}' \\`, `  -H 'Content-Type: application/json' \\`, `  -d '${json}'`].join('\n')
}

// Every snippet is plain text built from the request's origin and the user's team; nothing here runs.
export function buildExamples(ctx: ExampleContext): ApiExample[] {
  const { origin } = ctx
  const team = ctx.teamSlug
  const keyNote = team ? `a key of team ${team}` : 'a team API key'
  const body = eventJson(exampleUsageEvent(ctx))
  const firstOfMonth = `${toUtcDay(ctx.now).slice(0, 8)}01`
  const spendQuery = `from=${firstOfMonth}&to=${toUtcDay(ctx.now)}&group_by=model${team ? `&team=${team}` : ''}`
  const idPrefix = team ?? 'my-service'

  return [
    {
      id: 'usage-curl',
      title: 'POST /api/v1/usage — curl',
      language: 'bash',
      code: curlPostJson(`${origin}/api/v1/usage`, body),
    },
    {
      id: 'usage-typescript',
      title: 'POST /api/v1/usage — TypeScript (fetch)',
      language: 'typescript',
      code: `// After an OpenAI chat completion:
// const startedAt = Date.now()
// const completion = await openai.chat.completions.create({ model: 'gpt-4o', messages })
const res = await fetch('${origin}/api/v1/usage', {
  method: 'POST',
  headers: {
    Authorization: \`Bearer \${process.env.MODELLEDGER_API_KEY}\`, // ${KEY_PLACEHOLDER} — ${keyNote}
    'Content-Type': 'application/json',
  },
  body: JSON.stringify({
    events: [
      {
        id: \`${idPrefix}-\${completion.id}\`, // unique per team: a resend is a no-op
        timestamp: new Date().toISOString(),
        model: completion.model, // e.g. gpt-4o-2024-08-06
        provider: 'openai',
        usage: completion.usage, // the SDK's usage object, as is
        latency_ms: Date.now() - startedAt,
        task: 'chat',
        data_class: 'internal',
        tags: { feature: 'query-rewrite', env: 'production' },
      },
    ],
  }),
})
const result = await res.json() // { accepted, duplicates, rejected, results: [{ id, status, error? }] }
if (res.status === 207) console.warn('some usage events were rejected', result.results)`,
    },
    {
      id: 'usage-python',
      title: 'POST /api/v1/usage — Python (requests)',
      language: 'python',
      code: `import os
import time
from datetime import datetime, timezone

import requests

# started = time.monotonic()
# completion = client.chat.completions.create(model="gpt-4o", messages=messages)
resp = requests.post(
    "${origin}/api/v1/usage",
    headers={"Authorization": f"Bearer {os.environ['MODELLEDGER_API_KEY']}"},  # ${KEY_PLACEHOLDER} — ${keyNote}
    json={
        "events": [
            {
                "id": f"${idPrefix}-{completion.id}",
                "timestamp": datetime.now(timezone.utc).isoformat(),
                "model": completion.model,
                "provider": "openai",
                "usage": completion.usage.model_dump(exclude_none=True),
                "latency_ms": int((time.monotonic() - started) * 1000),
                "task": "chat",
                "data_class": "internal",
                "tags": {"feature": "query-rewrite", "env": "production"},
            }
        ]
    },
    timeout=10,
)
resp.raise_for_status()
print(resp.json())  # {"accepted": 1, "duplicates": 0, "rejected": 0, "results": [...]}`,
    },
    {
      id: 'spend-curl',
      title: 'GET /api/v1/spend — curl',
      language: 'bash',
      code: [`curl -sS '${origin}/api/v1/spend?${spendQuery}' \\`, `  -H 'Authorization: Bearer ${KEY_PLACEHOLDER}'`].join('\n'),
    },
    {
      id: 'route-curl',
      title: 'POST /api/v1/route — curl',
      language: 'bash',
      code: curlPostJson(
        `${origin}/api/v1/route`,
        JSON.stringify({ task: 'summarize', data_class: 'internal', latency_budget_ms: 3000, expected_input_tokens: 4000, expected_output_tokens: 500 }, null, 2),
      ),
    },
    {
      id: 'otel-node',
      title: 'OpenTelemetry — Node.js exporter',
      language: 'typescript',
      code: `import { OTLPTraceExporter } from '@opentelemetry/exporter-trace-otlp-proto'
import { BatchSpanProcessor, NodeTracerProvider } from '@opentelemetry/sdk-trace-node'

const exporter = new OTLPTraceExporter({
  url: '${origin}/api/v1/otlp/v1/traces',
  headers: { Authorization: 'Bearer ${KEY_PLACEHOLDER}' }, // ${keyNote}
  compression: 'gzip', // optional: protobuf or JSON, gzip or not
})
const provider = new NodeTracerProvider({ spanProcessors: [new BatchSpanProcessor(exporter)] })
provider.register()

// Spans with gen_ai.request.model / gen_ai.response.model, gen_ai.provider.name and gen_ai.usage.*
// (from a GenAI instrumentation or your own) are stored and priced; others are ignored.
// Optional span attributes modelledger.task and modelledger.data_class feed the team policy.`,
    },
    {
      id: 'otel-env',
      title: 'OpenTelemetry — environment variables (any SDK)',
      language: 'bash',
      code: `OTEL_EXPORTER_OTLP_TRACES_ENDPOINT=${origin}/api/v1/otlp/v1/traces
OTEL_EXPORTER_OTLP_TRACES_HEADERS=Authorization=Bearer%20${KEY_PLACEHOLDER}
OTEL_EXPORTER_OTLP_TRACES_PROTOCOL=http/protobuf   # the default; http/json works too`,
    },
  ]
}
