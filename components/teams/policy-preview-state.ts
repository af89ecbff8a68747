import type { PolicyImpact } from '@/lib/advisor/describe-policy-impact'
import { idleState, type FormState } from '@/components/ui/form-state'
import type { PolicyFormValues } from './policy-form-data'

// What "Preview impact" answers: the draft replayed over the team's recent calls, before anything is saved.

export const POLICY_PREVIEW_DAYS = 30

export type PolicyPreviewState = FormState<PolicyFormValues, { team: string; days: number; impact: PolicyImpact }>

export const initialPolicyPreviewState: PolicyPreviewState = idleState()
