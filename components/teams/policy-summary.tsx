import type { ReactNode } from 'react'
import { formatPerMillion, formatUsd } from '@/components/ui/format'
import { capPer1MFromPer1k } from '@/lib/policy/price-cap'
import type { TeamPolicyView } from '@/lib/policy/team-policy-view'

function Row({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div className="grid grid-cols-1 gap-1 py-2 @lg:grid-cols-[14rem_1fr]">
      <dt className="text-tremor-default text-tremor-content">{label}</dt>
      <dd className="min-w-0 break-words text-tremor-default text-tremor-content-strong">{children}</dd>
    </div>
  )
}

const none = <span className="text-tremor-content-subtle">—</span>

function Slugs({ list }: { list: string[] }) {
  return list.length === 0 ? none : <span className="font-mono text-tremor-label">{list.join(', ')}</span>
}

/** The policy in force, read-only (finance, engineers). */
export function PolicySummary({ policy }: { policy: TeamPolicyView }) {
  const defaults = Object.entries(policy.defaultModels)
  return (
    <dl className="@container divide-y divide-tremor-border-default" data-testid="policy-readonly">
      <Row label="Allowed models">{policy.allowedModels.length === 0 ? 'any model not blocked' : <Slugs list={policy.allowedModels} />}</Row>
      <Row label="Blocked models">
        <Slugs list={policy.blockedModels} />
      </Row>
      <Row label="Data that must stay local">{policy.localDataClasses.length === 0 ? none : policy.localDataClasses.join(', ')}</Row>
      <Row label="Default model per task">
        {defaults.length === 0 ? (
          none
        ) : (
          <ul className="space-y-0.5">
            {defaults.map(([task, slug]) => (
              <li key={task}>
                {task} → <span className="font-mono text-tremor-label">{slug}</span>
              </li>
            ))}
          </ul>
        )}
      </Row>
      <Row label="Max $ per 1M input tokens">
        <span data-testid="policy-price-cap">{policy.maxPricePer1k === null ? 'no cap' : formatPerMillion(capPer1MFromPer1k(policy.maxPricePer1k))}</span>
      </Row>
      <Row label="Monthly budget">
        <span data-testid="policy-budget">{policy.monthlyBudget === null ? 'none' : formatUsd(policy.monthlyBudget)}</span>
      </Row>
      <Row label="Alert thresholds">{policy.alertThresholds.length === 0 ? 'none' : policy.alertThresholds.map((t) => `${t}%`).join(', ')}</Row>
      <Row label="Alert webhook">{policy.webhookUrl ? <span className="break-all font-mono text-tremor-label">{policy.webhookUrl}</span> : none}</Row>
      <Row label="Critical business">{policy.critical ? 'yes' : 'no'}</Row>
    </dl>
  )
}
