export type CreateKeyState =
  | { status: 'idle' }
  | { status: 'created'; key: string; name: string; prefix: string }
  | { status: 'error'; message: string; name?: string }

export type RevokeKeyState = { status: 'idle' } | { status: 'revoked'; message: string } | { status: 'error'; message: string }
