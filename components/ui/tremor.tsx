'use client'

import type { ComponentProps } from 'react'
import { Callout as TremorCallout, ProgressBar as TremorProgressBar } from '@tremor/react'

// @tremor/react's barrel creates React contexts at import time, which a server component cannot do;
// server pages use Tremor's presentational pieces through these client wrappers.

export function ProgressBar(props: ComponentProps<typeof TremorProgressBar>) {
  return <TremorProgressBar {...props} />
}

// Tremor's callout text is the 600 shade on the 50 tint (amber: 3.09:1); a darker shade meets 4.5:1.
const readableText: Record<string, string> = { amber: 'text-amber-900', red: 'text-red-800', emerald: 'text-emerald-800', blue: 'text-blue-800' }

export function Callout({ className, ...props }: ComponentProps<typeof TremorCallout>) {
  return <TremorCallout {...props} className={`${readableText[props.color ?? ''] ?? ''} ${className ?? ''}`.trim()} />
}
