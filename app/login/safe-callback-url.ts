// Only same-origin paths: "//evil.example" and "/\evil.example" are protocol-relative in browsers.
export function safeCallbackUrl(value: unknown, fallback = '/spend'): string {
  if (typeof value !== 'string' || !value.startsWith('/')) return fallback
  if (value.startsWith('//') || value.startsWith('/\\') || value.startsWith('/login')) return fallback
  return value
}
