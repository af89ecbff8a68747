import { describe, expect, it } from 'vitest'
import { documentCatalog, documentPrices } from '@/lib/catalog/document-catalog'
import { decisionTreeNodes } from './decision-tree'
import { englishCitation, englishHeadline, hasChinese } from './english'
import { futureTrends } from './future-trends'
import { modelGuidance, o1VersusR1 } from './model-guidance'
import { questionnaire } from './questionnaire'
import { technicalRoutes } from '@/lib/policy/document/technical-routes'
import { ruleDefinitions } from '@/lib/policy/rule-definitions'

// Every citation the product ships must come out in English: a new section cited without a translation
// fails here rather than showing Chinese to an English reader.
function citationsIn(value: unknown, key = ''): string[] {
  if (typeof value === 'string') return key === 'citation' ? [value] : []
  if (Array.isArray(value)) return value.flatMap((v) => citationsIn(v, key))
  if (value && typeof value === 'object') return Object.entries(value).flatMap(([k, v]) => citationsIn(v, k))
  return []
}

describe('englishCitation', () => {
  const all = citationsIn([documentCatalog, documentPrices, decisionTreeNodes, futureTrends, modelGuidance, o1VersusR1, questionnaire, technicalRoutes, ruleDefinitions])

  it('has found the citations', () => {
    expect(all.length).toBeGreaterThan(40)
  })

  it.each([...new Set(all)])('%s has an English rendering', (citation) => {
    const { en, zh } = englishCitation(citation)
    expect(zh).toBe(citation)
    expect(hasChinese(en), en).toBe(false)
  })

  it.each([
    ['第五部分 · 各模型的"杀手锏"', 'Part 5 · Each model’s killer feature'],
    ['第七部分 · 快速决策树 · 2️⃣ 否', 'Part 7 · Quick decision tree · 2️⃣ no'],
    ['team policy · blockedModels; 第四部分 · 问卷式选择 · E. 隐私第一', 'team policy · blockedModels; Part 4 · Choosing by questionnaire · E. Privacy first'],
  ])('%s → %s', (zh, en) => {
    expect(englishCitation(zh).en).toBe(en)
  })
})

describe('englishHeadline', () => {
  it.each(Object.values(decisionTreeNodes).flatMap((n) => (n.kind === 'leaf' ? [n.label] : [])))('%s is in English', (label) => {
    expect(hasChinese(englishHeadline(label).en)).toBe(false)
  })

  it('reads as the document means it', () => {
    expect(englishHeadline('Llama 3.1 70B（开源本地部署）').en).toBe('Llama 3.1 70B (open source, self-hosted)')
  })
})
