'use client'

import { BarChart, LineChart } from '@tremor/react'
import { ChartFigure, formatChartUsd } from './spend-charts'

// Month over month (stacked bars per month) and a price history as steps: the exact figures are in the
// tables beside them.

export function MonthTrendChart({ data, categories, colors, label }: { data: Record<string, string | number>[]; categories: string[]; colors: string[]; label: string }) {
  return (
    <ChartFigure label={label}>
      <BarChart className="h-64" data={data} index="month" categories={categories} colors={colors} stack valueFormatter={formatChartUsd} yAxisWidth={64} showAnimation={false} noDataText="No spend in these months" />
    </ChartFigure>
  )
}

const perMillion = (v: number) => `$${v.toLocaleString('en-US', { maximumSignificantDigits: 6 })}`

export function PriceStepChart({ data, label }: { data: Record<string, string | number>[]; label: string }) {
  return (
    <ChartFigure label={label}>
      <LineChart
        className="h-56"
        data={data}
        index="day"
        categories={['Input', 'Output']}
        colors={['blue', 'amber']}
        curveType="step"
        valueFormatter={perMillion}
        yAxisWidth={64}
        showAnimation={false}
        noDataText="No price versions"
      />
    </ChartFigure>
  )
}
