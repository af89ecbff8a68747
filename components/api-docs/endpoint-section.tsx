import { FieldsTable } from './fields-table'
import type { JsonSchema, Operation } from './openapi-types'
import { constraintsOf, schemaFields, typeLabel } from './schema-fields'

const methodTone: Record<string, string> = {
  get: 'bg-emerald-50 text-emerald-800 ring-emerald-200',
  post: 'bg-blue-50 text-blue-800 ring-blue-200',
  put: 'bg-amber-50 text-amber-800 ring-amber-200',
  patch: 'bg-amber-50 text-amber-800 ring-amber-200',
  delete: 'bg-red-50 text-red-700 ring-red-200',
}

export function endpointAnchor(method: string, path: string): string {
  return `${method}-${path.replace(/[^a-z0-9]+/gi, '-').replace(/^-|-$/g, '')}`.toLowerCase()
}

export function MethodBadge({ method }: { method: string }) {
  return (
    <span className={`inline-block rounded-tremor-small px-1.5 py-0.5 font-mono text-tremor-label font-semibold uppercase ring-1 ring-inset ${methodTone[method] ?? 'bg-gray-100 text-gray-700 ring-gray-200'}`}>
      {method}
    </span>
  )
}

// Inline `code` in the document's descriptions, without a markdown dependency.
function Prose({ text }: { text: string }) {
  return (
    <p className="max-w-4xl text-tremor-default text-tremor-content-emphasis">
      {text.split(/(`[^`]+`)/g).map((part, i) =>
        part.startsWith('`') && part.endsWith('`') ? (
          <code key={i} className="rounded-tremor-small bg-tremor-background-subtle px-1 font-mono text-tremor-label">
            {part.slice(1, -1)}
          </code>
        ) : (
          part
        ),
      )}
    </p>
  )
}

export function EndpointSection({ method, path, op, components }: { method: string; path: string; op: Operation; components: Record<string, JsonSchema> }) {
  const bodySchema = op.requestBody?.content?.['application/json']?.schema
  const bodyFields = schemaFields(bodySchema, components)
  const params = op.parameters ?? []
  const responses = Object.entries(op.responses ?? {})
  return (
    <section id={endpointAnchor(method, path)} aria-labelledby={`${endpointAnchor(method, path)}-title`} className="scroll-mt-6 space-y-4 rounded-tremor-default border border-tremor-border-default bg-white p-4 shadow-tremor-card" data-testid="endpoint" data-path={path} data-method={method}>
      <div>
        <h3 id={`${endpointAnchor(method, path)}-title`} className="flex flex-wrap items-center gap-2 text-tremor-title font-semibold text-tremor-content-strong">
          <MethodBadge method={method} />
          <code className="break-all font-mono text-tremor-default">{path}</code>
        </h3>
        {op.summary ? <p className="mt-1 font-medium text-tremor-content-strong">{op.summary}</p> : null}
      </div>
      {op.description ? <Prose text={op.description} /> : null}

      {params.length > 0 ? (
        <div className="space-y-2">
          <h4 className="text-tremor-default font-semibold text-tremor-content-strong">Query parameters</h4>
          <FieldsTable
            caption={`Parameters of ${method.toUpperCase()} ${path}`}
            fields={params.map((p) => ({
              name: p.name,
              type: p.schema ? typeLabel(p.schema, components) : 'string',
              required: p.required ?? false,
              description: p.description ?? null,
              enumValues: p.schema?.enum ? p.schema.enum.map(String) : null,
              constraints: p.schema ? constraintsOf(p.schema) : [],
            }))}
          />
        </div>
      ) : null}

      {bodySchema ? (
        <div className="space-y-2">
          <h4 className="text-tremor-default font-semibold text-tremor-content-strong">
            Request body <span className="font-normal text-tremor-content">application/json · {typeLabel(bodySchema, components)}</span>
          </h4>
          {bodyFields.length > 0 ? <FieldsTable caption={`Request body of ${method.toUpperCase()} ${path}`} fields={bodyFields} /> : <p className="text-tremor-default text-tremor-content">Any JSON of this shape (see the examples).</p>}
        </div>
      ) : null}

      {responses.length > 0 ? (
        <div className="space-y-2">
          <h4 className="text-tremor-default font-semibold text-tremor-content-strong">Responses</h4>
          <ul className="space-y-1.5">
            {responses.map(([status, r]) => {
              const schema = r.content?.['application/json']?.schema
              const fields = status.startsWith('2') ? schemaFields(schema, components) : []
              return (
                <li key={status} className="text-tremor-default">
                  <span className={`mr-2 inline-block min-w-10 rounded-tremor-small px-1.5 py-0.5 text-center font-mono text-tremor-label font-semibold ${status.startsWith('2') ? 'bg-emerald-50 text-emerald-800' : 'bg-gray-100 text-gray-700'}`}>{status}</span>
                  <span className="text-tremor-content-emphasis">{r.description}</span>
                  {schema && !status.startsWith('2') ? <span className="text-tremor-content"> · {typeLabel(schema, components)}</span> : null}
                  {fields.length > 0 ? (
                    <details className="mt-2">
                      <summary className="cursor-pointer text-tremor-label font-medium text-tremor-brand-default">Response fields ({typeLabel(schema ?? {}, components)})</summary>
                      <div className="mt-2">
                        <FieldsTable caption={`Response ${status} of ${method.toUpperCase()} ${path}`} fields={fields} />
                      </div>
                    </details>
                  ) : null}
                </li>
              )
            })}
          </ul>
        </div>
      ) : null}
    </section>
  )
}
