import type { Route } from '@prisma/client'
import { documentCatalog } from '@/lib/catalog/document-catalog'
import { questionnaire } from '@/lib/policy/document/questionnaire'

/**
 * The alternatives priced beside a recommendation: the document's other models on the same technical
 * route(s) — by the catalog's route, which people may edit — then the models a Part 4 questionnaire answer
 * recommends together with any of them. Document models only: the catalog may hold many imported
 * entries, and the Models & prices page lists them all.
 */
export function relatedModels(recommended: readonly string[], routeOf: (slug: string) => Route | null): string[] {
  const routes = new Set(recommended.map(routeOf).filter((r): r is Route => r !== null))
  const sameRoute = documentCatalog.map((m) => m.slug).filter((slug) => {
    const route = routeOf(slug)
    return route !== null && routes.has(route)
  })
  const coRecommended = questionnaire.filter((a) => a.recommended.some((s) => recommended.includes(s))).flatMap((a) => a.recommended)
  const seen = new Set(recommended)
  return [...sameRoute, ...coRecommended].filter((slug) => !seen.has(slug) && Boolean(seen.add(slug)))
}
