import { afterAll, beforeAll } from 'vitest'
import { clearApiKeyCache } from '@/lib/auth/verify-api-key'
import { closeProducerQueues } from '@/lib/queues'
import { createWorld, type World } from './world'

/** Builds the access tests' world once per file (fresh API-key cache) and closes the queues after. */
export function setUpAccessWorld(onReady: (world: World) => void): void {
  beforeAll(async () => {
    clearApiKeyCache()
    onReady(await createWorld())
  })
  afterAll(async () => {
    clearApiKeyCache()
    await closeProducerQueues()
  })
}

/** A server action's FormData; an array value becomes repeated fields. */
export function formData(fields: Record<string, string | string[]>): FormData {
  const fd = new FormData()
  for (const [k, v] of Object.entries(fields)) for (const item of Array.isArray(v) ? v : [v]) fd.append(k, item)
  return fd
}
