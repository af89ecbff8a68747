import { describe, expect, it } from 'vitest'
import { DEMO_TEAMS } from './demo-teams'
import { DEMO_USAGE_PROFILES, type DemoUsageProfile } from './demo-usage-profiles'
import { findDocumentModel, generateDemoEvents, type DemoEvent } from './generate-demo-events'

const now = new Date('2026-03-18T15:30:00Z') // a Wednesday
const DAY_MS = 86_400_000
const profile = (slug: string): DemoUsageProfile => {
  const p = DEMO_USAGE_PROFILES.find((x) => x.teamSlug === slug)
  if (!p) throw new Error(slug)
  return p
}
const all: Record<string, DemoEvent[]> = Object.fromEntries(
  DEMO_USAGE_PROFILES.map((p) => [p.teamSlug, generateDemoEvents(p, { now, days: 60 })]),
)
const perDay = (events: DemoEvent[]): Map<string, number> => {
  const m = new Map<string, number>()
  for (const e of events) m.set(e.ts.toISOString().slice(0, 10), (m.get(e.ts.toISOString().slice(0, 10)) ?? 0) + 1)
  return m
}

describe('generateDemoEvents', () => {
  it('has a usage profile for every demo team', () => {
    expect(DEMO_USAGE_PROFILES.map((p) => p.teamSlug).sort()).toEqual(DEMO_TEAMS.map((t) => t.slug).sort())
  })

  it('gives the same events for the same inputs, so re-seeding finds every id already present', () => {
    expect(generateDemoEvents(profile('research'), { now, days: 60 })).toEqual(all.research)
  })

  it('numbers events demo-<team>-<n> in time order, inside the window ending now', () => {
    const events = all.support!
    expect(events[0]!.eventId).toBe('demo-support-1')
    expect(events.at(-1)!.eventId).toBe(`demo-support-${events.length}`)
    const outOfOrder = events.filter((e, i) => i > 0 && e.ts < events[i - 1]!.ts)
    expect(outOfOrder).toHaveLength(0)
    expect(events.at(-1)!.ts.getTime()).toBeLessThanOrEqual(now.getTime())
    expect(events[0]!.ts.getTime()).toBeGreaterThanOrEqual(now.getTime() - 60 * DAY_MS)
  })

  it('stays around 40k–80k events in total', () => {
    const total = Object.values(all).reduce((s, e) => s + e.length, 0)
    expect(total).toBeGreaterThan(40_000)
    expect(total).toBeLessThan(80_000)
  })

  it('keeps token buckets realistic and reasoning tokens on reasoning models only', () => {
    // Collect violations instead of asserting per event: 65k × several expect() calls is slow.
    const bad: string[] = []
    for (const e of Object.values(all).flat()) {
      const prompt = e.inputTokens + e.cacheReadTokens
      const reasoningModel = findDocumentModel(e.model)?.route === 'reasoning'
      if (prompt < 200 || prompt > 8000) bad.push(`${e.eventId}: prompt ${prompt}`)
      if (e.outputTokens < 50 || e.outputTokens > 2000) bad.push(`${e.eventId}: output ${e.outputTokens}`)
      if (e.reasoningTokens > 0 !== reasoningModel) bad.push(`${e.eventId}: reasoning ${e.reasoningTokens} on ${e.model}`)
      if (reasoningModel && e.latencyMs < 15_000) bad.push(`${e.eventId}: latency ${e.latencyMs} on ${e.model}`)
    }
    expect(bad.slice(0, 5)).toEqual([])
  })

  it('is busier on weekdays than at weekends and grows over the window', () => {
    const days = perDay(all.search!)
    const weekday = (d: string) => ![0, 6].includes(new Date(`${d}T00:00:00Z`).getUTCDay())
    const avg = (xs: number[]) => xs.reduce((s, x) => s + x, 0) / xs.length
    const entries = [...days.entries()].slice(1, -1)
    const weekdays = entries.filter(([d]) => weekday(d)).map(([, n]) => n)
    const weekends = entries.filter(([d]) => !weekday(d)).map(([, n]) => n)
    expect(avg(weekdays)).toBeGreaterThan(1.8 * avg(weekends))
    expect(avg(weekdays.slice(-10))).toBeGreaterThan(avg(weekdays.slice(0, 10)) * 1.2)
  })

  it('has one spike day for search, nine days ago', () => {
    const days = perDay(all.search!)
    const spikeDay = new Date(now.getTime() - 9 * DAY_MS).toISOString().slice(0, 10)
    const [busiest] = [...days.entries()].sort((a, b) => b[1] - a[1])
    expect(busiest![0]).toBe(spikeDay)
  })

  it('sends finance-ops calls to model strings the catalog does not know', () => {
    const unknown = new Set(all['finance-ops']!.filter((e) => !findDocumentModel(e.model)).map((e) => e.model))
    expect([...unknown].sort()).toEqual(['gpt-4o-mini', 'my-finetune-v2'])
  })
})
