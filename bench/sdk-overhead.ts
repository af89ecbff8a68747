// `npx tsx bench/sdk-overhead.ts [calls]`: what wrapping an OpenAI client with the SDK adds to a call.
// The real openai client calls a local server that answers like OpenAI, wrapped and unwrapped in turn
// (so machine noise falls on both alike); the ledger behind the wrapped one is a local stand-in that
// stores every event, so batching and sending run as they would in production. Prints medians and p99s,
// and record()'s own cost (the part that runs on the caller's path).
import OpenAI from 'openai'
import { loadavg } from 'node:os'
import { performance } from 'node:perf_hooks'
import { ModelLedger, wrapOpenAI } from '../sdk/src/index'
import { startFakeProvider } from '../sdk/test/fake-provider'
import { startLedgerStandIn } from '../sdk/test/ledger-stand-in'

const calls = Number(process.argv[2] ?? 2000)
const quantile = (xs: number[], q: number) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(q * xs.length))]!

async function main() {
  const provider = await startFakeProvider()
  const standIn = await startLedgerStandIn()
  const ledger = new ModelLedger({ apiKey: 'ml_bench', baseUrl: standIn.url })
  const plain = new OpenAI({ apiKey: 'sk-bench', baseURL: `${provider.url}/v1`, maxRetries: 0 })
  const wrapped = wrapOpenAI(new OpenAI({ apiKey: 'sk-bench', baseURL: `${provider.url}/v1`, maxRetries: 0 }), ledger, { task: 'chat', tags: { feature: 'bench' } })
  const messages = [{ role: 'user' as const, content: 'Hi' }]
  const time = async (client: OpenAI, stream: boolean) => {
    const t = performance.now()
    if (stream) for await (const _ of await client.chat.completions.create({ model: 'gpt-4o', messages, stream: true }));
    else await client.chat.completions.create({ model: 'gpt-4o', messages })
    return performance.now() - t
  }
  console.log(`load average ${loadavg().map((l) => l.toFixed(1)).join(' ')} (the numbers below are only as quiet as the machine)`)
  for (let i = 0; i < 200; i++) await time(i % 2 ? plain : wrapped, i % 4 < 2) // warm-up: JIT, sockets

  for (const stream of [false, true]) {
    const a: number[] = []
    const b: number[] = []
    for (let i = 0; i < calls; i++) {
      a.push(await time(plain, stream))
      b.push(await time(wrapped, stream))
    }
    const line = (xs: number[]) => `median ${quantile(xs, 0.5).toFixed(3)} ms, p99 ${quantile(xs, 0.99).toFixed(3)} ms`
    console.log(`${stream ? 'streamed' : 'plain   '} chat, ${calls} calls each — unwrapped: ${line(a)}; wrapped: ${line(b)}; added at the median: ${(quantile(b, 0.5) - quantile(a, 0.5)).toFixed(3)} ms`)
  }

  const n = 20_000
  const t = performance.now()
  for (let i = 0; i < n; i++) ledger.record({ model: 'gpt-4o', provider: 'openai', usage: { prompt_tokens: 10, completion_tokens: 5 }, latencyMs: 1, tags: { feature: 'bench' } })
  console.log(`record(): ${(((performance.now() - t) / n) * 1000).toFixed(2)} µs per event (${n} events)`)
  const stats = await ledger.shutdown({ timeoutMs: 60_000 })
  console.log(`delivered: ${stats.accepted} accepted, ${stats.dropped} dropped (buffer cap), ${stats.pending} pending; stand-in stored ${standIn.stored.size}`)
  await provider.close()
  await standIn.close()
}

void main()
