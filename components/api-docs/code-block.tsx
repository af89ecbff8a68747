import { CopyButton } from './copy-button'
import type { ApiExample } from './build-examples'

export function CodeBlock({ example }: { example: ApiExample }) {
  const id = `example-${example.id}`
  return (
    <figure className="min-w-0 overflow-hidden rounded-tremor-default border border-tremor-border-default bg-white shadow-tremor-card" data-testid={id}>
      <figcaption className="flex items-center justify-between gap-2 border-b border-tremor-border-default bg-tremor-background-muted px-3 py-1.5">
        <span className="text-tremor-label font-medium text-tremor-content-emphasis">{example.title}</span>
        <CopyButton text={example.code} targetId={id + '-code'} />
      </figcaption>
      {/* Focusable so a keyboard can scroll a long line. */}
      <pre tabIndex={0} aria-label={`${example.title} example`} className="overflow-x-auto bg-gray-950 p-3 text-[0.8rem] leading-relaxed text-gray-100">
        <code id={id + '-code'} data-language={example.language}>
          {example.code}
        </code>
      </pre>
    </figure>
  )
}

/** A few lines of introduction, then its examples one under another. */
export function CodeExamples({ intro, examples }: { intro: React.ReactNode; examples: ApiExample[] }) {
  return (
    <>
      <div className="max-w-4xl text-tremor-default text-tremor-content">{intro}</div>
      <div className="grid gap-3">
        {examples.map((e) => (
          <CodeBlock key={e.id} example={e} />
        ))}
      </div>
    </>
  )
}
