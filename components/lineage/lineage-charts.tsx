'use client'

import { BarChart, LineChart } from '@tremor/react'
import { ChartFigure } from '@/components/spend/spend-charts'

// Part 6's three charts. Values reach the browser as numbers for plotting only; the exact figures are in
// the tables beside each chart.

const pct = (v: number) => `${v.toFixed(1)}%`
const perMillion = (v: number) => `$${v.toFixed(2)}`

type Row = Record<string, string | number | null>

export function ShareChart({ data, categories, colors, label, stack = false }: { data: Row[]; categories: string[]; colors: string[]; label: string; stack?: boolean }) {
  return (
    <ChartFigure label={label}>
      <BarChart className="h-56" data={data} index="month" categories={categories} colors={colors} stack={stack} valueFormatter={pct} maxValue={100} yAxisWidth={60} showAnimation={false} noDataText="No priced spend in this period" />
    </ChartFigure>
  )
}

export function PriceStepChart({ data, categories, label }: { data: Row[]; categories: string[]; label: string }) {
  return (
    <ChartFigure label={label}>
      <LineChart className="h-56" data={data} index="day" categories={categories} colors={['violet', 'amber', 'cyan', 'rose']} curveType="step" valueFormatter={perMillion} yAxisWidth={56} connectNulls={false} showAnimation={false} noDataText="No reasoning model has a price" />
    </ChartFigure>
  )
}
