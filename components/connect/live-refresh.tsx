'use client'

import { useRouter } from 'next/navigation'
import { useEffect } from 'react'

// Re-renders the server component around it every few seconds while the tab is visible, so a user
// who has just connected a service sees its first events arrive without reloading.
export function LiveRefresh({ everyMs = 5000 }: { everyMs?: number }) {
  const router = useRouter()
  useEffect(() => {
    const t = setInterval(() => {
      if (document.visibilityState === 'visible') router.refresh()
    }, everyMs)
    return () => clearInterval(t)
  }, [router, everyMs])
  return null
}
