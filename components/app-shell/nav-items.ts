import { areasFor, pagePaths, type PageArea, type Role } from '@/lib/auth/permissions'

export const navLabels: Record<PageArea, string> = {
  spend: 'Spend',
  teams: 'Teams',
  advice: 'Advice',
  models: 'Models & prices',
  'decision-tree': 'Decision tree',
  lineage: 'Lineage',
  reports: 'Reports',
  reconciliation: 'Reconciliation',
  audit: 'Audit log',
  settings: 'Settings',
  connect: 'Connect',
  'api-docs': 'API docs',
}

export type NavItem = { area: PageArea; href: string; label: string }

export function navItemsFor(role: Role): NavItem[] {
  return areasFor(role).map((area) => ({ area, href: pagePaths[area], label: navLabels[area] }))
}
