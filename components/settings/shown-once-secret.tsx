import { CopyButton } from '@/components/api-docs/copy-button'

/** A freshly made credential, in the one response that carries it: copy now or never. */
export function ShownOnceSecret({ value, note, testId, copyLabel }: { value: string; note: string; testId: string; copyLabel: string }) {
  return (
    <div className="rounded-tremor-default border border-amber-200 bg-amber-50 p-3" data-testid={testId}>
      <p className="text-tremor-default font-medium text-amber-900">{note}</p>
      <div className="mt-2 flex flex-wrap items-center gap-2">
        <code className="min-w-0 break-all rounded-tremor-small bg-white px-2 py-1 font-mono text-tremor-default text-tremor-content-strong ring-1 ring-amber-200" data-testid={`${testId}-value`}>
          {value}
        </code>
        <CopyButton text={value} label={copyLabel} />
      </div>
    </div>
  )
}
