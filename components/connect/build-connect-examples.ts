import { KEY_PLACEHOLDER, type ApiExample, type ExampleContext } from '@/components/api-docs/build-examples'

// The set-up snippets of the Connect page, one per way in. Plain text built from the request's origin
// and the user's team (like the API docs examples, whose curl and Node exporter snippets it reuses).
export function buildConnectExamples(ctx: Pick<ExampleContext, 'origin' | 'teamSlug'>): ApiExample[] {
  const { origin } = ctx
  const keyNote = ctx.teamSlug ? `a key of team ${ctx.teamSlug}` : 'a team API key'
  const service = ctx.teamSlug ?? 'my-service'
  return [
    {
      id: 'sdk-install',
      title: 'TypeScript SDK — install',
      language: 'bash',
      code: `# The SDK is the sdk/ folder of the ModelLedger repository (no dependencies of its own).
npm --prefix path/to/modelledger/sdk run build
npm install path/to/modelledger/sdk`,
    },
    {
      id: 'sdk-wrap',
      title: 'TypeScript SDK — wrap your OpenAI and Anthropic clients',
      language: 'typescript',
      code: `import Anthropic from '@anthropic-ai/sdk'
import OpenAI from 'openai'
import { ModelLedger, wrapAnthropic, wrapOpenAI } from '@modelledger/sdk'

const ledger = new ModelLedger({
  apiKey: process.env.MODELLEDGER_API_KEY!, // ${KEY_PLACEHOLDER} — ${keyNote}
  baseUrl: '${origin}',
})
// The same clients come back; every chat completion, responses call and message is recorded,
// streaming included, with its usage, model, latency and these labels.
const openai = wrapOpenAI(new OpenAI(), ledger, { task: 'chat', dataClass: 'internal', tags: { service: '${service}' } })
const anthropic = wrapAnthropic(new Anthropic(), ledger, { task: 'summarize', dataClass: 'internal' })

// Long-running service: deliver what is buffered before exit.
process.once('SIGTERM', () => void ledger.shutdown())
// Serverless handler: \`await ledger.flush()\` before returning.`,
    },
    {
      id: 'otel-env-vars',
      title: 'OpenTelemetry — environment (JavaScript, Python, Go, Java …)',
      language: 'bash',
      code: `export OTEL_EXPORTER_OTLP_TRACES_ENDPOINT=${origin}/api/v1/otlp/v1/traces
export OTEL_EXPORTER_OTLP_TRACES_HEADERS="Authorization=Bearer%20${KEY_PLACEHOLDER}"  # ${keyNote}
export OTEL_SERVICE_NAME=${service}`,
    },
    {
      id: 'otel-python',
      title: 'OpenTelemetry — Python, no code changes',
      language: 'bash',
      code: `pip install opentelemetry-distro opentelemetry-exporter-otlp-proto-http opentelemetry-instrumentation-openai-v2
# with the environment above (OTLP over HTTP; "otlp" alone would mean gRPC):
opentelemetry-instrument --traces_exporter otlp_proto_http --metrics_exporter none --logs_exporter none python app.py`,
    },
    {
      id: 'litellm-config',
      title: 'LiteLLM proxy — config.yaml',
      language: 'yaml',
      code: `litellm_settings:
  callbacks: ["modelledger"]

callback_settings:
  modelledger:
    callback_type: generic_api
    endpoint: ${origin}/api/v1/integrations/litellm
    headers:
      Authorization: Bearer ${KEY_PLACEHOLDER}  # ${keyNote}
    log_format: json_array  # or ndjson, single
    event_types:
      - llm_api_success
      - llm_api_failure  # counted as failed calls, not spend`,
    },
  ]
}
