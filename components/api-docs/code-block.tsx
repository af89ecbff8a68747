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
