'use client'

import { BarChart, DonutChart } from '@tremor/react'
import { useEffect, useRef, type ReactNode } from 'react'

// Recharts needs the browser, and value formatters are functions, so charts live in client components.
// Values reach these as numbers for plotting only; the exact figures are in the tables beside them.

export const chartColors = ['blue', 'cyan', 'indigo', 'violet', 'fuchsia', 'amber', 'emerald', 'rose', 'gray'] as const

const usd = new Intl.NumberFormat('en-US', { style: 'currency', currency: 'USD', minimumFractionDigits: 2, maximumFractionDigits: 2 })
const count = new Intl.NumberFormat('en-US')

/**
 * A chart as one image with a text alternative: the drawing (Recharts' SVG, its legend's list markup) is
 * hidden from assistive technology, which reads the label; the tables carry the figures. Recharts makes
 * its SVG focusable, and a hidden element must not be: its tab stops are taken out (and kept out when
 * it redraws), while the mouse keeps the tooltips.
 */
export function ChartFigure({ label, testId, children }: { label: string; testId?: string; children: ReactNode }) {
  const drawing = useRef<HTMLDivElement>(null)
  useEffect(() => {
    const root = drawing.current
    if (!root) return
    const untab = () => root.querySelectorAll('[tabindex]:not([tabindex="-1"])').forEach((el) => el.setAttribute('tabindex', '-1'))
    untab()
    const observer = new MutationObserver(untab)
    observer.observe(root, { subtree: true, childList: true, attributes: true, attributeFilter: ['tabindex'] })
    return () => observer.disconnect()
  }, [])
  return (
    <div role="img" aria-label={label} data-testid={testId}>
      <div ref={drawing} aria-hidden="true">
        {children}
      </div>
    </div>
  )
}

export function formatChartUsd(value: number): string {
  return value > 0 && value < 0.005 ? '<$0.01' : usd.format(value)
}

/** `colors`: one per category, from the catalog's model colours (lib/catalog/model-colors). */
export function DailySpendChart({ data, categories, colors, label }: { data: Record<string, string | number>[]; categories: string[]; colors: string[]; label: string }) {
  return (
    <ChartFigure label={label}>
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
    </ChartFigure>
  )
}

export type BarItem = { name: string; value: number; href?: string }

// A plain list of bars (Tremor's BarList puts aria-sort on a div, which assistive technology rejects).
function BarRows({ items, format, barClass }: { items: BarItem[]; format: (v: number) => string; barClass: string }) {
  const max = Math.max(0, ...items.map((i) => i.value))
  return (
    <ul className="space-y-1.5">
      {items.map((item) => (
        <li key={item.name} className="flex items-center justify-between gap-4 text-tremor-default">
          <div className="relative min-w-0 flex-1">
            <div className={`absolute inset-y-0 left-0 rounded-tremor-small ${barClass}`} style={{ width: `${max > 0 ? (item.value / max) * 100 : 0}%` }} aria-hidden="true" />
            {item.href ? (
              <a href={item.href} className="relative block truncate px-2 py-1 text-tremor-content-strong hover:underline">
                {item.name}
              </a>
            ) : (
              <span className="relative block truncate px-2 py-1 text-tremor-content-strong">{item.name}</span>
            )}
          </div>
          <span className="shrink-0 tabular-nums text-tremor-content-emphasis">{format(item.value)}</span>
        </li>
      ))}
    </ul>
  )
}

export function MoneyBarList({ items }: { items: BarItem[] }) {
  return <BarRows items={items} format={formatChartUsd} barClass="bg-blue-100" />
}

export function CountBarList({ items, color }: { items: BarItem[]; color?: 'blue' | 'violet' | 'emerald' }) {
  const bars = { blue: 'bg-blue-100', violet: 'bg-violet-100', emerald: 'bg-emerald-100' }
  return <BarRows items={items} format={(v: number) => count.format(v)} barClass={bars[color ?? 'blue']} />
}

export function SpendDonut({ data, label }: { data: { name: string; value: number }[]; label: string }) {
  return (
    <ChartFigure label={label}>
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
    </ChartFigure>
  )
}
