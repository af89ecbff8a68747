import type { AlertKind, Prisma } from '@prisma/client'
import { prisma } from '@/lib/db'

export const alertKinds: AlertKind[] = ['budget_threshold', 'budget_forecast', 'anomaly', 'unpriced_model', 'capture_rate']
export const deliveryStatuses = ['delivered', 'retrying', 'pending'] as const
export type DeliveryStatus = (typeof deliveryStatuses)[number]

export type AlertsFilter = { teamId?: number; kind?: AlertKind; status?: DeliveryStatus }

export type AlertDelivery = {
  id: number
  teamSlug: string
  kind: AlertKind
  message: string
  createdAt: Date
  deliveredAt: Date | null
  attempts: number
  status: DeliveryStatus
}

// delivered = the webhook answered 2xx; retrying = attempted and not yet delivered; pending = never
// attempted (no webhook set when it fired, or still queued).
export function deliveryStatus(a: { deliveredAt: Date | null; attempts: number }): DeliveryStatus {
  if (a.deliveredAt) return 'delivered'
  return a.attempts > 0 ? 'retrying' : 'pending'
}

export async function loadRecentAlerts(filter: AlertsFilter, limit = 50): Promise<AlertDelivery[]> {
  const where: Prisma.AlertWhereInput = {}
  if (filter.teamId !== undefined) where.teamId = filter.teamId
  if (filter.kind) where.kind = filter.kind
  if (filter.status === 'delivered') where.deliveredAt = { not: null }
  if (filter.status === 'retrying') Object.assign(where, { deliveredAt: null, attempts: { gt: 0 } })
  if (filter.status === 'pending') Object.assign(where, { deliveredAt: null, attempts: 0 })
  const rows = await prisma.alert.findMany({
    where,
    orderBy: [{ createdAt: 'desc' }, { id: 'desc' }],
    take: limit,
    select: { id: true, kind: true, message: true, createdAt: true, deliveredAt: true, attempts: true, team: { select: { slug: true } } },
  })
  return rows.map(({ team, ...a }) => ({ ...a, teamSlug: team.slug, status: deliveryStatus(a) }))
}

export function parseAlertsFilter(sp: Record<string, string | undefined>, teamIdBySlug: Map<string, number>): { filter: AlertsFilter; applied: Record<string, string> } {
  const filter: AlertsFilter = {}
  const applied: Record<string, string> = {}
  if (sp.team && teamIdBySlug.has(sp.team)) {
    filter.teamId = teamIdBySlug.get(sp.team)
    applied.team = sp.team
  }
  if (sp.kind && (alertKinds as string[]).includes(sp.kind)) {
    filter.kind = sp.kind as AlertKind
    applied.kind = sp.kind
  }
  if (sp.status && (deliveryStatuses as readonly string[]).includes(sp.status)) {
    filter.status = sp.status as DeliveryStatus
    applied.status = sp.status
  }
  return { filter, applied }
}
