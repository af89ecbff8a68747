import Link from 'next/link'
import { connection } from 'next/server'

// Rendered per request, never prerendered: proxy.ts gives every page a CSP whose script nonce changes per
// request, and a prerendered 404 would carry scripts without it (blocked, so the page would not hydrate).
export default async function NotFound() {
  await connection()
  return (
    <main className="flex min-h-screen items-center justify-center px-4">
      <section className="max-w-lg rounded-tremor-default border border-tremor-border-default bg-white p-8 text-center shadow-tremor-card">
        <h1 className="text-tremor-metric font-semibold text-tremor-content-strong">404</h1>
        <p className="mt-3 text-tremor-default text-tremor-content">This page could not be found.</p>
        <Link href="/" className="mt-6 inline-block text-tremor-default font-medium text-tremor-brand-default hover:underline">
          Home
        </Link>
      </section>
    </main>
  )
}
