import type { Deployment, PriceSource, Route } from '@prisma/client'

export const routeLabels: Record<Route, string> = {
  dense: 'Dense',
  moe: 'MoE',
  reasoning: 'Reasoning',
  small: 'Efficient small',
}

export const routeOrder: Route[] = ['dense', 'moe', 'reasoning', 'small']

export const deploymentLabels: Record<Deployment, string> = {
  closed_api: 'Closed API',
  open_weights_api: 'Open weights · API',
  local: 'Local',
}

export const sourceLabels: Record<PriceSource, string> = {
  document: 'Document',
  manual: 'Manual',
  litellm: 'LiteLLM',
  infrastructure: 'Infrastructure',
}

// The Part 3 matrix dimensions in the document's row order; unknown keys are shown after these.
export const ratingLabels: Record<string, string> = {
  general: 'General',
  code: 'Code',
  math: 'Math',
  longContext: 'Long context',
  multilingual: 'Multilingual',
  reasoning: 'Reasoning',
}

export function orderedRatings(ratings: Record<string, number>): Array<{ key: string; label: string; value: number }> {
  const known = Object.keys(ratingLabels)
  const keys = [...known.filter((k) => k in ratings), ...Object.keys(ratings).filter((k) => !known.includes(k)).sort()]
  return keys.map((key) => ({ key, label: ratingLabels[key] ?? key, value: ratings[key] ?? 0 }))
}
