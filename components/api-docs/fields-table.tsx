import type { SchemaField } from './schema-fields'

const th = 'px-3 py-2 text-left text-tremor-label font-semibold uppercase tracking-wide text-tremor-content whitespace-nowrap'
const td = 'px-3 py-2 align-top text-tremor-default'

export function FieldsTable({ fields, caption }: { fields: SchemaField[]; caption: string }) {
  if (fields.length === 0) return null
  return (
    <div className="overflow-x-auto rounded-tremor-default border border-tremor-border-default bg-white">
      <table className="min-w-full divide-y divide-tremor-border-default">
        <caption className="sr-only">{caption}</caption>
        <thead className="bg-tremor-background-muted">
          <tr>
            <th scope="col" className={th}>Field</th>
            <th scope="col" className={th}>Type</th>
            <th scope="col" className={th}>Required</th>
            <th scope="col" className={th}>Description</th>
          </tr>
        </thead>
        <tbody className="divide-y divide-tremor-border-default">
          {fields.map((f) => (
            <tr key={f.name}>
              <td className={`${td} whitespace-nowrap font-mono text-tremor-label text-tremor-content-strong`}>{f.name}</td>
              <td className={`${td} font-mono text-tremor-label`}>{f.type}</td>
              <td className={`${td} whitespace-nowrap`}>{f.required ? <span className="font-medium text-tremor-content-strong">yes</span> : <span className="text-tremor-content">no</span>}</td>
              <td className={`${td} min-w-64 text-tremor-content`}>
                {f.description ? <p className="text-tremor-content-emphasis">{f.description}</p> : null}
                {f.enumValues ? (
                  <p className="font-mono text-tremor-label">
                    one of: {f.enumValues.join(', ')}
                  </p>
                ) : null}
                {f.constraints.length > 0 ? <p className="text-tremor-label">{f.constraints.join(' · ')}</p> : null}
                {!f.description && !f.enumValues && f.constraints.length === 0 ? '—' : null}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  )
}
