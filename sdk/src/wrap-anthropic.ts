import { instrument, pick, str, type Observed, type ProviderAdapter, type WrapOptions } from './instrument.js'
import type { ModelLedger } from './model-ledger.js'

// A message stream reports usage twice: message_start (input and cache tokens, output so far) and
// message_delta (cumulative output, and in newer API versions the input counts again). Later wins.
const messages: ProviderAdapter = {
  provider: 'anthropic',
  fromResult(result) {
    const m = pick(result)
    return { id: str(m?.id), model: str(m?.model), usage: pick(m?.usage) }
  },
  observeStream() {
    const seen: Observed = {}
    return {
      see(event) {
        const e = pick(event)
        if (e?.type === 'message_start') {
          const m = pick(e.message)
          seen.id = str(m?.id)
          seen.model = str(m?.model)
          seen.usage = { ...pick(m?.usage) }
        } else if (e?.type === 'message_delta') {
          const delta = Object.entries(pick(e.usage) ?? {}).filter(([, v]) => v !== null && v !== undefined)
          seen.usage = { ...seen.usage, ...Object.fromEntries(delta) }
        }
        return false
      },
      result: () => seen,
    }
  },
}

/** Records every message the client creates, streaming (messages.stream or stream: true) included. */
export function wrapAnthropic<T extends object>(client: T, ledger: ModelLedger, opts: WrapOptions = {}): T {
  const c = client as { messages?: unknown }
  instrument(c.messages, ledger, opts, messages, (m) => ledger.warning(m))
  return client
}
