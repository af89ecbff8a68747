'use server'

import { redirect } from 'next/navigation'
import { can } from '@/lib/auth/permissions'
import { pool, prisma } from '@/lib/db'
import { isAppError } from '@/lib/errors'
import { logger } from '@/lib/logger'
import { serializeRepricePlan } from '@/lib/pricing/reprice/plan-reprice'
import { startReprice } from '@/lib/pricing/reprice/start-reprice'
import { fieldErrors, formValues, repriceForm, repriceWindow } from '@/components/models/price-form-schemas'
import type { RepriceState } from '@/components/models/reprice-planner'
import { getCurrentUser } from '../../require-user'

const fields = ['from', 'to', 'modelId']

type Parsed =
  | { error: RepriceState }
  | { user: { id: number; email: string }; values: Record<string, string>; input: { from: Date; to: Date; modelId: number | null } }

async function parse(formData: FormData): Promise<Parsed> {
  const values = formValues(formData, fields)
  const user = await getCurrentUser()
  if (!user) return { error: { status: 'error', message: 'Your session has ended: sign in again.', fieldErrors: {}, values } satisfies RepriceState }
  if (!can(user.role, 'prices:reprice')) {
    return { error: { status: 'error', message: `Your role (${user.role}) may not re-price usage.`, fieldErrors: {}, values } satisfies RepriceState }
  }
  const parsed = repriceForm.safeParse(values)
  if (!parsed.success) return { error: { status: 'error', message: 'Check the highlighted fields.', fieldErrors: fieldErrors(parsed.error), values } satisfies RepriceState }
  return { user, values, input: { ...repriceWindow(parsed.data), modelId: parsed.data.modelId } }
}

function failed(err: unknown, values: Record<string, string>): RepriceState {
  if (isAppError(err)) return { status: 'error', message: err.message, fieldErrors: err.code === 'not_found' ? { modelId: 'Unknown model' } : {}, values }
  logger.error({ err }, 'reprice action failed')
  return { status: 'error', message: 'Something went wrong; nothing was changed.', fieldErrors: {}, values }
}

/** The dry run: computed now, stored as a run (with who asked), written to no event. */
export async function planRepriceAction(_prev: RepriceState, formData: FormData): Promise<RepriceState> {
  const p = await parse(formData)
  if ('error' in p) return p.error
  try {
    const { run, plan } = await startReprice(prisma, { ...p.input, dryRun: true, actor: { id: p.user.id, name: p.user.email } }, pool)
    if (!plan) return failed(new Error('dry run returned no plan'), p.values)
    return { status: 'ok', message: null, fieldErrors: {}, values: p.values, runId: run.id, plan: serializeRepricePlan(plan) }
  } catch (err) {
    return failed(err, p.values)
  }
}

/** Starts the apply: a pending run for the reprice worker; the page then follows its progress. */
export async function applyRepriceAction(_prev: RepriceState, formData: FormData): Promise<RepriceState> {
  const p = await parse(formData)
  if ('error' in p) return p.error
  let runId: number
  try {
    const { run } = await startReprice(prisma, { ...p.input, dryRun: false, actor: { id: p.user.id, name: p.user.email } }, pool)
    runId = run.id
  } catch (err) {
    return failed(err, p.values)
  }
  // Outside the try: redirect() works by throwing.
  redirect(`/models/reprice?run=${runId}`)
}
