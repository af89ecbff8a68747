import { describe, expect, it } from 'vitest'
import { buildConnectExamples } from '@/components/connect/build-connect-examples'
import { buildExamples } from './build-examples'

describe('the copy-and-paste examples', () => {
  const ctx = { origin: 'https://ledger.example.com', teamSlug: 'search', now: new Date('2026-03-15T12:00:00Z') }
  const examples = [...buildExamples(ctx), ...buildConnectExamples(ctx)]

  it.each(examples.map((e) => [e.id, e.code]))('%s imports nothing from this app', (_id, code) => {
    expect(code).not.toMatch(/['"]@\/(lib|components|app)\//)
  })
})
