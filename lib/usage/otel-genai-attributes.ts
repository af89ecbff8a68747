// The OTel GenAI semantic-convention names ModelLedger reads, in ONE table: for each meaning, the
// current registry name first, then the older names instrumentations still send (semantic conventions
// 1.36 and earlier). The first name present on a span wins.
export const otelGenAiAttributes = {
  /** Renamed from gen_ai.system (its values renamed too: see otelProviderRenames). */
  provider: ['gen_ai.provider.name', 'gen_ai.system'],
  /** The model that answered, else the model asked for. */
  model: ['gen_ai.response.model', 'gen_ai.request.model'],
  operation: ['gen_ai.operation.name'],
  /** SHOULD include cache reads and writes. */
  inputTokens: ['gen_ai.usage.input_tokens', 'gen_ai.usage.prompt_tokens'],
  /** SHOULD include reasoning tokens. */
  outputTokens: ['gen_ai.usage.output_tokens', 'gen_ai.usage.completion_tokens'],
  cacheReadTokens: ['gen_ai.usage.cache_read.input_tokens'],
  cacheWriteTokens: ['gen_ai.usage.cache_creation.input_tokens'],
  reasoningTokens: ['gen_ai.usage.reasoning.output_tokens'],
  // ModelLedger's own attributes: what the policy module reads.
  task: ['modelledger.task'],
  dataClass: ['modelledger.data_class'],
} as const satisfies Record<string, readonly string[]>

export type OtelGenAiMeaning = keyof typeof otelGenAiAttributes

/** gen_ai.system values that gen_ai.provider.name renamed; the stored provider is the current one. */
export const otelProviderRenames: Readonly<Record<string, string>> = {
  'az.ai.inference': 'azure.ai.inference',
  'az.ai.openai': 'azure.ai.openai',
  gemini: 'gcp.gemini',
  vertex_ai: 'gcp.vertex_ai',
  xai: 'x_ai',
}

/** gen_ai.operation.name → the task the policy module knows (others leave the task unset). */
export const otelOperationTasks: Readonly<Record<string, 'chat' | 'embedding'>> = {
  chat: 'chat',
  text_completion: 'chat',
  generate_content: 'chat',
  embeddings: 'embedding',
}

/** The value under the first name of a meaning that the attributes carry. */
export function readOtelAttribute<V>(attrs: Readonly<Record<string, V>>, meaning: OtelGenAiMeaning): V | undefined {
  for (const name of otelGenAiAttributes[meaning]) {
    const v = attrs[name]
    if (v !== undefined) return v
  }
  return undefined
}
