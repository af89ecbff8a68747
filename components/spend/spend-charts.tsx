'use client'

import { BarChart, BarList, DonutChart } from '@tremor/react'

// Recharts needs the browser, and value formatters are functions, so charts live in client components.
// Values reach these as numbers for plotting only; the exact figures are in the tables beside them.

export const chartColors = ['blue', 'cyan', 'indigo', 'violet', 'fuchsia', 'amber', 'emerald', 'rose', 'gray'] as const

const usd = new Intl.NumberFormat('en-US', { style: 'currency', currency: 'USD', minimumFractionDigits: 2, maximumFractionDigits: 2 })
const count = new Intl.NumberFormat('en-US')

export function formatChartUsd(value: number): string {
  return value > 0 && value < 0.005 ? '<$0.01' : usd.format(value)
}

/** `colors`: one per category, from the catalog's model colours (lib/catalog/model-colors). */
export function DailySpendChart({ data, categories, colors, label }: { data: Record<string, string | number>[]; categories: string[]; colors: string[]; label: string }) {
  return (
    <div role="img" aria-label={label}>
      <BarChart
        className="h-72"
        data={data}
        index="__day"
        categories={categories}
        colors={colors}
        stack
        valueFormatter={formatChartUsd}
        yAxisWidth={64}
        showAnimation={false}
        noDataText="No spend in this range"
      />
    </div>
  )
}

export type BarItem = { name: string; value: number; href?: string }

export function MoneyBarList({ items }: { items: BarItem[] }) {
  return <BarList data={items} valueFormatter={formatChartUsd} sortOrder="none" />
}

export function CountBarList({ items, color }: { items: BarItem[]; color?: 'blue' | 'violet' | 'emerald' }) {
  return <BarList data={items} valueFormatter={(v: number) => count.format(v)} sortOrder="none" color={color} />
}

export function SpendDonut({ data, label }: { data: { name: string; value: number }[]; label: string }) {
  return (
    <div role="img" aria-label={label}>
      <DonutChart
        className="h-32"
        data={data}
        index="name"
        category="value"
        colors={[...chartColors]}
        valueFormatter={formatChartUsd}
        showAnimation={false}
        noDataText="No spend"
      />
    </div>
  )
}
