'use server'

import { redirect } from 'next/navigation'
import { pool, prisma } from '@/lib/db'
import { serializeRepricePlan } from '@/lib/pricing/reprice/plan-reprice'
import { startReprice } from '@/lib/pricing/reprice/start-reprice'
import { formValues } from '@/components/ui/form-data'
import { repriceForm, repriceWindow } from '@/components/models/price-form-schemas'
import type { RepriceState } from '@/components/models/reprice-planner'
import { formAction } from '../../form-action'

const spec = {
  what: 're-price usage',
  values: (fd: FormData) => formValues(fd, ['from', 'to', 'modelId']),
  allow: ['prices:reprice'],
  deniedAs: 're-price usage',
  schema: repriceForm,
} as const

/** The dry run: computed now, stored as a run (with who asked), written to no event. */
export const planRepriceAction: (prev: RepriceState, formData: FormData) => Promise<RepriceState> = formAction({
  ...spec,
  run: async ({ input, actor }) => {
    const { run, plan } = await startReprice(prisma, { ...repriceWindow(input), modelId: input.modelId, dryRun: true, actor }, pool)
    if (!plan) throw new Error('dry run returned no plan')
    return { message: null, keepValues: true, runId: run.id, plan: serializeRepricePlan(plan) }
  },
})

/** Starts the apply: a pending run for the reprice worker; the page then follows its progress. */
export const applyRepriceAction: (prev: RepriceState, formData: FormData) => Promise<RepriceState> = formAction({
  ...spec,
  run: async ({ input, actor }) => {
    const { run } = await startReprice(prisma, { ...repriceWindow(input), modelId: input.modelId, dryRun: false, actor }, pool)
    redirect(`/models/reprice?run=${run.id}`) // formAction lets the redirect through
  },
})
