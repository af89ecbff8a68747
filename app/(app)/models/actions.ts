'use server'

import { revalidatePath } from 'next/cache'
import { can, type Permission } from '@/lib/auth/permissions'
import type { SessionUser } from '@/lib/auth/session-user'
import { prisma } from '@/lib/db'
import { isAppError } from '@/lib/errors'
import { logger } from '@/lib/logger'
import { addPriceVersion, infrastructurePrice } from '@/lib/pricing/add-price-version'
import {
  addPriceVersionForm,
  effectiveFrom,
  fieldErrors,
  formValues,
  infrastructurePriceForm,
  type PriceFormState,
} from '@/components/models/price-form-schemas'
import { getCurrentUser } from '../require-user'

// Server actions re-check the permission on every call (a hidden form is not enforcement) and hand
// bad input back to the form as messages per field, never as a 500.

const priceFields = ['modelId', 'effectiveDate', 'effectiveTime', 'input', 'output', 'cacheRead', 'cacheWrite', 'reasoning', 'note']
const infraFields = ['modelId', 'effectiveDate', 'effectiveTime', 'gpuHourUsd', 'tokensPerSecond', 'note']

async function userWith(permission: Permission): Promise<SessionUser | string> {
  const user = await getCurrentUser()
  if (!user) return 'Your session has ended: sign in again.'
  if (!can(user.role, permission)) return `Your role (${user.role}) may not change prices.`
  return user
}

function failure(values: Record<string, string>, message: string, errors: Record<string, string> = {}): PriceFormState {
  return { status: 'error', message, fieldErrors: errors, values }
}

// Domain errors mapped to the field they are about, when there is one.
function fromDomainError(err: unknown, values: Record<string, string>): PriceFormState {
  if (!isAppError(err)) {
    logger.error({ err }, 'price version action failed')
    return failure(values, 'Something went wrong; nothing was saved.')
  }
  if (err.code === 'conflict') return failure(values, err.message, { effectiveDate: 'A version already starts at this moment: pick another date or time.' })
  if (err.code === 'not_found') return failure(values, err.message, { modelId: 'Unknown model' })
  const bucket = /^(input|output|cache read|cache write|reasoning) price/.exec(err.message)?.[1]
  const field = bucket ? { input: 'input', output: 'output', 'cache read': 'cacheRead', 'cache write': 'cacheWrite', reasoning: 'reasoning' }[bucket] : undefined
  return failure(values, err.message, field ? { [field]: err.message } : {})
}

async function saved(modelId: number, versionId: number, from: Date): Promise<PriceFormState> {
  const model = await prisma.model.findUnique({ where: { id: modelId }, select: { slug: true, displayName: true } })
  revalidatePath('/models')
  if (model) revalidatePath(`/models/${model.slug}`)
  return {
    status: 'ok',
    message: `Saved price version #${versionId} for ${model?.displayName ?? 'the model'}, effective ${from.toISOString().replace('.000Z', 'Z')}.`,
    fieldErrors: {},
    values: {},
    versionId,
    modelSlug: model?.slug,
  }
}

export async function addPriceVersionAction(_prev: PriceFormState, formData: FormData): Promise<PriceFormState> {
  const values = formValues(formData, priceFields)
  const user = await userWith('prices:write')
  if (typeof user === 'string') return failure(values, user)
  const parsed = addPriceVersionForm.safeParse(values)
  if (!parsed.success) return failure(values, 'Check the highlighted fields.', fieldErrors(parsed.error))
  const f = parsed.data
  const from = effectiveFrom(f)
  try {
    const { version } = await addPriceVersion(prisma, {
      modelId: f.modelId,
      effectiveFrom: from,
      input: f.input,
      output: f.output,
      cacheRead: f.cacheRead,
      cacheWrite: f.cacheWrite,
      reasoning: f.reasoning,
      source: 'manual',
      note: f.note,
      actor: { id: user.id, name: user.email },
    })
    return await saved(f.modelId, version.id, from)
  } catch (err) {
    return fromDomainError(err, values)
  }
}

/**
 * A self-hosted model's price from its hardware: GPU-hour cost ÷ tokens per hour, the same rate for
 * every bucket. intent=preview only computes it; intent=save adds it as an 'infrastructure' version.
 */
export async function infrastructurePriceAction(_prev: PriceFormState, formData: FormData): Promise<PriceFormState> {
  const values = formValues(formData, infraFields)
  const user = await userWith('prices:write')
  if (typeof user === 'string') return failure(values, user)
  const parsed = infrastructurePriceForm.safeParse(values)
  if (!parsed.success) return failure(values, 'Check the highlighted fields.', fieldErrors(parsed.error))
  const f = parsed.data
  let price: string
  try {
    price = infrastructurePrice({ gpuHourUsd: f.gpuHourUsd, tokensPerSecond: f.tokensPerSecond }).toFixed()
  } catch (err) {
    return fromDomainError(err, values)
  }
  if (formData.get('intent') !== 'save') {
    return { status: 'idle', message: null, fieldErrors: {}, values, preview: price }
  }
  const from = effectiveFrom(f)
  const note = [`GPU $${f.gpuHourUsd}/h at ${f.tokensPerSecond} tokens/s`, f.note].filter(Boolean).join('; ')
  try {
    const { version } = await addPriceVersion(prisma, {
      modelId: f.modelId,
      effectiveFrom: from,
      input: price,
      output: price,
      source: 'infrastructure',
      derived: true,
      note,
      actor: { id: user.id, name: user.email },
    })
    return { ...(await saved(f.modelId, version.id, from)), preview: price }
  } catch (err) {
    return fromDomainError(err, values)
  }
}
