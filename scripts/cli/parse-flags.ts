import { parseArgs } from 'node:util'
import { UsageError } from './command'

type FlagSpec = Record<string, { type: 'string' } | { type: 'boolean' }>
type FlagValues<S extends FlagSpec> = {
  [K in keyof S]?: S[K] extends { type: 'boolean' } ? boolean : string
}

/** Strict flag parsing: unknown flags, missing values and stray arguments are usage errors. */
export function parseFlags<S extends FlagSpec>(argv: string[], spec: S): FlagValues<S> {
  try {
    const { values } = parseArgs({ args: argv, options: spec, strict: true, allowPositionals: false })
    return values as FlagValues<S>
  } catch (err) {
    throw new UsageError(describeParseError(err))
  }
}

// node's messages are long and suggest `--` escapes; name just the problem.
function describeParseError(err: unknown): string {
  const code = (err as { code?: string }).code
  const message = err instanceof Error ? err.message : String(err)
  const quoted = /'([^']+)'/.exec(message)?.[1]?.split(' ')[0] ?? ''
  switch (code) {
    case 'ERR_PARSE_ARGS_UNKNOWN_OPTION':
      return `unknown option '${quoted}'`
    case 'ERR_PARSE_ARGS_UNEXPECTED_POSITIONAL':
      return `unexpected argument '${quoted}'`
    case 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE':
      return message.includes('does not take an argument')
        ? `option '${quoted}' does not take a value`
        : `missing value for ${quoted}`
    default:
      return message
  }
}

export function requireFlag(value: string | undefined, flag: string): string {
  if (value === undefined || value.trim() === '') throw new UsageError(`missing --${flag}`)
  return value
}
