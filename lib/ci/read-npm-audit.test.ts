import { describe, expect, it } from 'vitest'
import { describeNpmAudit, readNpmAudit } from './read-npm-audit'

// Shapes as npm 10 prints them: the error body seen when the registry refuses the bulk advisory POST,
// and a report's metadata block.
const refused = JSON.stringify({ message: '405 Method Not Allowed - POST https://registry.example/-/npm/v1/security/advisories/bulk', statusCode: 405, error: { summary: '', detail: '' } })
const report = (v: Partial<Record<string, number>>) =>
  JSON.stringify({ auditReportVersion: 2, vulnerabilities: {}, metadata: { vulnerabilities: { info: 0, low: 0, moderate: 0, high: 0, critical: 0, total: 0, ...v } } })

describe('readNpmAudit', () => {
  it('an advisory service that refuses, a timeout or no output reads as "could not check", never as clean', () => {
    expect(readNpmAudit(1, refused)).toEqual({ kind: 'unreachable', reason: expect.stringContaining('405 Method Not Allowed') })
    expect(readNpmAudit(124, '')).toEqual({ kind: 'unreachable', reason: 'npm audit timed out' })
    expect(readNpmAudit(1, '')).toMatchObject({ kind: 'unreachable' })
    expect(describeNpmAudit(readNpmAudit(1, refused))).toMatch(/COULD NOT CHECK/)
  })

  it('a report is clean, or has findings of which high and critical block', () => {
    expect(readNpmAudit(0, report({}))).toMatchObject({ kind: 'clean' })
    expect(readNpmAudit(1, report({ moderate: 2 }))).toMatchObject({ kind: 'findings', blocking: 0 })
    expect(readNpmAudit(1, report({ high: 1, critical: 1 }))).toMatchObject({ kind: 'findings', blocking: 2 })
    expect(describeNpmAudit(readNpmAudit(1, report({ high: 1 })))).toMatch(/1 high.*fail this step/)
  })
})
