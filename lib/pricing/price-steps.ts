// A model's price history as points for a step chart: one point where each version starts (input and
// output per 1M tokens), and one today so the last step has a length. Numbers are for plotting only.

export type PriceStepVersion = { effectiveFrom: Date; input: { toString(): string }; output: { toString(): string } }

export function priceSteps(versions: readonly PriceStepVersion[], now: Date): { day: string; Input: number; Output: number }[] {
  const sorted = [...versions].filter((v) => v.effectiveFrom.getTime() <= now.getTime()).sort((a, b) => a.effectiveFrom.getTime() - b.effectiveFrom.getTime())
  const points = sorted.map((v) => ({ day: v.effectiveFrom.toISOString().slice(0, 10), Input: Number(v.input.toString()), Output: Number(v.output.toString()) }))
  const last = points[points.length - 1]
  const today = now.toISOString().slice(0, 10)
  if (last && last.day !== today) points.push({ ...last, day: today })
  return points
}
