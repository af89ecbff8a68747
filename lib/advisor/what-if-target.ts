import { z } from 'zod'
import { AppError } from '@/lib/errors'
import { modelSlugInput } from '@/lib/policy/schemas'
import type { PolicyCatalog, PolicyModel } from '@/lib/policy/types'

// A what-if can send the calls it moves to one model the reader picks ("moving them to X would change
// spend by $Y") instead of where each rule suggests. Empty or absent: as the rules suggest.

export const whatIfTargetInput = z.preprocess((v) => (v === undefined || v === null || (typeof v === 'string' && v.trim() === '') ? null : v), modelSlugInput.nullable())

/**
 * The catalog model a what-if target names, or null for "as the rules suggest". A malformed or unknown
 * slug throws AppError invalid, on `field` (the form's name for it).
 */
export function resolveWhatIfTarget(catalog: PolicyCatalog, raw: unknown, field = 'target'): PolicyModel | null {
  const parsed = whatIfTargetInput.safeParse(raw)
  if (!parsed.success) throw new AppError('invalid', `Move calls to: ${parsed.error.issues[0]?.message ?? 'not a model slug'}.`, { field })
  if (parsed.data === null) return null
  const model = catalog.bySlug.get(parsed.data)
  if (!model) throw new AppError('invalid', `Move calls to: '${parsed.data}' is not a model in the catalog; pick one from the list.`, { field })
  return model
}
