'use client'

import { BarChart } from '@tremor/react'
import { ChartFigure, formatChartUsd } from '@/components/spend/spend-charts'

// Spend before and after the replay, side by side per team (or per model for one team). Numbers are for
// plotting only; the exact figures are in the tables below the chart.
export function WhatIfChart({ data, label }: { data: { name: string; Before: number; After: number }[]; label: string }) {
  return (
    <ChartFigure label={label} testId="what-if-chart">
      <BarChart className="h-64" data={data} index="name" categories={['Before', 'After']} colors={['slate', 'emerald']} valueFormatter={formatChartUsd} yAxisWidth={72} showAnimation={false} noDataText="No calls in this window" />
    </ChartFigure>
  )
}
