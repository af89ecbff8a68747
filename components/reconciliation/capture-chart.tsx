'use client'

import { LineChart } from '@tremor/react'
import { ChartFigure, chartColors } from '@/components/spend/spend-charts'

// Percent values are for plotting only; the exact capture rates are in the table beside the chart.
export function CaptureChart({ data, providers }: { data: Record<string, string | number | null>[]; providers: string[] }) {
  return (
    <ChartFigure label="Capture rate per provider per day: tracked spend as a share of the bill">
      <LineChart
        className="h-64"
        data={data}
        index="date"
        categories={providers}
        colors={[...chartColors]}
        valueFormatter={(v: number) => `${v.toFixed(1)}%`}
        yAxisWidth={56}
        connectNulls
        showAnimation={false}
        noDataText="No bill loaded for this range"
      />
    </ChartFigure>
  )
}
