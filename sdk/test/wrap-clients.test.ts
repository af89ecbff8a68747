import Anthropic from '@anthropic-ai/sdk'
import OpenAI from 'openai'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { ModelLedger, wrapAnthropic, wrapOpenAI } from '../src/index'
import { providerUsage, startFakeProvider, type FakeProvider } from './fake-provider'
import { startLedgerStandIn, type StandIn } from './ledger-stand-in'

// The real openai and @anthropic-ai/sdk clients, pointed at a local server that answers like the
// providers; the recorded events land in the ledger stand-in.
let provider: FakeProvider
let standIn: StandIn
beforeAll(async () => {
  provider = await startFakeProvider()
  standIn = await startLedgerStandIn()
})
afterAll(async () => {
  await provider.close()
  await standIn.close()
})

function clients(tags: Record<string, string> = { feature: 'test' }) {
  const ledger = new ModelLedger({ apiKey: 'ml_test', baseUrl: standIn.url, flushIntervalMs: 60_000 })
  const openai = wrapOpenAI(new OpenAI({ apiKey: 'sk-test', baseURL: `${provider.url}/v1`, maxRetries: 0 }), ledger, { task: 'chat', dataClass: 'internal', tags })
  const anthropic = wrapAnthropic(new Anthropic({ apiKey: 'sk-ant-test', baseURL: provider.url, maxRetries: 0 }), ledger, { task: 'summarize', tags })
  return { ledger, openai, anthropic }
}

async function sent(ledger: ModelLedger, id: string | undefined) {
  await ledger.flush()
  return standIn.stored.get(String(id))
}

const messages = [{ role: 'user' as const, content: 'Hi' }]

describe('wrapOpenAI', () => {
  it('records a chat completion with the provider’s usage, model, latency and the caller’s tags', async () => {
    const { ledger, openai } = clients()
    const completion = await openai.chat.completions.create({ model: 'gpt-4o', messages })
    expect(completion.choices[0]!.message.content).toBe('Hello!')
    expect(await sent(ledger, completion.id)).toEqual({
      id: completion.id,
      timestamp: expect.any(String),
      model: 'gpt-4o-2024-08-06',
      provider: 'openai',
      usage: providerUsage.chat,
      latency_ms: expect.any(Number),
      task: 'chat',
      data_class: 'internal',
      tags: { feature: 'test' },
    })
  })

  it('asks a chat stream for its usage and hides that extra chunk from a caller who did not', async () => {
    const { ledger, openai } = clients()
    const stream = await openai.chat.completions.create({ model: 'gpt-4o', messages, stream: true })
    const chunks = []
    for await (const chunk of stream) chunks.push(chunk)
    expect(provider.requests.at(-1)!.body.stream_options).toEqual({ include_usage: true })
    expect(chunks.every((c) => c.choices.length === 1)).toBe(true) // code reading choices[0] keeps working
    expect(chunks.map((c) => c.choices[0]!.delta.content ?? '').join('')).toBe('Hello!')
    expect(await sent(ledger, chunks[0]!.id)).toMatchObject({ model: 'gpt-4o-2024-08-06', usage: providerUsage.chat })
  })

  it('passes the usage chunk to a caller who asked for it, and works through the stream helper', async () => {
    const { ledger, openai } = clients()
    const stream = await openai.chat.completions.create({ model: 'gpt-4o', messages, stream: true, stream_options: { include_usage: true } })
    const chunks = []
    for await (const chunk of stream) chunks.push(chunk)
    expect(chunks.at(-1)!.usage).toEqual(providerUsage.chat)
    expect(await sent(ledger, chunks[0]!.id)).toMatchObject({ usage: providerUsage.chat })

    const runner = openai.chat.completions.stream({ model: 'gpt-4o', messages })
    const final = await runner.finalChatCompletion()
    expect(await sent(ledger, final.id)).toMatchObject({ usage: providerUsage.chat })
  })

  it('records responses calls, plain and streamed, and leaves .withResponse() and .asResponse() working', async () => {
    const { ledger, openai } = clients()
    const { data, response } = await openai.responses.create({ model: 'gpt-4o', input: 'Hi' }).withResponse()
    expect(response.status).toBe(200)
    expect(await sent(ledger, data.id)).toMatchObject({ model: 'gpt-4o-2024-08-06', usage: providerUsage.responses })

    const stream = await openai.responses.create({ model: 'gpt-4o', input: 'Hi', stream: true })
    let completedId = ''
    for await (const event of stream) if (event.type === 'response.completed') completedId = event.response.id
    expect(await sent(ledger, completedId)).toMatchObject({ usage: providerUsage.responses })

    const raw = await openai.chat.completions.create({ model: 'gpt-4o', messages }).asResponse()
    expect(((await raw.json()) as { object: string }).object).toBe('chat.completion') // the body is still the caller's
  })

  it('returns the same client, and wrapping twice records once', async () => {
    const { ledger } = clients()
    const client = new OpenAI({ apiKey: 'sk-test', baseURL: `${provider.url}/v1`, maxRetries: 0 })
    expect(wrapOpenAI(wrapOpenAI(client, ledger), ledger)).toBe(client)
    const before = ledger.stats().recorded
    await client.chat.completions.create({ model: 'gpt-4o', messages })
    expect(ledger.stats().recorded).toBe(before + 1)
  })

  it('lets a failed call fail as it would unwrapped, recording nothing', async () => {
    const { ledger } = clients()
    const client = wrapOpenAI(new OpenAI({ apiKey: 'sk-test', baseURL: `${provider.url}/nowhere`, maxRetries: 0 }), ledger)
    await expect(client.chat.completions.create({ model: 'gpt-4o', messages })).rejects.toThrow(/404/)
    expect(ledger.stats().recorded).toBe(0)
  })
})

describe('wrapAnthropic', () => {
  it('records a message with Anthropic’s cache buckets', async () => {
    const { ledger, anthropic } = clients({ team: 'search' })
    const msg = await anthropic.messages.create({ model: 'claude-3-5-sonnet-20241022', max_tokens: 100, messages })
    expect(await sent(ledger, msg.id)).toMatchObject({ model: 'claude-3-5-sonnet-20241022', provider: 'anthropic', usage: providerUsage.anthropic, task: 'summarize', tags: { team: 'search' } })
  })

  it('records a streamed message with the output tokens of message_delta', async () => {
    const { ledger, anthropic } = clients()
    const stream = await anthropic.messages.create({ model: 'claude-3-5-sonnet-20241022', max_tokens: 100, messages, stream: true })
    let id = ''
    for await (const event of stream) if (event.type === 'message_start') id = event.message.id
    expect(await sent(ledger, id)).toMatchObject({ usage: providerUsage.anthropic })

    const helper = anthropic.messages.stream({ model: 'claude-3-5-sonnet-20241022', max_tokens: 100, messages })
    const final = await helper.finalMessage()
    expect(await sent(ledger, final.id)).toMatchObject({ usage: providerUsage.anthropic })
  })

  it('records what a stream reported before the caller broke off (Anthropic sends input tokens first)', async () => {
    const { ledger, anthropic } = clients()
    const stream = await anthropic.messages.create({ model: 'claude-3-5-sonnet-20241022', max_tokens: 100, messages, stream: true })
    let id = ''
    for await (const event of stream) {
      if (event.type === 'message_start') id = event.message.id
      break
    }
    const { output_tokens: _, ...input } = providerUsage.anthropic
    expect(await sent(ledger, id)).toMatchObject({ usage: { ...input, output_tokens: 1 } })
  })
})

it('a stream read through tee() is recorded once', async () => {
  const { ledger, openai } = clients()
  const stream = await openai.chat.completions.create({ model: 'gpt-4o', messages, stream: true })
  const [left, right] = stream.tee()
  let leftChunks = 0
  for await (const _ of left) leftChunks++
  let rightChunks = 0
  for await (const _ of right) rightChunks++
  expect(leftChunks).toBe(4)
  expect(rightChunks).toBe(4)
  expect(ledger.stats().recorded).toBe(1)
})
