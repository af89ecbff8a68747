import { idleState, type FormState } from '@/components/ui/form-state'
import { taskTypes } from '@/lib/ingest/usage-event-schema'

// The policy editor's form ⇄ the teamPolicyEditorInput schema (the shared policy, with the price cap
// typed per 1M tokens). Pure, so the action and tests share it.

export type PolicyFormValues = {
  allowedModels: string[]
  blockedModels: string[]
  localDataClasses: string[]
  defaultModels: Record<string, string>
  /** USD per 1M input tokens, as typed; stored per 1K. */
  maxPricePer1M: string
  monthlyBudget: string
  /** Numbers as typed; a non-number becomes NaN so the schema names the field. */
  alertThresholds: number[]
  webhookUrl: string
  critical: boolean
  /** The text fields exactly as typed, echoed back after a refusal (not part of the policy). */
  typed?: Partial<Record<'monthlyBudget' | 'maxPricePer1M' | 'alertThresholds' | 'webhookUrl', string>>
}

export type PolicyFormState = FormState<PolicyFormValues, { version: number }>

export const initialPolicyFormState: PolicyFormState = idleState()

const strings = (fd: FormData, name: string) =>
  fd
    .getAll(name)
    .map(String)
    .map((s) => s.trim())
    .filter((s) => s !== '')

export function parseThresholds(text: string): number[] {
  return text
    .split(/[\s,;]+/)
    .map((s) => s.trim().replace(/%$/, ''))
    .filter((s) => s !== '')
    .map((s) => (/^-?\d+(\.\d+)?$/.test(s) ? Number(s) : Number.NaN))
}

const typedFields = ['monthlyBudget', 'maxPricePer1M', 'alertThresholds', 'webhookUrl'] as const

/** What the form sent, for the form: the parsed draft plus its text fields as typed. */
export function policyFormValues(fd: FormData): PolicyFormValues {
  const typed: NonNullable<PolicyFormValues['typed']> = {}
  for (const f of typedFields) typed[f] = String(fd.get(f) ?? '')
  return { ...policyFormToInput(fd), typed }
}

export function policyFormToInput(fd: FormData): PolicyFormValues {
  const defaultModels: Record<string, string> = {}
  for (const task of taskTypes) {
    const v = String(fd.get(`default.${task}`) ?? '').trim()
    if (v) defaultModels[task] = v
  }
  return {
    allowedModels: strings(fd, 'allowedModels'),
    blockedModels: strings(fd, 'blockedModels'),
    localDataClasses: strings(fd, 'localDataClasses'),
    defaultModels,
    maxPricePer1M: String(fd.get('maxPricePer1M') ?? '').trim(),
    monthlyBudget: String(fd.get('monthlyBudget') ?? '').trim(),
    alertThresholds: parseThresholds(String(fd.get('alertThresholds') ?? '')),
    webhookUrl: String(fd.get('webhookUrl') ?? '').trim(),
    critical: fd.get('critical') === 'on',
  }
}
