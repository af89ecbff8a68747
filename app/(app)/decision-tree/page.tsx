import type { Metadata } from 'next'
import Link from 'next/link'
import { Section } from '@/components/ui/cards'
import { DecisionTreeSvg, edgeKey } from '@/components/decision-tree/decision-tree-svg'
import { Citation, CitedSection } from '@/components/decision-tree/doc-text'
import { LeafPanel } from '@/components/decision-tree/leaf-panel'
import { leafModelsLabel } from '@/components/decision-tree/model-rows'
import { QuestionnaireCards } from '@/components/decision-tree/questionnaire-cards'
import { parseTreeState, treeHref, treeQuery, type SearchParams } from '@/components/decision-tree/tree-params'
import { VolumeForm } from '@/components/decision-tree/volume-form'
import { WalkPanel } from '@/components/decision-tree/walk-panel'
import { PageHeader } from '@/components/ui/page-header'
import { ScrollRegion } from '@/components/ui/scroll-region'
import { ViewTabs } from '@/components/ui/view-tabs'
import { encodeSequence, sequenceFromAnswers } from '@/lib/advisor/decision-path'
import { layoutDecisionTree } from '@/lib/advisor/layout-decision-tree'
import { loadModelPrices } from '@/lib/advisor/load-model-prices'
import { pool } from '@/lib/db'
import { decisionTree, listDecisionPaths, type NodeId } from '@/lib/policy/guidance'
import { requirePage } from '../require-user'

export const metadata: Metadata = { title: 'Decision tree' }

export default async function DecisionTreePage({ searchParams }: { searchParams: Promise<SearchParams> }) {
  await requirePage('decision-tree')
  const state = parseTreeState(await searchParams)
  const prices = await loadModelPrices(pool, new Date())
  const hrefFor = (sequence: readonly boolean[]) => treeHref(state, { sequence })
  const csv = `/decision-tree/export${treeQuery(state)}`
  const volumeForm = <VolumeForm state={state} volume={state.volume} />
  const { walk } = state

  const layout = layoutDecisionTree(decisionTree)
  const current: NodeId = walk.status === 'done' ? walk.leaf.id : walk.question.id
  const highlight = {
    nodes: new Set<NodeId>([...walk.path.map((s) => s.question.id), current]),
    edges: new Set(walk.path.map((s) => edgeKey(s.question.id, s.answer))),
    current,
  }
  const labels = new Map<NodeId, string>(
    Object.values(decisionTree.nodes).flatMap((n) => (n.kind === 'leaf' ? [[n.id, leafModelsLabel(n, (s) => prices.get(s).displayName)] as [NodeId, string]] : [])),
  )

  return (
    <>
      <PageHeader
        title="Decision tree"
        noTimes
        description={
          <>
            “{decisionTree.title.en}” ({decisionTree.title.zh}) — the source document&apos;s Part 7 quick decision tree and Part 4 questionnaire, with the
            live price of every model it names. Share a walk by its link.
          </>
        }
      />
      <ViewTabs
        tabs={[
          { href: treeHref(state, { tab: 'tree' }), label: 'Decision tree · Part 7', active: state.tab === 'tree' },
          { href: treeHref(state, { tab: 'questionnaire' }), label: 'Questionnaire A–F · Part 4', active: state.tab === 'questionnaire' },
        ]}
      />

      {state.tab === 'questionnaire' ? (
        <QuestionnaireCards prices={prices} volume={state.volume} csv={csv} volumeForm={volumeForm} />
      ) : (
        <>
          <div className="mb-6">
            <WalkPanel walk={walk} sequence={state.sequence} hrefFor={hrefFor} />
          </div>
          {walk.status === 'done' ? (
            <div className="mb-6">
              <LeafPanel leaf={walk.leaf} prices={prices} volume={state.volume} csv={csv} volumeForm={volumeForm} />
            </div>
          ) : (
            <Section title="Where each answer leads" description="Every path through the tree; open one to see its models and prices." className="mb-6" testId="all-paths">
              <ul className="grid grid-cols-1 gap-2 md:grid-cols-2">
                {listDecisionPaths().map((p) => {
                  const walked = sequenceFromAnswers(p.answers)
                  return (
                    <li key={p.leaf.id}>
                      <Link href={hrefFor(walked)} className="block rounded-tremor-small border border-tremor-border-default px-3 py-2 hover:bg-tremor-background-subtle">
                        <span className="block font-medium text-tremor-content-strong">{leafModelsLabel(p.leaf, (s) => prices.get(s).displayName)}</span>
                        <span className="block text-tremor-label text-tremor-content">
                          {encodeSequence(walked).replaceAll(',', ' → ')} · <CitedSection citation={p.leaf.citation} />
                        </span>
                      </Link>
                    </li>
                  )
                })}
              </ul>
            </Section>
          )}
          <Section
            title="The whole tree"
            description="Highlighted: the path you walked and where you are. Click a node to jump there. Question 6 (mobile) is asked first; see its note."
            testId="drawn-tree"
          >
            <ScrollRegion label="Decision tree drawing" testId="decision-tree-scroll">
              <DecisionTreeSvg layout={layout} highlight={highlight} labels={labels} hrefFor={hrefFor} title={`Decision tree: ${decisionTree.title.en}`} />
            </ScrollRegion>
            <Citation>第七部分 · 快速决策树</Citation>
          </Section>
        </>
      )}
    </>
  )
}
