// One error type for the whole app, one mapping to HTTP (ARCHITECTURE.md "Errors and HTTP").
export const errorStatus = {
  bad_json: 400,
  bad_request: 400,
  unauthorized: 401,
  forbidden: 403,
  not_found: 404,
  conflict: 409,
  payload_too_large: 413,
  unsupported_media_type: 415,
  invalid: 422,
  rate_limited: 429,
  internal: 500,
  unavailable: 503,
} as const

export type ErrorCode = keyof typeof errorStatus

export class AppError extends Error {
  readonly code: ErrorCode
  readonly retryAfterSeconds?: number
  /** The input field the error is about (a form shows it there), when there is one. */
  readonly field?: string
  constructor(code: ErrorCode, message: string, opts: { retryAfterSeconds?: number; cause?: unknown; field?: string } = {}) {
    super(message, { cause: opts.cause })
    this.name = 'AppError'
    this.code = code
    this.retryAfterSeconds = opts.retryAfterSeconds
    this.field = opts.field
  }
  get status(): number {
    return errorStatus[this.code]
  }
}

export function isAppError(e: unknown): e is AppError {
  return e instanceof AppError
}
