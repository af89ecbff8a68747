// One value per process, kept on globalThis: Next bundles route handlers and server actions separately,
// so a module-level singleton would exist once per bundle (two pools, two caches, and an invalidation by a
// server action would miss the copy a route reads). Dev-server hot reloads keep it too.
const store = globalThis as unknown as { modelLedgerSingletons?: Map<string, unknown> }
const values = (store.modelLedgerSingletons ??= new Map<string, unknown>())

/** The process's value for `key`, made by `make` the first time. */
export function remember<T>(key: string, make: () => T): T {
  if (!values.has(key)) values.set(key, make())
  return values.get(key) as T
}

/** Drops the value for `key`, so the next remember() makes a fresh one (after closing it). */
export function forget(key: string): void {
  values.delete(key)
}
