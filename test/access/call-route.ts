import path from 'node:path'
import { NextRequest } from 'next/server'
import { inRequest } from './next-request-scope'
import { repoRoot } from './discover-surface'

type Handler = (req: NextRequest, ctx: { params: Promise<Record<string, string | string[]>> }) => Promise<Response>

const modules = new Map<string, Promise<Record<string, unknown>>>()

/** Calls a route handler module's exported method in-process, as Next would: a NextRequest, params as a promise. */
export async function callRoute(
  file: string,
  method: string,
  url: string,
  init: { headers?: Record<string, string>; body?: BodyInit; params?: Record<string, string | string[]> } = {},
): Promise<Response> {
  let mod = modules.get(file)
  if (!mod) {
    mod = import(/* @vite-ignore */ path.join(repoRoot, file)) as Promise<Record<string, unknown>>
    modules.set(file, mod)
  }
  const handler = (await mod)[method] as Handler | undefined
  if (typeof handler !== 'function') throw new Error(`${file} exports no ${method} handler`)
  const headers = init.headers ?? {}
  const req = new NextRequest(new URL(url, 'http://localhost'), { method, headers, body: init.body, ...(init.body ? { duplex: 'half' } : {}) })
  const { result } = await inRequest(headers, () => handler(req, { params: Promise.resolve(init.params ?? {}) }))
  return result
}
