import type { GraphQLFormattedError } from 'graphql'
import { ERROR_CODES } from '../../src/errors/index.js'

/**
 * The `extensions.code` values a client may be shown (CONTRACT.md, plus RATE_LIMITED which the
 * contract's list gained). INTERNAL_SERVER_ERROR is in the contract too, but no test input or
 * upstream failure should ever produce one: it means the gateway did not handle something.
 */
export const CLIENT_ERROR_CODES: ReadonlySet<string> = new Set(
  [...ERROR_CODES].filter((code) => code !== 'INTERNAL_SERVER_ERROR'),
)

/** What is wrong with the errors of one answer: a missing or unknown code, an internal error. */
export function codeProblems(errors: readonly GraphQLFormattedError[] | undefined): string[] {
  return (errors ?? []).flatMap((error) => {
    const code = error.extensions?.code
    if (typeof code !== 'string') return [`no extensions.code on "${error.message}"`]
    if (!CLIENT_ERROR_CODES.has(code)) return [`code ${code} on "${error.message}"`]
    return []
  })
}

/**
 * Whether an error names `path` (e.g. `input.cpu`, `first`): `extensions.field` is the path, a
 * part of it or an ancestor of it; or the message holds the path or its last segment as a word
 * (`input.cpu: ...`, `Variable "$first" got invalid value`, `at "input.cpu"`, `Field "cpu"`).
 */
export function namesField(error: GraphQLFormattedError, path: string): boolean {
  const field = error.extensions?.field
  if (typeof field === 'string' && field.length > 0) {
    if (field === path || field.startsWith(`${path}.`) || path.startsWith(`${field}.`)) return true
  }
  const leaf = path.split('.').at(-1)!
  return [path, leaf].some((name) =>
    new RegExp(`(^|[^A-Za-z0-9_])\\$?${name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}([^A-Za-z0-9_]|$)`).test(
      error.message,
    ),
  )
}
