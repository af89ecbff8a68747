import type { LastReceived } from '@/lib/connect/load-last-received'
import type { IngestSource } from '@/lib/ingest/ingest-source'
import { formatAgo } from '@/components/ui/format'
import { Time } from '@/components/ui/time'

const sourceLabels: Record<IngestSource, string> = {
  sdk: 'TypeScript SDK',
  otlp: 'OpenTelemetry (OTLP)',
  litellm: 'LiteLLM proxy',
  api: 'Usage API (curl, HTTP)',
}

export function LastReceivedTable({ rows, now, showTeam }: { rows: LastReceived[]; now: Date; showTeam: boolean }) {
  return (
    <table className="w-full divide-y divide-tremor-border-default text-tremor-default" data-testid="last-received">
      <thead>
        <tr className="text-left text-tremor-label text-tremor-content">
          <th scope="col" className="py-2 pr-4 font-medium">Source</th>
          <th scope="col" className="py-2 pr-4 font-medium">Last batch received</th>
          <th scope="col" className="py-2 pr-4 text-right font-medium">Events in it</th>
          {showTeam ? <th scope="col" className="py-2 font-medium">Team</th> : null}
        </tr>
      </thead>
      <tbody className="divide-y divide-tremor-border-default">
        {rows.map((r) => (
          <tr key={r.source} data-testid={`last-received-${r.source}`}>
            <th scope="row" className="py-2 pr-4 text-left font-medium text-tremor-content-strong">{sourceLabels[r.source]}</th>
            <td className="py-2 pr-4 text-tremor-content-emphasis">
              {r.receivedAt ? (
                <Time value={r.receivedAt} seconds>
                  {formatAgo(r.receivedAt, now)}
                </Time>
              ) : (
                <span className="text-tremor-content">nothing yet</span>
              )}
            </td>
            <td className="py-2 pr-4 text-right tabular-nums">{r.eventCount ?? '—'}</td>
            {showTeam ? <td className="py-2 font-mono text-tremor-label">{r.teamSlug ?? '—'}</td> : null}
          </tr>
        ))}
      </tbody>
    </table>
  )
}
