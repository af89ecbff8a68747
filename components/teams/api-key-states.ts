import type { FormState } from '@/components/ui/form-state'

// What the team API-key actions hand back: the new key is shown once, from this state only.
export type CreateKeyState = FormState<{ name: string; scopes: string[] }, { key: string; name: string; prefix: string }>
export type RevokeKeyState = FormState<{ prefix: string }>
