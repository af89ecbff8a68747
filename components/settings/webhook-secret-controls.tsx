'use client'

import { useActionState } from 'react'
import { rotateWebhookSecretAction, sendTestWebhookAction, type NewWebhookSecret, type WebhookTeamValues } from '@/app/(app)/settings/actions'
import { FormMessage, idleState } from '@/components/ui/form-state'
import { secondaryButton } from '@/components/ui/styles'
import { ShownOnceSecret } from './shown-once-secret'

export function RotateWebhookSecretForm({ team, hasSecret }: { team: string; hasSecret: boolean }) {
  const [state, action, pending] = useActionState(rotateWebhookSecretAction, idleState<WebhookTeamValues, NewWebhookSecret>())
  return (
    <div className="space-y-2">
      <form
        action={action}
        aria-label={`Signing secret for ${team}`}
        onSubmit={(event) => {
          if (hasSecret && !window.confirm(`Make a new signing secret for ${team}? The current one keeps signing for 24 hours, then only the new one does.`)) event.preventDefault()
        }}
      >
        <input type="hidden" name="team" value={team} />
        <button type="submit" disabled={pending} className={secondaryButton}>
          {pending ? 'Generating…' : hasSecret ? 'Rotate secret' : 'Generate secret'}
        </button>
      </form>
      <FormMessage state={state} testId="webhook-secret-message" />
      {state.status === 'ok' && state.secret ? (
        <ShownOnceSecret value={state.secret} note="Shown once — copy it into your receiver now. It is stored encrypted and never shown again." testId="new-webhook-secret" copyLabel="Copy secret" />
      ) : null}
    </div>
  )
}

export function SendTestEventButton({ team }: { team: string }) {
  const [state, action, pending] = useActionState(sendTestWebhookAction, idleState<WebhookTeamValues>())
  return (
    <form action={action} aria-label={`Send a test event to ${team}`} className="space-y-2">
      <input type="hidden" name="team" value={team} />
      <button type="submit" disabled={pending} className={secondaryButton}>
        {pending ? 'Sending…' : 'Send test event'}
      </button>
      <FormMessage state={state} testId="webhook-test-message" />
    </form>
  )
}
