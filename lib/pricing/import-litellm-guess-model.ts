import type { Deployment, Route } from '@prisma/client'
import type { CatalogEntry } from '@/lib/catalog/list-catalog'
import type { LiteLlmEntry } from './import-litellm-entries'

export type GuessedModel = Pick<CatalogEntry, 'slug' | 'displayName' | 'provider' | 'family' | 'route' | 'deployment' | 'aliases'> & { notes: string }

/** Runtimes that run weights on your own hardware: their 0 is "no API bill", a real price. */
export const LOCAL_RUNTIMES: ReadonlySet<string> = new Set(['ollama', 'ollama_chat', 'lm_studio', 'llamafile', 'lemonade'])

export function isLocalRuntime(entry: Pick<LiteLlmEntry, 'key' | 'provider'>): boolean {
  // Ollama's "-cloud" tags run on Ollama's servers, not yours.
  return entry.provider !== null && LOCAL_RUNTIMES.has(entry.provider) && !/-cloud$/i.test(entry.key)
}

const FAMILIES: readonly [RegExp, string][] = [
  [/^(gpt-|o\d|chatgpt|text-davinci|davinci|babbage|codex)/, 'OpenAI'],
  [/^claude/, 'Anthropic'],
  [/^(gemini|gemma|palm|chat-bison|text-bison)/, 'Google'],
  [/^(llama|meta-llama|codellama|code-llama)/, 'Meta'],
  [/^(mistral|mixtral|codestral|ministral|magistral|pixtral|devstral|open-mistral|open-mixtral)/, 'Mistral'],
  [/^(qwen|qwq)/, 'Qwen'],
  [/^deepseek/, 'DeepSeek'],
  [/^grok/, 'xAI'],
  [/^phi/, 'Microsoft'],
  [/^(command|c4ai)/, 'Cohere'],
]

// Closed weights: only ever reachable as someone's API.
const CLOSED =
  /^(gpt-(?!oss|j\b|neo)|o\d|chatgpt|claude|gemini|grok|command|jamba|j2-|sonar|nova|titan|palm|text-|chat-bison|davinci|babbage)/

// Bedrock ids: [region.]vendor.model — the vendor is the family, not part of the name.
const BEDROCK_ID = /^(?:(?:us|eu|apac|global|us-gov|au|jp)\.)?(anthropic|meta|mistral|amazon|cohere|ai21|deepseek|qwen|openai|writer|zai|moonshot|minimax|google|nvidia|twelvelabs)\.(.+)$/

function baseName(key: string): string {
  const last = (key.toLowerCase().split('/').filter(Boolean).pop() ?? key.toLowerCase()).replace(/^ft:/, '')
  const bedrock = BEDROCK_ID.exec(last)
  if (!bedrock) return last
  const [, vendor = '', rest = ''] = bedrock
  // deepseek.v3-v1:0 names "DeepSeek V3": keep the vendor when the rest is only a version.
  return /^v\d/.test(rest) ? `${vendor}-${rest}` : rest
}

function guessRoute(name: string, entry: LiteLlmEntry): Route {
  if (entry.supportsReasoning || /(^o\d|reason|thinking|-r1\b|r1-|qwq)/.test(name)) return 'reasoning'
  if (/(mixtral|moe|\d+x\d+b|-a\d+(\.\d+)?b|gpt-oss|deepseek-v\d)/.test(name)) return 'moe'
  if (/(mini|nano|tiny|small|haiku|lite|\b[0-9](\.\d)?b\b|[-:][0-9](\.\d)?b\b)/.test(name)) return 'small'
  return 'dense'
}

/**
 * A catalog entry for a LiteLLM key the catalog does not know (only with createModels). Route, family
 * and deployment are guesses from the name and the serving provider, said so in the notes for a person
 * to check; the key itself becomes an alias so usage sent under it matches.
 */
export function guessLiteLlmModel(entry: LiteLlmEntry, takenSlugs: ReadonlySet<string>): GuessedModel {
  const name = baseName(entry.key)
  const base =
    name
      .replace(/[^a-z0-9.-]+/g, '-')
      .replace(/-+/g, '-')
      .replace(/^-|-$/g, '') || 'model'
  let slug = base
  for (let n = 2; takenSlugs.has(slug); n++) slug = `${base}-${n}`
  const family = FAMILIES.find(([re]) => re.test(name))?.[1] ?? (entry.provider ?? 'unknown')
  const route = guessRoute(name, entry)
  const deployment: Deployment = isLocalRuntime(entry) ? 'local' : CLOSED.test(name) ? 'closed_api' : 'open_weights_api'
  const key = entry.key.toLowerCase()
  return {
    slug,
    displayName: entry.key.split('/').pop() ?? entry.key,
    provider: (entry.provider ?? family).toLowerCase(),
    family,
    route,
    deployment,
    aliases: key === slug ? [slug] : [slug, key],
    notes:
      `Created by the LiteLLM price import from '${entry.key}' (litellm_provider ${entry.provider ?? 'unknown'}). ` +
      `Route '${route}', deployment '${deployment}' and family '${family}' are guessed from the name — check them.`,
  }
}
