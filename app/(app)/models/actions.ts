'use server'

import { revalidatePath } from 'next/cache'
import { prisma } from '@/lib/db'
import { addPriceVersion, infrastructurePrice } from '@/lib/pricing/add-price-version'
import { formValues } from '@/components/ui/form-data'
import { addPriceVersionForm, effectiveFrom, infrastructurePriceForm, type PriceFormState } from '@/components/models/price-form-schemas'
import { formAction, type ActionDone } from '../form-action'
import { findModelName } from '@/lib/catalog/list-model-options'

const priceFields = ['modelId', 'effectiveDate', 'effectiveTime', 'input', 'output', 'cacheRead', 'cacheWrite', 'reasoning', 'note']
const infraFields = ['modelId', 'effectiveDate', 'effectiveTime', 'gpuHourUsd', 'tokensPerSecond', 'note']

type Saved = { versionId: number; modelSlug: string; preview: string }

async function saved(modelId: number, versionId: number, from: Date): Promise<ActionDone<Saved>> {
  const model = await findModelName(prisma, modelId)
  revalidatePath('/models')
  if (model) revalidatePath(`/models/${model.slug}`)
  return {
    message: `Saved price version #${versionId} for ${model?.displayName ?? 'the model'}, effective ${from.toISOString().replace('.000Z', 'Z')}.`,
    versionId,
    modelSlug: model?.slug,
  }
}

export const addPriceVersionAction: (prev: PriceFormState, formData: FormData) => Promise<PriceFormState> = formAction({
  what: 'save the price version',
  values: (fd) => formValues(fd, priceFields),
  allow: ['prices:write'],
  deniedAs: 'change prices',
  schema: addPriceVersionForm,
  run: async ({ input: f, actor }) => {
    const from = effectiveFrom(f)
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
      actor,
    })
    return saved(f.modelId, version.id, from)
  },
})

/**
 * A self-hosted model's price from its hardware: GPU-hour cost ÷ tokens per hour, the same rate for
 * every bucket. intent=preview only computes it; intent=save adds it as an 'infrastructure' version.
 */
export const infrastructurePriceAction: (prev: PriceFormState, formData: FormData) => Promise<PriceFormState> = formAction({
  what: 'save the price version',
  values: (fd) => formValues(fd, infraFields),
  allow: ['prices:write'],
  deniedAs: 'change prices',
  schema: infrastructurePriceForm,
  run: async ({ input: f, actor, formData }): Promise<ActionDone<Saved>> => {
    const price = infrastructurePrice({ gpuHourUsd: f.gpuHourUsd, tokensPerSecond: f.tokensPerSecond }).toFixed()
    if (formData.get('intent') !== 'save') return { status: 'idle', keepValues: true, preview: price }
    const from = effectiveFrom(f)
    const note = [`GPU $${f.gpuHourUsd}/h at ${f.tokensPerSecond} tokens/s`, f.note].filter(Boolean).join('; ')
    const { version } = await addPriceVersion(prisma, {
      modelId: f.modelId,
      effectiveFrom: from,
      input: price,
      output: price,
      source: 'infrastructure',
      derived: true,
      note,
      actor,
    })
    return { ...(await saved(f.modelId, version.id, from)), preview: price }
  },
})
