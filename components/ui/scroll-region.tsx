'use client'

import { useEffect, useRef, useState, type ReactNode } from 'react'

/**
 * Content wider than its card (a table, a drawn tree) scrolls sideways inside this box, never the page.
 * The box is a named, focusable region so a keyboard can scroll it (axe: scrollable-region-focusable);
 * shadows mark the edge with more past it (`.scroll-shadows`, app/globals.css) and, while anything is
 * hidden, a line above it says so: phones and headless browsers show no scrollbar.
 */
export function ScrollRegion({ label, children, className = '', testId }: { label: string; children: ReactNode; className?: string; testId?: string }) {
  const ref = useRef<HTMLDivElement>(null)
  const [wider, setWider] = useState(false)
  useEffect(() => {
    const box = ref.current
    if (!box) return
    const measure = () => setWider(box.scrollWidth > box.clientWidth + 1)
    measure()
    const observer = new ResizeObserver(measure)
    observer.observe(box)
    for (const child of box.children) observer.observe(child)
    return () => observer.disconnect()
  }, [])
  // One box around hint and region, so a grid or flex parent sees a single item.
  return (
    <div className="min-w-0">
      {wider ? (
        <p className="mb-1 text-right text-tremor-label text-tremor-content" data-scroll-hint="">
          Scroll sideways to see all of it ↔
        </p>
      ) : null}
      <div
        ref={ref}
        role="region"
        aria-label={label}
        tabIndex={0}
        data-testid={testId}
        data-scroll-region=""
        className={`scroll-shadows max-w-full overflow-x-auto focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-tremor-brand-default ${className}`}
      >
        {children}
      </div>
    </div>
  )
}
