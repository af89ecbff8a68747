// Where a batch came from, stored on ingest_batches.source. Only a label (the Connect page's "last
// event from each source"), never a permission: a User-Agent is the caller's word.
export const ingestSources = ['sdk', 'otlp', 'litellm', 'api'] as const
export type IngestSource = (typeof ingestSources)[number]

/** POST /api/v1/usage: the TypeScript SDK says so in its User-Agent (modelledger-sdk/<version>). */
export function usageSourceOf(userAgent: string | null): IngestSource {
  return userAgent !== null && /^modelledger-sdk\//i.test(userAgent.trim()) ? 'sdk' : 'api'
}
