import entries from './bundled/litellm-prices.json'

// Provider list prices shipped with the app (LiteLLM's price map, trimmed to the catalog): the
// alternative to the source document's one blended price per model, one step away for an admin.
export const bundledListPrices = { name: 'LiteLLM model price map', bundledOn: '2026-12-07', entries: entries as unknown } as const
