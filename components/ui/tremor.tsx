'use client'

import type { ComponentProps } from 'react'
import { Callout as TremorCallout, ProgressBar as TremorProgressBar } from '@tremor/react'

// @tremor/react's barrel creates React contexts at import time, which a server component cannot do;
// server pages use Tremor's presentational pieces through these client wrappers.

export function ProgressBar(props: ComponentProps<typeof TremorProgressBar>) {
  return <TremorProgressBar {...props} />
}

export function Callout(props: ComponentProps<typeof TremorCallout>) {
  return <TremorCallout {...props} />
}
