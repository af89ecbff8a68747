import type { ReactNode } from 'react'
import { notFound } from 'next/navigation'
import { modelExists } from '@/lib/catalog/model-exists'
import { prisma } from '@/lib/db'

// Above loading.tsx's Suspense boundary: an unknown model is a real 404, not a streamed 200.
export default async function ModelLayout({ children, params }: { children: ReactNode; params: Promise<{ slug: string }> }) {
  if (!(await modelExists(prisma, (await params).slug))) notFound()
  return children
}
