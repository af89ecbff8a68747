import Link from 'next/link'
import { buttonClass } from '@/components/advice/ui'
import type { DecisionWalk } from '@/lib/policy/guidance'
import { englishCitation } from '@/lib/policy/document/english'
import { Citation, Headline } from './doc-text'

const answerButton =
  'inline-flex min-w-24 items-center justify-center rounded-tremor-default px-5 py-2 text-tremor-default font-semibold shadow-tremor-input focus:outline-none focus:ring-2 focus:ring-tremor-brand-muted'

/** One question at a time: the path so far, the next question with yes / no, back and start over — all links. */
export function WalkPanel({ walk, sequence, hrefFor }: { walk: DecisionWalk; sequence: readonly boolean[]; hrefFor: (sequence: readonly boolean[]) => string }) {
  return (
    <section aria-label="Walk the decision tree" className="min-w-0 rounded-tremor-default border border-tremor-border-default bg-white p-4 shadow-tremor-card sm:p-5" data-testid="walk">
      <nav aria-label="Path so far" className="mb-4">
        <ol className="flex flex-wrap items-center gap-x-1 gap-y-1 text-tremor-label" data-testid="breadcrumb">
          <li>
            <Link href={hrefFor([])} className="text-tremor-brand-default hover:underline">
              Start
            </Link>
          </li>
          {walk.path.map((step, i) => (
            <li key={step.question.id} className="flex items-center gap-1" data-step={step.question.id} data-answer={step.answer ? 'yes' : 'no'}>
              <span aria-hidden="true" className="text-tremor-content-subtle">
                ›
              </span>
              <Link href={hrefFor(sequence.slice(0, i))} title={`${englishCitation(step.question.citation).en} — change this answer`} className="rounded-tremor-small bg-tremor-background-muted px-1.5 py-0.5 text-tremor-content-emphasis hover:bg-tremor-brand-faint">
                Q{step.question.number} {step.question.text.en}{' '}
                <strong className={step.answer ? 'text-emerald-700' : 'text-red-700'}>{step.answer ? 'yes' : 'no'}</strong>
              </Link>
            </li>
          ))}
        </ol>
      </nav>

      {walk.status === 'needs-answer' ? (
        <div data-testid="current-question" data-question={walk.question.id}>
          <p className="text-tremor-label font-semibold uppercase tracking-wide text-tremor-brand-default">
            Question {walk.path.length + 1} · Q{walk.question.number}
          </p>
          <h2 className="mt-1 text-xl font-semibold text-tremor-content-strong">{walk.question.text.en}</h2>
          <p lang="zh" className="text-tremor-default text-tremor-content">
            {walk.question.text.zh}
          </p>
          <Citation>{walk.question.citation}</Citation>
          {walk.question.note ? <p className="mt-1 max-w-3xl text-tremor-label text-tremor-content">Note: {walk.question.note}</p> : null}
          <div className="mt-4 flex flex-wrap gap-3">
            <Link href={hrefFor([...sequence, true])} className={`${answerButton} bg-emerald-700 text-white hover:bg-emerald-800`} data-testid="answer-yes">
              Yes
            </Link>
            <Link href={hrefFor([...sequence, false])} className={`${answerButton} bg-white text-red-700 ring-1 ring-inset ring-red-300 hover:bg-red-50`} data-testid="answer-no">
              No
            </Link>
          </div>
        </div>
      ) : (
        <div data-testid="reached-leaf" data-leaf={walk.leaf.id}>
          <p className="text-tremor-label font-semibold uppercase tracking-wide text-emerald-700">Recommendation after {walk.path.length} answers</p>
          <h2 className="mt-1 text-xl font-semibold text-tremor-content-strong" data-testid="leaf-headline">
            <Headline label={walk.leaf.label} />
          </h2>
        </div>
      )}

      {sequence.length > 0 ? (
        <div className="mt-4 flex flex-wrap gap-2 border-t border-tremor-border-default pt-3">
          <Link href={hrefFor(sequence.slice(0, -1))} className={buttonClass} data-testid="walk-back">
            Back
          </Link>
          <Link href={hrefFor([])} className={buttonClass}>
            Start over
          </Link>
        </div>
      ) : null}
    </section>
  )
}
