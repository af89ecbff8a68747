import type { SearchParams } from '@/lib/advisor/advice-params'

/** Hidden inputs carrying the URL params a GET form does not own, so submitting it keeps the rest of the view. */
export function HiddenParams({ sp, keep }: { sp: SearchParams; keep: (key: string) => boolean }) {
  return (
    <>
      {Object.entries(sp).flatMap(([key, value]) =>
        !keep(key) || value === undefined ? [] : (Array.isArray(value) ? value : [value]).map((v, i) => <input key={`${key}-${i}`} type="hidden" name={key} value={v} />),
      )}
    </>
  )
}
