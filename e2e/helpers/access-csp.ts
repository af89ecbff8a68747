import { expect, type Page, type Response } from '@playwright/test'

// Collects what the browser says about the Content-Security-Policy while pages load: the
// securitypolicyviolation events of every document (an init script, which CSP does not govern) and
// console messages that mention the policy. A page that works under the policy leaves both empty.

declare global {
  interface Window {
    __cspViolations?: string[]
  }
}

export async function watchCsp(page: Page): Promise<{ console: string[] }> {
  await page.addInitScript(() => {
    window.__cspViolations = []
    document.addEventListener('securitypolicyviolation', (e) => {
      window.__cspViolations?.push(`${e.violatedDirective} blocked ${e.blockedURI || 'inline'} (${e.sourceFile}:${e.lineNumber})`)
    })
  })
  const messages: string[] = []
  page.on('console', (m) => {
    if (/Content Security Policy|Content-Security-Policy|frame-ancestors/i.test(m.text())) messages.push(m.text())
  })
  return { console: messages }
}

export async function cspViolations(page: Page): Promise<string[]> {
  return page.evaluate(() => window.__cspViolations ?? [])
}

/** The headers every HTML page must carry, and script tags that all bear this response's nonce. */
export async function expectSecureDocument(page: Page, response: Response | null, label: string): Promise<void> {
  expect(response, label).not.toBeNull()
  expectSecureHtml(await response!.allHeaders(), await response!.text(), label)
}

export function expectSecureHtml(headers: Record<string, string>, html: string, label: string): void {
  const csp = headers['content-security-policy'] ?? ''
  const script = /(?:^|;\s*)script-src ([^;]*)/.exec(csp)?.[1] ?? ''
  expect(script, `${label}: script-src`).toMatch(/'nonce-[A-Za-z0-9+/=]+'/)
  expect(script, `${label}: script-src`).not.toContain("'unsafe-inline'")
  expect(script, `${label}: script-src`).not.toContain("'unsafe-eval'")
  expect(csp, label).toMatch(/frame-ancestors 'none'/)
  expect(csp, label).toMatch(/object-src 'none'/)
  expect(headers['x-content-type-options'], label).toBe('nosniff')
  expect(headers['referrer-policy'], label).toBe('strict-origin-when-cross-origin')
  expect(headers['permissions-policy'], label).toContain('camera=()')
  expect(headers['x-frame-options'], label).toBe('DENY')
  const nonce = /'nonce-([A-Za-z0-9+/=]+)'/.exec(script)?.[1]
  // Every script tag the server sent carries this response's nonce (scripts the page adds later are
  // trusted through 'strict-dynamic').
  const tags = html.match(/<script\b[^>]*>/g) ?? []
  expect(tags.length, `${label}: no script tags at all?`).toBeGreaterThan(0)
  for (const tag of tags) {
    if (/type="application\/(ld\+)?json"/.test(tag)) continue
    expect(/\snonce="([^"]*)"/.exec(tag)?.[1], `${label}: ${tag.slice(0, 120)} without the nonce`).toBe(nonce)
  }
}

/** React hydrated: Next's client runtime ran under the policy. */
export async function expectHydrated(page: Page, label: string): Promise<void> {
  await expect.poll(() => page.evaluate(() => Boolean((window as unknown as { next?: { version?: string } }).next?.version)), { message: `${label}: Next's client did not start` }).toBe(true)
}
