'use server'

import { revalidatePath } from 'next/cache'
import { redirect } from 'next/navigation'
import { z } from 'zod'
import { pool, prisma } from '@/lib/db'
import { switchToListPrices } from '@/lib/pricing/switch-to-list-prices'
import type { SwitchListPricesState } from '@/components/models/switch-list-prices-form'
import { listPricesDay } from '@/components/models/list-prices-day'
import { formText } from '@/components/ui/form-data'
import { formAction } from '../../form-action'

/** Imports the bundled list prices from the chosen day and starts the re-price of the usage since. */
export const switchListPricesAction: (prev: SwitchListPricesState, formData: FormData) => Promise<SwitchListPricesState> = formAction({
  what: 'switch to list prices',
  values: (fd) => ({ effectiveDate: formText(fd, 'effectiveDate') }),
  allow: ['prices:write', 'prices:reprice'],
  deniedAs: 'change prices',
  schema: z.object({ effectiveDate: listPricesDay }),
  // The day is chosen in the preview form above this one: its message is this form's message.
  invalid: (error) => error.issues[0]?.message ?? 'Pick the effective date above.',
  run: async ({ input, user, actor }) => {
    const { repriceRunId } = await switchToListPrices(prisma, pool, { dryRun: false, effectiveFrom: new Date(`${input.effectiveDate}T00:00:00Z`), actor: { id: user.id, name: actor.name } })
    revalidatePath('/', 'layout')
    redirect(repriceRunId === null ? '/models' : `/models/reprice?run=${repriceRunId}`)
  },
})
