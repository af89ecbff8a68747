import { z } from 'zod'
import { DEFAULT_MONTHLY_VOLUME, type MonthlyVolume } from '@/lib/advisor/estimate-monthly-cost'
import { answersFromSequence, encodeSequence } from '@/lib/advisor/decision-path'
import { walkDecisionTree, type DecisionAnswers, type DecisionWalk } from '@/lib/policy/guidance'

// The decision-tree page's state lives in the URL so a walk can be shared: ?a=no,yes,yes are the answers
// along the path from the root, ?tab=questionnaire the A–F tab, ?req=&in=&out= the monthly volume.

export type SearchParams = Record<string, string | string[] | undefined>
export type TreeTab = 'tree' | 'questionnaire'

export const MAX_REQUESTS = 10_000_000_000
export const MAX_TOKENS_PER_REQUEST = 10_000_000

const whole = (label: string, min: number, max: number) =>
  z
    .string()
    .trim()
    .regex(/^\d{1,15}$/, { error: `${label} must be a whole number` })
    .transform(Number)
    .refine((n) => n >= min && n <= max, { error: `${label} must be between ${min.toLocaleString('en-US')} and ${max.toLocaleString('en-US')}` })

export const volumeSchema = z.object({
  req: whole('Requests per month', 1, MAX_REQUESTS),
  in: whole('Input tokens per request', 0, MAX_TOKENS_PER_REQUEST),
  out: whole('Output tokens per request', 0, MAX_TOKENS_PER_REQUEST),
})

export type VolumeInput = { req: string; in: string; out: string }

export type TreeState = {
  tab: TreeTab
  /** The answers along the path, root first, cut where the walk ends. */
  sequence: boolean[]
  answers: DecisionAnswers
  walk: DecisionWalk
  /** What the form shows (as typed); `volume` is what the estimates use (defaults when invalid). */
  volumeInput: VolumeInput
  volume: MonthlyVolume
  volumeErrors: string[]
}

function first(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value[0] : value
}

export function parseTreeState(sp: SearchParams): TreeState {
  const tab: TreeTab = first(sp.tab) === 'questionnaire' ? 'questionnaire' : 'tree'
  const raw = first(sp.a)
  const { sequence, answers } = answersFromSequence(raw ? raw.split(',') : [])
  const volumeInput: VolumeInput = {
    req: first(sp.req) ?? String(DEFAULT_MONTHLY_VOLUME.requests),
    in: first(sp.in) ?? String(DEFAULT_MONTHLY_VOLUME.inputTokens),
    out: first(sp.out) ?? String(DEFAULT_MONTHLY_VOLUME.outputTokens),
  }
  const parsed = volumeSchema.safeParse(volumeInput)
  const volume = parsed.success ? { requests: parsed.data.req, inputTokens: parsed.data.in, outputTokens: parsed.data.out } : DEFAULT_MONTHLY_VOLUME
  const volumeErrors = parsed.success ? [] : parsed.error.issues.map((i) => i.message)
  return { tab, sequence, answers, walk: walkDecisionTree(answers), volumeInput, volume, volumeErrors }
}

/** The query string for a state; the default volume and the tree tab are left out to keep links short. */
export function treeQuery(state: Pick<TreeState, 'tab' | 'sequence' | 'volumeInput'>, over: { tab?: TreeTab; sequence?: readonly boolean[] } = {}): string {
  const q = new URLSearchParams()
  const tab = over.tab ?? state.tab
  const sequence = over.sequence ?? state.sequence
  if (tab === 'questionnaire') q.set('tab', tab)
  if (sequence.length > 0) q.set('a', encodeSequence(sequence))
  const v = state.volumeInput
  if (v.req !== String(DEFAULT_MONTHLY_VOLUME.requests)) q.set('req', v.req)
  if (v.in !== String(DEFAULT_MONTHLY_VOLUME.inputTokens)) q.set('in', v.in)
  if (v.out !== String(DEFAULT_MONTHLY_VOLUME.outputTokens)) q.set('out', v.out)
  const s = q.toString()
  return s ? `?${s}` : ''
}

export function treeHref(state: Pick<TreeState, 'tab' | 'sequence' | 'volumeInput'>, over: { tab?: TreeTab; sequence?: readonly boolean[] } = {}): string {
  return `/decision-tree${treeQuery(state, over)}`
}

