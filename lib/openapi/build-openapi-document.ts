import { z } from 'zod'
import { routeRequestSchema } from '@/lib/advisor/route-request-schema'
import { billsPaths } from './bills-paths'
import { MAX_BODY_BYTES, MAX_EVENTS_PER_BATCH, usageEventSchema } from '@/lib/ingest/usage-event-schema'

// The public API contract, generated from the same zod schemas the handlers validate with.

const errorBody = {
  type: 'object',
  required: ['error'],
  properties: { error: { type: 'object', required: ['code', 'message'], properties: { code: { type: 'string' }, message: { type: 'string' } } } },
}

const errorResponses = (codes: number[]) =>
  Object.fromEntries(
    codes.map((c) => [String(c), { description: errorDescriptions[c] ?? 'error', content: { 'application/json': { schema: { $ref: '#/components/schemas/Error' } } } }]),
  )

const errorDescriptions: Record<number, string> = {
  400: 'malformed JSON or protobuf, invalid UTF-8, or Content-Encoding gzip on a body that is not gzip',
  401: 'missing, malformed, unknown or revoked API key (the message says which)',
  403: 'the key lacks the scope',
  413: `body larger than ${MAX_BODY_BYTES} bytes (after gzip decompression)`,
  415: 'Content-Type or Content-Encoding not supported (the message names the supported ones)',
  422: 'the envelope or query is invalid (the message says what and where)',
  429: 'rate limited for this key (see Retry-After)',
  503: 'database unavailable; nothing was stored (see Retry-After)',
}

const jsonSchema = (schema: z.ZodType) => {
  const { $schema: _ignored, ...rest } = z.toJSONSchema(schema, { io: 'input', unrepresentable: 'any' }) as Record<string, unknown>
  return rest
}

const CONTENT_ENCODING = { name: 'Content-Encoding', in: 'header', schema: { enum: ['gzip', 'identity'] }, description: 'gzip bodies are inflated with the size limit applied to the inflated bytes (413 past it)' }

const SPEND_ROW = { type: 'object', description: 'grouping keys asked for (team, model, route, day, month) plus calls, input_tokens, cache_read_tokens, cache_write_tokens, output_tokens, reasoning_tokens, cost_usd (exact decimal string; null when every call is unpriced), unpriced_calls, flagged_calls, potential_saving_usd' }

export function buildOpenApiDocument(serverUrl?: string) {
  return {
    openapi: '3.1.0',
    info: {
      title: 'ModelLedger API',
      version: '1.0.0',
      description:
        'Post LLM usage events (batch or OTLP), read spend, and ask which model a call should use. ' +
        'Authenticate with a team API key: `Authorization: Bearer ml_…`. Costs are exact decimal strings in USD.',
    },
    servers: serverUrl ? [{ url: serverUrl }] : [],
    security: [{ apiKey: [] }],
    components: {
      securitySchemes: { apiKey: { type: 'http', scheme: 'bearer', description: 'A team API key (scopes: usage:write, spend:read) or an org-wide key (spend:read:all; usage:write:all for the LiteLLM callback; bills:write to load provider bills).' } },
      schemas: {
        Error: errorBody,
        UsageEvent: jsonSchema(usageEventSchema),
        UsageBatch: {
          type: 'object',
          additionalProperties: false,
          required: ['events'],
          properties: { events: { type: 'array', minItems: 1, maxItems: MAX_EVENTS_PER_BATCH, items: { $ref: '#/components/schemas/UsageEvent' } } },
        },
        RouteRequest: jsonSchema(routeRequestSchema),
        UsageResult: {
          type: 'object',
          required: ['accepted', 'duplicates', 'rejected', 'results'],
          properties: {
            accepted: { type: 'integer' },
            duplicates: { type: 'integer' },
            rejected: { type: 'integer' },
            results: {
              type: 'array',
              items: {
                type: 'object',
                required: ['id', 'status'],
                properties: { id: { type: 'string' }, status: { enum: ['accepted', 'duplicate', 'rejected'] }, error: { type: 'string', description: 'what was wrong and where' } },
              },
            },
          },
        },
      },
    },
    paths: {
      '/api/v1/usage': {
        post: {
          summary: 'Ingest a batch of usage events',
          description:
            'Exactly one of `usage` (a provider-native usage object: OpenAI chat/responses, Anthropic; `provider` disambiguates) or the flat token fields ' +
            '(input excludes cache, output excludes reasoning). Idempotent per team on `id`. A 2xx means every accepted event is committed.',
          parameters: [CONTENT_ENCODING],
          requestBody: { required: true, content: { 'application/json': { schema: { $ref: '#/components/schemas/UsageBatch' } } } },
          responses: {
            '200': { description: 'every event accepted or a duplicate', content: { 'application/json': { schema: { $ref: '#/components/schemas/UsageResult' } } } },
            '207': { description: 'some events rejected; the others were stored', content: { 'application/json': { schema: { $ref: '#/components/schemas/UsageResult' } } } },
            ...errorResponses([400, 401, 403, 413, 415, 422, 429, 503]),
          },
        },
      },
      '/api/v1/otlp/v1/traces': {
        post: {
          summary: 'Ingest OpenTelemetry GenAI spans (OTLP/HTTP protobuf or JSON)',
          description:
            'The default of the OpenTelemetry SDKs\' OTLP/HTTP exporters: `application/x-protobuf` (an ExportTraceServiceRequest of the official opentelemetry-proto) or `application/json`, either gzip-compressed. ' +
            'The answer is in the request\'s encoding; errors to a protobuf client are a protobuf google.rpc.Status. ' +
            'Reads gen_ai.request.model / gen_ai.response.model, gen_ai.provider.name (or the older gen_ai.system) and gen_ai.usage.* attributes (input_tokens / output_tokens, or the older prompt_tokens / completion_tokens). ' +
            'Event id = trace id + span id; timestamp = span end. Spans without GenAI usage are ignored. ' +
            'Optional span attributes modelledger.task and modelledger.data_class feed the policy.',
          parameters: [CONTENT_ENCODING],
          requestBody: {
            required: true,
            content: {
              'application/x-protobuf': { schema: { type: 'string', format: 'binary', description: 'opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest' } },
              'application/json': { schema: { type: 'object', properties: { resourceSpans: { type: 'array' } } } },
            },
          },
          responses: {
            '200': {
              description: 'ExportTraceServiceResponse: empty, or partial_success with rejected_spans and error_message (`{"partialSuccess": {...}}` in JSON)',
              content: {
                'application/x-protobuf': { schema: { type: 'string', format: 'binary', description: 'opentelemetry.proto.collector.trace.v1.ExportTraceServiceResponse' } },
                'application/json': { schema: { type: 'object', properties: { partialSuccess: { type: 'object', properties: { rejectedSpans: { type: 'integer' }, errorMessage: { type: 'string' } } } } } },
              },
            },
            ...errorResponses([400, 401, 403, 413, 415, 422, 429, 503]),
          },
        },
      },
      '/api/v1/integrations/litellm': {
        post: {
          summary: "Ingest LiteLLM proxy calls (the generic_api callback's StandardLoggingPayload)",
          description:
            'Point a LiteLLM `generic_api` callback here with `Authorization: Bearer <API key>`; any `log_format` (json_array, ndjson, single). ' +
            'id → event id (idempotent); endTime → timestamp, endTime − startTime → latency; model (else model_group) and custom_llm_provider → model and provider; ' +
            'the response usage (prompt/completion tokens with their cached and reasoning details) → token buckets; request_tags ("key:value" or a bare tag) and metadata.spend_logs_metadata → tags, a task:<type> or data_class:<class> tag → task and data class. ' +
            "LiteLLM's response_cost is kept beside ModelLedger's cost (reported_cost); a payload with status failure is stored as a failed call (no tokens, no cost); a LiteLLM cache hit has no tokens. " +
            'A team key writes its own team; an org-wide key with usage:write:all writes the team named by metadata.user_api_key_team_alias (or user_api_key_team_id), matched to a team slug or name. ' +
            'Bodies up to 16 MB (after gzip); one result per payload, in order, rejections naming payloads[i].',
          parameters: [CONTENT_ENCODING],
          requestBody: {
            required: true,
            content: {
              'application/json': { schema: { oneOf: [{ type: 'array', items: { type: 'object' } }, { type: 'object' }] }, example: [{ id: 'chatcmpl-1', status: 'success', model: 'gpt-4o', custom_llm_provider: 'openai', startTime: 1765094400.1, endTime: 1765094401.35, prompt_tokens: 1200, completion_tokens: 500, response_cost: 0.00775, metadata: { user_api_key_team_alias: 'search' } }] },
              'application/x-ndjson': { schema: { type: 'string', description: 'one StandardLoggingPayload JSON object per line' } },
            },
          },
          responses: {
            '200': { description: 'every payload accepted or a duplicate', content: { 'application/json': { schema: { $ref: '#/components/schemas/UsageResult' } } } },
            '207': { description: 'some payloads rejected; the others were stored', content: { 'application/json': { schema: { $ref: '#/components/schemas/UsageResult' } } } },
            ...errorResponses([400, 401, 403, 413, 415, 422, 429, 503]),
          },
        },
      },
      '/api/v1/route': {
        post: {
          summary: 'Ask which model a call should use',
          description:
            "Applies the source document's guidance (questionnaire, decision tree, anti-uses) and the team's policy. " +
            'Answers {model, reason, citation, estimated_cost_usd, price_source, alternatives: [{model, estimated_cost_usd, why_not}]}; model is null when the policy forbids every candidate.',
          requestBody: { required: true, content: { 'application/json': { schema: { $ref: '#/components/schemas/RouteRequest' } } } },
          responses: {
            '200': { description: 'the recommendation', content: { 'application/json': { schema: { type: 'object' } } } },
            ...errorResponses([400, 401, 403, 415, 422, 429, 503]),
          },
        },
      },
      '/api/v1/spend': {
        get: {
          summary: 'Spend from the rollups',
          description: 'A team key with spend:read sees its own team only; spend:read:all sees every team. Dates are UTC and inclusive.',
          parameters: [
            { name: 'from', in: 'query', schema: { type: 'string', format: 'date' }, description: 'YYYY-MM-DD (default: first day of this month)' },
            { name: 'to', in: 'query', schema: { type: 'string', format: 'date' }, description: 'YYYY-MM-DD (default: today)' },
            { name: 'group_by', in: 'query', schema: { type: 'string' }, description: 'comma-separated subset of team, model, route, day, month' },
            { name: 'team', in: 'query', schema: { type: 'string' }, description: 'team slug filter' },
            { name: 'model', in: 'query', schema: { type: 'string' }, description: 'model key filter (catalog slug, or the string as sent when unmatched)' },
            { name: 'route', in: 'query', schema: { enum: ['dense', 'moe', 'reasoning', 'small'] } },
          ],
          responses: {
            '200': {
              description: '{from, to, group_by, currency, rows, totals}',
              content: { 'application/json': { schema: { type: 'object', properties: { from: { type: 'string' }, to: { type: 'string' }, group_by: { type: 'array', items: { type: 'string' } }, currency: { const: 'USD' }, rows: { type: 'array', items: SPEND_ROW }, totals: SPEND_ROW } } } },
            },
            ...errorResponses([401, 403, 422, 503]),
          },
        },
      },
      '/api/v1/advice': {
        get: {
          summary: 'Advice in aggregate: saving by rule, by team, by current → suggested model',
          parameters: [
            { name: 'from', in: 'query', schema: { type: 'string', format: 'date' } },
            { name: 'to', in: 'query', schema: { type: 'string', format: 'date' }, description: 'at most 366 days after from (default: the last 30 days)' },
          ],
          responses: { '200': { description: 'totals, by_rule, by_team, by_model_pair', content: { 'application/json': { schema: { type: 'object' } } } }, ...errorResponses([401, 403, 422, 503]) },
        },
      },
      '/api/v1/exports/focus': {
        get: {
          summary: 'FinOps FOCUS 1.2 CSV for a month (one row per day × team × model × token bucket)',
          parameters: [{ name: 'month', in: 'query', required: true, schema: { type: 'string', pattern: '^\\d{4}-\\d{2}$' } }],
          responses: { '200': { description: 'text/csv', content: { 'text/csv': { schema: { type: 'string' } } } }, ...errorResponses([401, 403, 422, 503]) },
        },
      },
      ...billsPaths(errorResponses),
    },
  }
}

export type OpenApiDocument = ReturnType<typeof buildOpenApiDocument>
