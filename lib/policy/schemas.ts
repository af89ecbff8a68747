import { z } from 'zod'
import { dataClasses, taskTypes } from '@/lib/ingest/usage-event-schema'
import { webhookUrlProblem } from '@/lib/webhooks/check-webhook-url'
import { priceCapPer1M } from './price-cap'

// The team policy as a form or a policy file gives it. Shared by the policy editor, saveTeamPolicy and
// the what-if CLI (--policy-file). Whether the slugs exist is checked against the catalog on save.

export const modelSlugInput = z
  .string({ error: 'a model slug must be a string' })
  .trim()
  .min(1, { error: 'a model slug must not be empty' })
  .max(100, { error: 'a model slug must be at most 100 characters' })
  // PostgreSQL text cannot hold NUL: the catalog lookup would fail instead of finding no such model.
  .refine((s) => !s.includes('\u0000'), { error: 'a model slug must not contain NUL characters' })

const uniqueSlugs = (field: string) =>
  z.array(modelSlugInput).max(200, { error: `${field}: at most 200 models` }).refine((list) => new Set(list).size === list.length, {
    error: `${field}: a model is listed twice`,
  })

// Money and prices arrive as decimal strings (or integers) and stay strings: a float has already lost
// precision. '' from an empty form field means "none".
// Messages name the field as a person sees it ("The monthly budget"), with an example of what fits.
function decimalString(field: string, integerDigits: number, fractionDigits: number, example: string) {
  const pattern = new RegExp(`^\\d{1,${integerDigits}}(\\.\\d{1,${fractionDigits}})?$`)
  return z.preprocess(
    (v) => (v === '' ? null : typeof v === 'number' && Number.isSafeInteger(v) ? String(v) : v),
    z
      .string({ error: `${field} must be a number such as ${example}, or empty for none.` })
      .trim()
      .regex(pattern, { error: `${field} must be a dollar amount such as ${example}: digits only, no minus sign, at most ${fractionDigits} decimals and ${integerDigits} digits before the point.` })
      .nullable(),
  )
}

const policyFields = {
  allowedModels: uniqueSlugs('allowedModels').default([]),
  blockedModels: uniqueSlugs('blockedModels').default([]),
  localDataClasses: z
    .array(z.enum(dataClasses, { error: (iss) => `unknown data class '${String(iss.input)}' (allowed: ${dataClasses.join(', ')})` }))
    .refine((list) => new Set(list).size === list.length, { error: 'localDataClasses: a data class is listed twice' })
    .default([]),
  defaultModels: z
    .partialRecord(z.enum(taskTypes, { error: (iss) => `unknown task '${String(iss.input)}' (allowed: ${taskTypes.join(', ')})` }), modelSlugInput)
    .default({}),
  // Columns: max_price_per_1k NUMERIC(20,9), monthly_budget NUMERIC(20,2). The cap is per 1K input
  // tokens here (policy files, the what-if CLI); the editor takes it per 1M (teamPolicyEditorInput).
  maxPricePer1k: decimalString('The price cap', 11, 9, '0.004').default(null),
  monthlyBudget: decimalString('The monthly budget', 18, 2, '1200 or 1200.50').default(null),
  alertThresholds: z
    .array(z.number({ error: 'Alert thresholds must be whole percentages, such as 50, 80, 100.' }).int({ error: 'Alert thresholds must be whole percentages, such as 50, 80, 100.' }).min(1, { error: 'an alert threshold must be at least 1 (%)' }).max(1000, { error: 'an alert threshold must be at most 1000 (%)' }))
    .max(20, { error: 'at most 20 alert thresholds' })
    .refine((t) => t.every((v, i) => i === 0 || v > (t[i - 1] as number)), { error: 'alert thresholds must be strictly ascending, e.g. [50, 80, 100]' })
    .default([50, 80, 100]),
  webhookUrl: z.preprocess(
    (v) => (v === '' ? null : v),
    z
      .url({ protocol: /^https?$/, error: 'The webhook URL must be a web address starting with https:// or http://.' })
      .max(2000, { error: 'The webhook URL must be at most 2000 characters.' })
      .refine((u) => !u.includes('\u0000'), { error: 'The webhook URL must not contain NUL characters.' })
      // SSRF: the worker POSTs to this address (checked again, after DNS, at send time).
      .superRefine((u, ctx) => {
        const problem = URL.canParse(u) && webhookUrlProblem(u)
        if (problem) ctx.addIssue({ code: 'custom', message: `The webhook URL ${problem}` })
      })
      .nullable(),
  ).default(null),
  critical: z.boolean({ error: 'critical must be true or false' }).default(false),
}

type PolicyLists = { allowedModels: string[]; blockedModels: string[]; defaultModels: Partial<Record<string, string>> }

function checkModelLists(p: PolicyLists, ctx: z.RefinementCtx): void {
  for (const m of p.allowedModels)
    if (p.blockedModels.includes(m)) ctx.addIssue({ code: 'custom', path: ['blockedModels'], message: `${m} is both allowed and blocked` })
  for (const [task, m] of Object.entries(p.defaultModels)) {
    if (m === undefined) continue
    if (p.blockedModels.includes(m)) ctx.addIssue({ code: 'custom', path: ['defaultModels', task], message: `the default for ${task} (${m}) is blocked` })
    else if (p.allowedModels.length > 0 && !p.allowedModels.includes(m))
      ctx.addIssue({ code: 'custom', path: ['defaultModels', task], message: `the default for ${task} (${m}) is not on the allowed list` })
  }
}

export const teamPolicyInput = z.object(policyFields).strict().superRefine(checkModelLists)

// The policy editor's form: the same policy with the price cap typed per 1M tokens (maxPricePer1M) and
// stored per 1K, checked in the same pass as every other field so all problems come back at once.
const { maxPricePer1k: _storedCap, ...editorFields } = policyFields
export const teamPolicyEditorInput = z
  .object({ ...editorFields, maxPricePer1M: priceCapPer1M.default(null) })
  .strict()
  .superRefine(checkModelLists)
  .transform(({ maxPricePer1M, ...p }): TeamPolicyValues => ({ ...p, maxPricePer1k: maxPricePer1M }))

export type TeamPolicyInput = z.input<typeof teamPolicyInput>
export type TeamPolicyValues = z.output<typeof teamPolicyInput>

/** "blockedModels[1]: unknown model 'x'" — the first few problems, each with where it is. */
export function describePolicyIssues(err: z.ZodError): string {
  return err.issues
    .slice(0, 5)
    .map((i) => {
      const path = i.path.map((p) => (typeof p === 'number' ? `[${p}]` : `.${String(p)}`)).join('').replace(/^\./, '')
      const keys = i.code === 'unrecognized_keys' ? i.keys.map((k) => `'${k}'`).join(', ') : ''
      if (i.code === 'unrecognized_keys' && path === 'defaultModels') return `defaultModels: unknown task(s) ${keys} (allowed: ${taskTypes.join(', ')})`
      if (i.code === 'unrecognized_keys') return `${path ? `${path}: ` : ''}unknown field(s) ${keys}`
      return path ? `${path}: ${i.message}` : i.message
    })
    .join('; ')
}
