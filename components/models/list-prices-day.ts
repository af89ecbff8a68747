import { z } from 'zod'
import { isUtcDay } from '@/lib/time/utc-days'

/** The day bundled list prices take effect: the page's date field and the switch action say it alike. */
export const listPricesDay = z.string().refine(isUtcDay, { error: (iss) => `"${String(iss.input)}" is not a date: pick a day as YYYY-MM-DD (UTC).` })
