import { createCipheriv, createDecipheriv, hkdfSync, randomBytes } from 'node:crypto'

// Webhook signing secrets at rest: AES-256-GCM under a key derived (HKDF-SHA256) from
// WEBHOOK_SECRETS_KEY, a secret of its own so that neither a database dump nor AUTH_SECRET alone
// yields them. The team id is authenticated data: a ciphertext copied to another team's row does not
// decrypt. Format: "v1.<base64 iv(12) | tag(16) | ciphertext>".

const VERSION = 'v1'

function keyFrom(masterKey: string): Buffer {
  if (!masterKey) throw new Error('set WEBHOOK_SECRETS_KEY (openssl rand -hex 32) to store webhook signing secrets')
  return Buffer.from(hkdfSync('sha256', masterKey, Buffer.alloc(0), 'modelledger webhook signing secrets v1', 32))
}

export function sealSecret(plain: string, teamId: number, masterKey: string): string {
  const iv = randomBytes(12)
  const cipher = createCipheriv('aes-256-gcm', keyFrom(masterKey), iv)
  cipher.setAAD(Buffer.from(`team:${teamId}`))
  const ct = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()])
  return `${VERSION}.${Buffer.concat([iv, cipher.getAuthTag(), ct]).toString('base64')}`
}

/** Throws when the key is wrong or the ciphertext was altered or belongs to another team. */
export function openSecret(sealed: string, teamId: number, masterKey: string): string {
  const [version, payload] = sealed.split('.', 2)
  if (version !== VERSION || !payload) throw new Error('unknown webhook secret format')
  const raw = Buffer.from(payload, 'base64')
  const decipher = createDecipheriv('aes-256-gcm', keyFrom(masterKey), raw.subarray(0, 12))
  decipher.setAAD(Buffer.from(`team:${teamId}`))
  decipher.setAuthTag(raw.subarray(12, 28))
  return Buffer.concat([decipher.update(raw.subarray(28)), decipher.final()]).toString('utf8')
}
