import { Writable } from 'node:stream'
import { describe, expect, it } from 'vitest'
import { createLogger } from './logger'

function capture() {
  const lines: string[] = []
  const stream = new Writable({
    write(chunk: Buffer, _enc, done) {
      lines.push(chunk.toString('utf8'))
      done()
    },
  })
  return { log: createLogger(stream, 'info'), text: () => lines.join('') }
}

const secrets = {
  bearer: 'ml_ab12cd34_Zx9SecretApiKeyMaterial0001',
  cookie: 'authjs.session-token=eyJhbGciOiJkaXIiLCJlbmMiOiJBMjU2Q0JDLUhTNTEyIn0.sessioncookie0002',
  xApiKey: 'ml_ef56gh78_OtherKeyMaterial0003',
  whsec: 'whsec_c2VjcmV0LXdlYmhvb2stc2lnbmluZy1rZXktMDAwNA==',
  password: 'correct horse battery staple 0005',
}

describe('logger redaction', () => {
  it('a logged request keeps its method and URL but none of its credentials', () => {
    const req = new Request('https://ml.example.com/api/v1/usage', {
      method: 'POST',
      headers: { authorization: `Bearer ${secrets.bearer}`, cookie: secrets.cookie, 'x-api-key': secrets.xApiKey, 'content-type': 'application/json' },
    })
    const { log, text } = capture()
    log.info({ req: { method: req.method, url: req.url, headers: Object.fromEntries(req.headers) } }, 'request')
    log.info({ headers: Object.fromEntries(req.headers) }, 'bare headers')
    log.warn({ apiKey: secrets.bearer, webhookSecret: secrets.whsec, team: { secret: secrets.whsec, password: secrets.password } }, 'values')
    log.info({ res: { headers: { 'set-cookie': secrets.cookie } } }, 'response')
    const out = text()
    for (const [name, value] of Object.entries(secrets)) expect(out, name).not.toContain(value)
    expect(out).toContain('https://ml.example.com/api/v1/usage')
    expect(out).toContain('application/json')
    expect(out.match(/\[redacted\]/g)?.length).toBeGreaterThanOrEqual(9)
  })
})
