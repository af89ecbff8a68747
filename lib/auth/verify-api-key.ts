import type { PrismaClient } from '@prisma/client'
import { prisma } from '@/lib/db'
import { AppError } from '@/lib/errors'
import { logger } from '@/lib/logger'
import { hashApiKey, isApiKeyScope, isSameHash, parseApiKeyPrefix, type ApiKeyScope } from './api-keys'
import { remember } from '@/lib/remember'

export type VerifiedApiKey = {
  id: number
  /** null for an org-wide key (scope spend:read:all only). */
  teamId: number | null
  teamSlug: string | null
  scopes: ApiKeyScope[]
  prefix: string
}

export type VerifyApiKeyFailure = 'missing' | 'malformed' | 'unknown' | 'revoked'
export type VerifyApiKeyResult = { ok: true; key: VerifiedApiKey } | { ok: false; reason: VerifyApiKeyFailure }

export type VerifyApiKeyOptions = {
  /** How long a lookup (hit or miss) is reused; a revocation takes effect within this time. 0 = no cache. */
  cacheTtlMs?: number
  now?: () => number
  db?: PrismaClient
}

export const defaultApiKeyCacheTtlMs = 5_000
const lastUsedResolutionMs = 60_000
// Bounded so a flood of random keys cannot grow memory without limit; misses get the smaller share so
// they cannot push the real keys out.
const maxCachedHits = 10_000
const maxCachedMisses = 1_000

type CacheEntry = { result: VerifyApiKeyResult; expiresAt: number }

// Keyed by the SHA-256 of the presented key, so no plaintext key lives in process memory.
// One per process (remember): a revocation made by a server action must clear the cache the ingest
// route reads.
type KeyCaches = {
  hits: Map<string, CacheEntry>
  misses: Map<string, CacheEntry>
  inFlight: Map<string, Promise<VerifyApiKeyResult>>
  lastUsedWrittenAt: Map<number, number>
}
const { hits, misses, inFlight, lastUsedWrittenAt } = remember(
  'auth.apiKeyCaches',
  (): KeyCaches => ({ hits: new Map(), misses: new Map(), inFlight: new Map(), lastUsedWrittenAt: new Map() }),
)

/** Forgets every cached lookup, so the next call sees the database (tests, and after a revocation in this process). */
export function clearApiKeyCache(): void {
  hits.clear()
  misses.clear()
  inFlight.clear()
  lastUsedWrittenAt.clear()
}

/**
 * Checks a presented API key. On the ingest hot path: lookups are cached in-process for a few seconds
 * (misses too), concurrent lookups of one key share a query, and last_used_at is written at most once
 * a minute per key without the caller waiting for it.
 */
export async function verifyApiKey(
  presented: string | null | undefined,
  opts: VerifyApiKeyOptions = {},
): Promise<VerifyApiKeyResult> {
  const key = presented?.trim() ?? ''
  if (key === '') return { ok: false, reason: 'missing' }
  const prefix = parseApiKeyPrefix(key)
  if (prefix === null) return { ok: false, reason: 'malformed' }

  const now = opts.now ?? Date.now
  const ttl = opts.cacheTtlMs ?? defaultApiKeyCacheTtlMs
  const db = opts.db ?? prisma
  const hash = hashApiKey(key)

  const cached = readCache(hash, now())
  const result = cached ?? (await lookupShared(db, prefix, hash, ttl, now))
  if (result.ok) touchLastUsed(db, result.key.id, now())
  return result
}

function readCache(hash: string, at: number): VerifyApiKeyResult | undefined {
  for (const cache of [hits, misses]) {
    const entry = cache.get(hash)
    if (!entry) continue
    if (entry.expiresAt > at) return entry.result
    cache.delete(hash)
  }
  return undefined
}

function writeCache(hash: string, result: VerifyApiKeyResult, expiresAt: number): void {
  const cache = result.ok ? hits : misses
  const limit = result.ok ? maxCachedHits : maxCachedMisses
  cache.delete(hash)
  if (cache.size >= limit) {
    const oldest = cache.keys().next()
    if (!oldest.done) cache.delete(oldest.value)
  }
  cache.set(hash, { result, expiresAt })
}

async function lookupShared(
  db: PrismaClient,
  prefix: string,
  hash: string,
  ttl: number,
  now: () => number,
): Promise<VerifyApiKeyResult> {
  const pending = inFlight.get(hash)
  if (pending) return pending
  const lookup = findApiKey(db, prefix, hash)
    .then((result) => {
      if (ttl > 0) writeCache(hash, result, now() + ttl)
      return result
    })
    .finally(() => inFlight.delete(hash))
  inFlight.set(hash, lookup)
  return lookup
}

async function findApiKey(db: PrismaClient, prefix: string, hash: string): Promise<VerifyApiKeyResult> {
  const row = await db.apiKey.findUnique({
    where: { prefix },
    select: { id: true, teamId: true, hash: true, scopes: true, revokedAt: true, team: { select: { slug: true } } },
  })
  // Found by the public prefix, accepted only on a constant-time match of the full key's hash.
  if (!row || !isSameHash(row.hash, hash)) return { ok: false, reason: 'unknown' }
  if (row.revokedAt) return { ok: false, reason: 'revoked' }
  return {
    ok: true,
    key: {
      id: row.id,
      teamId: row.teamId,
      teamSlug: row.team?.slug ?? null,
      scopes: row.scopes.filter(isApiKeyScope),
      prefix,
    },
  }
}

function touchLastUsed(db: PrismaClient, id: number, at: number): void {
  const last = lastUsedWrittenAt.get(id)
  if (last !== undefined && at - last < lastUsedResolutionMs) return
  lastUsedWrittenAt.set(id, at)
  // The database guard keeps the once-a-minute limit across processes too.
  void db.apiKey
    .updateMany({
      where: { id, OR: [{ lastUsedAt: null }, { lastUsedAt: { lt: new Date(at - lastUsedResolutionMs) } }] },
      data: { lastUsedAt: new Date(at) },
    })
    .catch((err: unknown) => logger.warn({ err, apiKeyId: id }, 'could not record API key last use'))
}

export function hasScope(key: VerifiedApiKey, scope: ApiKeyScope): boolean {
  return key.scopes.includes(scope)
}

/** Throws 403 when a verified key lacks the scope an endpoint needs. */
export function requireScope(key: VerifiedApiKey, scope: ApiKeyScope): void {
  if (!hasScope(key, scope)) throw new AppError('forbidden', `this API key lacks the scope ${scope}`)
}
