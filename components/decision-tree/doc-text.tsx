import type { DocText } from '@/lib/policy/guidance'
import { englishCitation, englishHeadline } from '@/lib/policy/document/english'

// The source document is Chinese, the product English: what it cites or quotes is shown in English
// (lib/policy/document/english.ts) with the original on hover (title) and a click away (details).

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

/** A toggle that shows the document's own words. */
export function Original({ zh }: { zh: string }) {
  return (
    <details className="group ml-1 inline-block align-baseline" data-testid="original">
      <summary className="inline cursor-pointer list-none text-tremor-label text-tremor-brand-emphasis underline decoration-dotted">original</summary>
      <span lang="zh" className="ml-1 text-tremor-content-emphasis">
        {zh}
      </span>
    </details>
  )
}

/** A reference to the document as a plain line: English first, the original on hover and expand. */
export function CitedSection({ citation, className = '' }: { citation: string; className?: string }) {
  const { en, zh } = englishCitation(citation)
  return (
    <span className={className} data-testid="cited-section">
      <cite className="not-italic" title={zh}>
        {en}
      </cite>
      {en !== zh ? <Original zh={zh} /> : null}
    </span>
  )
}

export function Citation({ children }: { children: string }) {
  return (
    <div className="mt-2 text-tremor-label text-tremor-content" data-testid="citation">
      Source: <CitedSection citation={children} className="font-medium text-tremor-content-emphasis" />
    </div>
  )
}

/** A quoted recommendation from the document, in English, with the original a click away. */
export function DocQuote({ text, className = '' }: { text: DocText; className?: string }) {
  return (
    <span className={className} data-testid="doc-quote">
      <q title={text.zh}>{text.en}</q>
      <Original zh={text.zh} />
    </span>
  )
}

/** A Part 7 leaf as the document prints it, in English. */
export function Headline({ label }: { label: string }) {
  const { en, zh } = englishHeadline(label)
  return (
    <>
      <span title={zh}>{en}</span>
      {en !== zh ? <Original zh={zh} /> : null}
    </>
  )
}
