import { makeFinding } from '../make-finding'
import { pickSuggestion } from '../pick-suggestion'
import { isCriticalCall, type Rule } from './document-rules'

// (6) Budget pressure: over the monthly budget, or forecast to end the month over it → a cheaper model
// for work that is not critical (Part 4 C, "我要在有限预算内最大化性能"). Only a real, known saving counts.

export const overBudget: Rule = (s, ctx, model) => {
  const b = ctx.budgetState
  if (!b || b.budget === null || !model || s.cost === null || isCriticalCall(s, ctx)) return null
  const over = b.spent.gte(b.budget)
  if (!over && !b.forecast.gt(b.budget)) return null
  // Reasoning calls stay on a reasoning model: R1 is the budget one ("R1 极便宜").
  const pick = pickSuggestion([model.route === 'reasoning' ? 'deepseek-r1' : 'deepseek-v3'], s, ctx)
  if (!pick?.estimatedSaving?.gt(0)) return null
  const budget = b.budget
  const state = () =>
    over
      ? `the team has spent $${b.spent.toFixed(2)} of its $${budget.toFixed(2)} monthly budget`
      : `the team is forecast to spend $${b.forecast.toFixed(2)} against its $${budget.toFixed(2)} monthly budget`
  return makeFinding('budget.over-budget', () => `${state()}, and this call is not critical`, pick, s)
}
