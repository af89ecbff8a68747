// oidc-provider ships no types; the e2e provider uses a handful of its documented options.
declare module 'oidc-provider' {
  import type { IncomingMessage, ServerResponse } from 'node:http'
  type Account = { accountId: string; claims: (use: string, scope: string) => Record<string, unknown> }
  export default class Provider {
    constructor(issuer: string, configuration: Record<string, unknown> & { findAccount: (ctx: unknown, id: string) => Account | undefined })
    callback(): (req: IncomingMessage, res: ServerResponse) => void
  }
}
