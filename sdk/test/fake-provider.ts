import { randomBytes } from 'node:crypto'
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'

// A local stand-in for api.openai.com and api.anthropic.com that answers the way their API references
// document: chat completions (JSON, or SSE with a final usage chunk when stream_options.include_usage),
// responses (JSON, or SSE events ending in response.completed) and Anthropic messages (JSON, or SSE
// message_start … message_delta … message_stop). The real SDKs are pointed at it with baseURL.

/** Usage every answer reports, as each provider shapes it. */
export const providerUsage = {
  // prompt 1200 incl. 200 cached; completion 500 incl. 100 reasoning
  chat: { prompt_tokens: 1200, completion_tokens: 500, total_tokens: 1700, prompt_tokens_details: { cached_tokens: 200, audio_tokens: 0 }, completion_tokens_details: { reasoning_tokens: 100, audio_tokens: 0, accepted_prediction_tokens: 0, rejected_prediction_tokens: 0 } },
  // input 3000 incl. 1000 cached; output 2000 incl. 1500 reasoning
  responses: { input_tokens: 3000, input_tokens_details: { cached_tokens: 1000 }, output_tokens: 2000, output_tokens_details: { reasoning_tokens: 1500 }, total_tokens: 5000 },
  // Anthropic's input excludes the cache reads and writes
  anthropic: { input_tokens: 100, cache_creation_input_tokens: 50, cache_read_input_tokens: 900, output_tokens: 250, service_tier: 'standard' },
} as const

export type FakeProvider = { url: string; requests: { path: string; body: Record<string, unknown> }[]; close(): Promise<void> }

export async function startFakeProvider(): Promise<FakeProvider> {
  const requests: FakeProvider['requests'] = []
  const server = createServer((req, res) => {
    void readJson(req).then((body) => {
      const path = (req.url ?? '').split('?')[0] ?? ''
      requests.push({ path, body })
      answer(path, body, res)
    })
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, requests, close: () => closeServer(server) }
}

function answer(path: string, body: Record<string, unknown>, res: ServerResponse): void {
  const model = String(body.model ?? '')
  const stream = body.stream === true
  if (path === '/v1/chat/completions') return stream ? chatStream(model, body, res) : json(res, chatCompletion(model))
  if (path === '/v1/responses') return stream ? responsesStream(model, res) : json(res, response(model))
  if (path === '/v1/messages') return stream ? messagesStream(model, res) : json(res, message(model))
  json(res, { error: { message: `no such path ${path}`, type: 'invalid_request_error' } }, 404)
}

const newId = (prefix: string) => `${prefix}${randomBytes(12).toString('hex')}`
const created = () => Math.floor(Date.now() / 1000)

function chatCompletion(model: string) {
  return {
    id: newId('chatcmpl-'),
    object: 'chat.completion',
    created: created(),
    model: `${model}-2024-08-06`,
    choices: [{ index: 0, message: { role: 'assistant', content: 'Hello!', refusal: null }, logprobs: null, finish_reason: 'stop' }],
    usage: providerUsage.chat,
    system_fingerprint: 'fp_test',
  }
}

function chatStream(model: string, body: Record<string, unknown>, res: ServerResponse): void {
  const base = { id: newId('chatcmpl-'), object: 'chat.completion.chunk', created: created(), model: `${model}-2024-08-06`, system_fingerprint: 'fp_test' }
  const includeUsage = (body.stream_options as { include_usage?: boolean } | undefined)?.include_usage === true
  const chunks: unknown[] = [
    { ...base, choices: [{ index: 0, delta: { role: 'assistant', content: '' }, logprobs: null, finish_reason: null }], ...(includeUsage ? { usage: null } : {}) },
    { ...base, choices: [{ index: 0, delta: { content: 'Hel' }, logprobs: null, finish_reason: null }], ...(includeUsage ? { usage: null } : {}) },
    { ...base, choices: [{ index: 0, delta: { content: 'lo!' }, logprobs: null, finish_reason: null }], ...(includeUsage ? { usage: null } : {}) },
    { ...base, choices: [{ index: 0, delta: {}, logprobs: null, finish_reason: 'stop' }], ...(includeUsage ? { usage: null } : {}) },
  ]
  if (includeUsage) chunks.push({ ...base, choices: [], usage: providerUsage.chat })
  sse(res, [...chunks.map((c) => ({ data: c })), { data: '[DONE]' }])
}

function response(model: string, status = 'completed') {
  return {
    id: newId('resp_'),
    object: 'response',
    created_at: created(),
    status,
    model: `${model}-2024-08-06`,
    output: [{ type: 'message', id: newId('msg_'), status: 'completed', role: 'assistant', content: [{ type: 'output_text', text: 'Hello!', annotations: [] }] }],
    usage: status === 'completed' ? providerUsage.responses : null,
  }
}

function responsesStream(model: string, res: ServerResponse): void {
  const done = response(model)
  const started = { ...done, status: 'in_progress', output: [], usage: null }
  sse(res, [
    { event: 'response.created', data: { type: 'response.created', sequence_number: 0, response: started } },
    { event: 'response.output_text.delta', data: { type: 'response.output_text.delta', sequence_number: 1, item_id: 'x', output_index: 0, content_index: 0, delta: 'Hello!' } },
    { event: 'response.completed', data: { type: 'response.completed', sequence_number: 2, response: done } },
  ])
}

function message(model: string) {
  return {
    id: newId('msg_'),
    type: 'message',
    role: 'assistant',
    model,
    content: [{ type: 'text', text: 'Hello!' }],
    stop_reason: 'end_turn',
    stop_sequence: null,
    usage: providerUsage.anthropic,
  }
}

function messagesStream(model: string, res: ServerResponse): void {
  const { output_tokens, ...input } = providerUsage.anthropic
  const start = { ...message(model), content: [], stop_reason: null, usage: { ...input, output_tokens: 1 } }
  sse(res, [
    { event: 'message_start', data: { type: 'message_start', message: start } },
    { event: 'content_block_start', data: { type: 'content_block_start', index: 0, content_block: { type: 'text', text: '' } } },
    { event: 'ping', data: { type: 'ping' } },
    { event: 'content_block_delta', data: { type: 'content_block_delta', index: 0, delta: { type: 'text_delta', text: 'Hello!' } } },
    { event: 'content_block_stop', data: { type: 'content_block_stop', index: 0 } },
    { event: 'message_delta', data: { type: 'message_delta', delta: { stop_reason: 'end_turn', stop_sequence: null }, usage: { output_tokens } } },
    { event: 'message_stop', data: { type: 'message_stop' } },
  ])
}

function json(res: ServerResponse, body: unknown, status = 200): void {
  res.writeHead(status, { 'content-type': 'application/json', 'x-request-id': newId('req_') })
  res.end(JSON.stringify(body))
}

function sse(res: ServerResponse, events: { event?: string; data: unknown }[]): void {
  res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache', 'x-request-id': newId('req_') })
  for (const e of events) res.write(`${e.event ? `event: ${e.event}\n` : ''}data: ${typeof e.data === 'string' ? e.data : JSON.stringify(e.data)}\n\n`)
  res.end()
}

async function readJson(req: IncomingMessage): Promise<Record<string, unknown>> {
  const chunks: Buffer[] = []
  for await (const c of req) chunks.push(c as Buffer)
  try {
    return JSON.parse(Buffer.concat(chunks).toString('utf8')) as Record<string, unknown>
  } catch {
    return {}
  }
}

export function closeServer(server: Server): Promise<void> {
  server.closeAllConnections()
  return new Promise((resolve) => server.close(() => resolve()))
}
