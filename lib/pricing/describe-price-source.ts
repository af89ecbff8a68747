// Which prices every money figure is computed with, in one line: the source document's table (one
// blended price per model) by default, provider list prices once imported, or a mix of them.

export type InForceVersion = { source: 'document' | 'manual' | 'litellm' | 'infrastructure'; effectiveFrom: string; createdOn: string }

export type PriceSourceSummary = {
  /** 'document' while every price in force is the document's: the first-run state an admin is offered the switch in. */
  kind: 'document' | 'list' | 'mixed' | 'none'
  label: string
}

const day = (iso: string) => iso.slice(0, 10)

function latest(days: string[]): string {
  return days.reduce((a, b) => (b > a ? b : a))
}

export function describePriceSource(versions: readonly InForceVersion[]): PriceSourceSummary {
  if (versions.length === 0) return { kind: 'none', label: 'no prices yet' }
  const by = (s: InForceVersion['source']) => versions.filter((v) => v.source === s)
  const doc = by('document')
  const list = by('litellm')
  const docLabel = doc.length ? `the source document's table, ${day(latest(doc.map((v) => v.effectiveFrom)))}` : null
  const listLabel = list.length ? `list prices imported on ${day(latest(list.map((v) => v.createdOn)))}` : null
  const others = versions.length - doc.length - list.length
  const otherLabel = others ? `${others} price${others === 1 ? '' : 's'} set by hand or from infrastructure cost` : null
  if (doc.length === versions.length) return { kind: 'document', label: docLabel! }
  if (list.length === versions.length) return { kind: 'list', label: listLabel! }
  const parts = [
    listLabel && `${listLabel} (${list.length} model${list.length === 1 ? '' : 's'})`,
    docLabel && `${docLabel} (${doc.length} model${doc.length === 1 ? '' : 's'})`,
    otherLabel,
  ].filter(Boolean)
  return { kind: 'mixed', label: parts.join('; ') }
}
