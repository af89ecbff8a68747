import type { DocText } from '@/lib/policy/guidance'

/** English for the product, with the document's Chinese original beside it. */
export function Doc({ text, className = '' }: { text: DocText; className?: string }) {
  return (
    <span className={className}>
      {text.en}{' '}
      <span lang="zh" className="text-tremor-content">
        ({text.zh})
      </span>
    </span>
  )
}

export function Citation({ children }: { children: string }) {
  return (
    <p className="mt-2 text-tremor-label text-tremor-content" data-testid="citation">
      Source: <cite className="not-italic font-medium text-tremor-content-emphasis">{children}</cite>
    </p>
  )
}
