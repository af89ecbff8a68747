import { unstable_rethrow } from 'next/navigation'
import type { z } from 'zod'
import type { AuditActor } from '@/lib/audit/types'
import { can, roleLabels, type Permission } from '@/lib/auth/permissions'
import type { SessionUser } from '@/lib/auth/session-user'
import { isAppError } from '@/lib/errors'
import { logger } from '@/lib/logger'
import { zodFieldErrors } from '@/components/ui/form-data'
import type { FormState } from '@/components/ui/form-state'
import { getCurrentUser } from './require-user'

// The one way a server action starts and ends. A server action is a public POST endpoint whatever page
// shows its form, so every call re-reads the session and re-checks the permission; bad input comes back
// as messages per field (from the zod schema, or an AppError's `field`), never as a 500.

export type Refusal = { denied: string }

export type ActionContext<V, I, G> = {
  user: SessionUser
  actor: AuditActor
  values: V
  /** The schema's output (or the raw input when the action has no schema). */
  input: I
  /** What `allow` granted (say, the team the form named). */
  granted: G
  formData: FormData
}

/** What a successful run answers: its message, and whatever the form shows next (E). */
export type ActionDone<E extends object> = { message?: string | null; status?: 'ok' | 'idle'; keepValues?: boolean } & Partial<Omit<E, 'status' | 'message' | 'keepValues'>>

export type ActionSpec<V extends object, I, G, E extends object> = {
  /** What the action does, for the log and the message when something unexpected fails ("create the user"). */
  what: string
  /** What was submitted; echoed back on a refusal so the form keeps it. */
  values: (formData: FormData) => V
  /** Permissions the role must hold, or a check of its own (a team-scoped action checks the team named). */
  allow: readonly Permission[] | ((user: SessionUser, formData: FormData) => Promise<G | Refusal>)
  /** How a missing permission reads: "change prices" → "Not allowed: your role (Engineer) may not change prices." */
  deniedAs?: string
  schema?: z.ZodType<I>
  /** The schema's input, when it is not the submitted values as they are. */
  input?: (values: V, formData: FormData) => unknown
  /** Form field names for schema paths (and AppError fields) the form calls differently. */
  rename?: Readonly<Record<string, string>>
  /** The message when a field is refused, by the schema or an AppError (default: "Check the highlighted fields."). */
  invalid?: string | ((error: z.ZodError) => string)
  run: (ctx: ActionContext<V, I, G>) => Promise<ActionDone<E>>
}

export type FormAction<V extends object, E extends object> = (prev: FormState<V, E>, formData: FormData) => Promise<FormState<V, E>>

export function formAction<V extends object, I = V, G = null, E extends object = object>(spec: ActionSpec<V, I, G, E>): FormAction<V, E> {
  return async (prev, formData) => {
    const seq = (prev?.seq ?? 0) + 1
    const values = spec.values(formData)
    const refuse = (message: string, fieldErrors: FormState['fieldErrors'] = {}, echo: Partial<V> = values) =>
      ({ status: 'error', message, fieldErrors, values: echo, seq }) as unknown as FormState<V, E>
    // A caller who may not act gets the refusal and nothing else: the same answer for every input.
    const deny = (message: string) => refuse(message, {}, {})
    const fieldsRefused = typeof spec.invalid === 'string' ? spec.invalid : 'Check the highlighted fields.'

    const user = await getCurrentUser()
    if (!user) return deny('Your session has ended: sign in again.')
    let granted = null as G
    if (typeof spec.allow === 'function') {
      const answer = await spec.allow(user, formData)
      if (answer !== null && typeof answer === 'object' && 'denied' in answer) return deny(answer.denied)
      granted = answer as G
    } else {
      const missing = spec.allow.find((p) => !can(user.role, p))
      if (missing) return deny(`Not allowed: your role (${roleLabels[user.role]}) may not ${spec.deniedAs ?? missing}.`)
    }

    const raw = spec.input ? spec.input(values, formData) : values
    let input = raw as I
    if (spec.schema) {
      const parsed = spec.schema.safeParse(raw)
      if (!parsed.success) {
        return refuse(typeof spec.invalid === 'function' ? spec.invalid(parsed.error) : fieldsRefused, zodFieldErrors(parsed.error, spec.rename))
      }
      input = parsed.data
    }

    try {
      const { message = null, status = 'ok', keepValues = false, ...extras } = await spec.run({ user, actor: { id: user.id, name: user.email }, values, input, granted, formData })
      return { ...extras, status, message, fieldErrors: {}, values: keepValues ? values : {}, seq } as unknown as FormState<V, E>
    } catch (err) {
      unstable_rethrow(err) // redirect() and notFound() work by throwing
      if (isAppError(err)) {
        // An error about a field the form sent is said beside that field; the form's message points there.
        const field = err.field && (spec.rename?.[err.field] ?? err.field)
        return field && formData.has(field) ? refuse(fieldsRefused, { [field]: err.message }) : refuse(err.message)
      }
      logger.error({ err, userId: user.id }, `server action failed: ${spec.what}`)
      return refuse(`Could not ${spec.what}: something went wrong. Try again.`)
    }
  }
}
