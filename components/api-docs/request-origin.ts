import { headers } from 'next/headers'

const hostPattern = /^[a-z0-9.-]+(?::\d{1,5})?$|^\[[0-9a-f:]+\](?::\d{1,5})?$/i

/**
 * Where the browser reached this app (behind a proxy: the forwarded host and scheme), so copied
 * examples point back here; AUTH_URL when the request carries no usable host.
 */
export async function requestOrigin(): Promise<string> {
  const h = await headers()
  const host = (h.get('x-forwarded-host') ?? h.get('host') ?? '').split(',')[0]?.trim() ?? ''
  const proto = (h.get('x-forwarded-proto') ?? '').split(',')[0]?.trim()
  const configured = parseUrl(process.env.AUTH_URL)
  if (hostPattern.test(host)) {
    const scheme = proto === 'https' || proto === 'http' ? proto : configured?.host === host ? configured.protocol.slice(0, -1) : 'http'
    return `${scheme}://${host}`
  }
  return configured?.origin ?? 'http://localhost:3000'
}

function parseUrl(value: string | undefined): URL | null {
  try {
    return value ? new URL(value) : null
  } catch {
    return null
  }
}
