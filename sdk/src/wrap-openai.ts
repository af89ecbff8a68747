import { instrument, pick, str, type Observed, type ProviderAdapter, type WrapOptions } from './instrument.js'
import type { ModelLedger } from './model-ledger.js'

// Chat completions: a stream reports usage only when asked (stream_options.include_usage), in one last
// chunk with no choices. We always ask, and hide that chunk from a caller who did not, because code
// written for the plain stream may read chunk.choices[0] unguarded.
const chat: ProviderAdapter = {
  provider: 'openai',
  prepare(params) {
    const streamOptions = pick(params.stream_options)
    if (params.stream !== true || streamOptions?.include_usage === true) return { params, hideAdded: false }
    return { params: { ...params, stream_options: { ...streamOptions, include_usage: true } }, hideAdded: true }
  },
  fromResult: fromOpenAiObject,
  observeStream(hideAdded) {
    const seen: Observed = {}
    return {
      see(chunk) {
        const c = pick(chunk)
        seen.id ??= str(c?.id)
        seen.model ??= str(c?.model)
        const usage = pick(c?.usage)
        if (!usage) return false
        seen.usage = usage
        return hideAdded && Array.isArray(c?.choices) && c.choices.length === 0
      },
      result: () => seen,
    }
  },
}

// Responses: the final event (response.completed, or .incomplete / .failed) carries the whole response.
const responses: ProviderAdapter = {
  provider: 'openai',
  fromResult: fromOpenAiObject,
  observeStream() {
    const seen: Observed = {}
    return {
      see(event) {
        const r = pick(pick(event)?.response)
        if (r) Object.assign(seen, withoutEmpty(fromOpenAiObject(r)))
        return false
      },
      result: () => seen,
    }
  },
}

function fromOpenAiObject(result: unknown): Observed {
  const r = pick(result)
  return { id: str(r?.id), model: str(r?.model), usage: pick(r?.usage) }
}

function withoutEmpty(o: Observed): Observed {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined && v !== null))
}

/**
 * Records every chat completion and responses call the client makes, streaming included (the same
 * client comes back). Works with the `openai` package v4 and later.
 */
export function wrapOpenAI<T extends object>(client: T, ledger: ModelLedger, opts: WrapOptions = {}): T {
  const c = client as { chat?: { completions?: unknown }; responses?: unknown }
  const warn = (m: string) => ledger.warning(m)
  instrument(c.chat?.completions, ledger, opts, chat, warn)
  instrument(c.responses, ledger, opts, responses, warn)
  return client
}
