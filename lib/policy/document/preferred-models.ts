import type { TaskType } from '@prisma/client'
import { o1VersusR1 } from './model-guidance'
import { questionnaireAnswer, type QuestionnaireAnswerId } from './questionnaire'
import type { Citation } from './types'

// The document's models in the order it would recommend them for one kind of call, each with the
// questionnaire answer (Part 4) that puts it there. Shared by the policy rules (which model replaces a
// blocked one) and the route-advice API (which model to call), so both read the same document.

export type CallNeeds = {
  task: TaskType | null
  critical: boolean
  latencySensitive: boolean
  /** The team's policy keeps this data class local. */
  mustStayLocal: boolean
  /** Confidential or restricted data: the document prefers local even without a team rule (Part 4 E). */
  prefersLocal: boolean
}

export type PreferredModel = { slug: string; answer: QuestionnaireAnswerId; why: string; citation: Citation }

const REASONING_TASKS: ReadonlySet<TaskType> = new Set(['math', 'reasoning'])

function fromAnswer(id: QuestionnaireAnswerId, order?: readonly string[]): PreferredModel[] {
  const a = questionnaireAnswer(id)
  return (order ?? a.recommended).map((slug) => ({
    slug,
    answer: id,
    why: `${id}. ${a.need.en} (${a.need.zh}): ${a.reasons.map((r) => r.en).join('; ')}`,
    citation: a.citation,
  }))
}

/**
 * Order of precedence: data locality (E), latency (D), hard reasoning (B, o1 first only for critical
 * business per Part 5's o1-vs-R1 advice), critical business (A), best value (C), then A as the general
 * fallback. Embeddings: the document covers no embedding model, so nothing is preferred.
 */
export function preferredModels(needs: CallNeeds): readonly PreferredModel[] {
  // Few distinct needs exist (tasks × four flags), and the rules ask on every flagged event: memoise.
  const key = `${needs.task}|${+needs.critical}${+needs.latencySensitive}${+needs.mustStayLocal}${+needs.prefersLocal}`
  let list = memo.get(key)
  if (!list) memo.set(key, (list = computePreferredModels(needs)))
  return list
}

const memo = new Map<string, readonly PreferredModel[]>()

function computePreferredModels(needs: CallNeeds): PreferredModel[] {
  if (needs.task === 'embedding') return []
  const sections: PreferredModel[][] = []
  if (needs.mustStayLocal || needs.prefersLocal) sections.push(fromAnswer('E'))
  if (needs.latencySensitive || needs.task === 'realtime') sections.push(fromAnswer('D'))
  if (needs.task !== null && REASONING_TASKS.has(needs.task)) {
    const pick = needs.critical ? o1VersusR1.criticalBusiness : o1VersusR1.internalTools
    const order = needs.critical ? ['o1', 'deepseek-r1'] : ['deepseek-r1', 'o1']
    sections.push(fromAnswer('B', order).map((p, i) => (i === 0 ? { ...p, why: `${p.why}. ${pick.en}`, citation: `${p.citation}; ${pick.citation}` } : p)))
  }
  if (needs.critical) sections.push(fromAnswer('A'))
  sections.push(fromAnswer('C'), fromAnswer('A'))
  const seen = new Set<string>()
  return sections.flat().filter((p) => !seen.has(p.slug) && Boolean(seen.add(p.slug)))
}
