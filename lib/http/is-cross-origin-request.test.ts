import { describe, expect, it } from 'vitest'
import { isCrossOriginRequest, isSafeMethod } from './is-cross-origin-request'

const h = (init: Record<string, string>) => new Headers(init)

describe('isCrossOriginRequest', () => {
  it.each([
    [{ host: 'ledger.example.com' }, false, 'no Origin (not a browser)'],
    [{ host: 'ledger.example.com', origin: 'https://ledger.example.com' }, false, 'same origin'],
    [{ host: 'localhost:3000', origin: 'http://localhost:3000' }, false, 'same origin with a port'],
    [{ host: 'LEDGER.example.com', origin: 'https://ledger.example.com' }, false, 'host case does not matter'],
    [{ host: '127.0.0.1:3000', 'x-forwarded-host': 'ledger.example.com', origin: 'https://ledger.example.com' }, false, 'behind a TLS proxy'],
    [{ host: 'ledger.example.com', origin: 'https://evil.example' }, true, 'another site'],
    [{ host: 'ledger.example.com', origin: 'https://ledger.example.com.evil.example' }, true, 'a look-alike host'],
    [{ host: 'localhost:3000', origin: 'http://localhost:3001' }, true, 'another port is another origin'],
    [{ host: 'ledger.example.com', origin: 'https://sub.ledger.example.com' }, true, 'a sibling subdomain (same site, not same origin)'],
    [{ host: 'ledger.example.com', origin: 'null' }, true, "Origin 'null'"],
    [{ host: 'ledger.example.com', origin: 'not a url' }, true, 'garbage Origin'],
    [{ origin: 'https://ledger.example.com' }, true, 'no host to compare with'],
    [{ host: 'ledger.example.com', 'x-forwarded-host': 'evil.example', origin: 'https://ledger.example.com' }, true, 'x-forwarded-host wins, as in Next'],
  ])('%j → %s (%s)', (headers, expected, _why) => {
    expect(isCrossOriginRequest(h(headers))).toBe(expected)
  })
})

describe('isSafeMethod', () => {
  it.each([
    ['GET', true],
    ['HEAD', true],
    ['OPTIONS', true],
    ['POST', false],
    ['PUT', false],
    ['PATCH', false],
    ['DELETE', false],
  ])('%s → %s', (method, safe) => expect(isSafeMethod(method)).toBe(safe))
})
