import { BadInputError } from '../errors/index.js'

/*
 * Ids are read exactly as the API writes them. A lenient reading turns a typo into another
 * record: `Number("1e0")`, `Number("0x1")`, `Number(" 1")` and `Number("01")` are all 1, and
 * `deleteDeployment` would destroy deployment 1. So each reader accepts only the canonical string
 * and answers BAD_USER_INPUT naming the argument for anything else, before anything is looked up.
 */

/** Decimal, no sign, no leading zero, no spaces or exponent: the only way the API writes a number. */
const CANONICAL_POSITIVE_INTEGER = /^[1-9][0-9]*$/

/** What `randomUUID()` makes, the only form operation ids are given out in. */
const OPERATION_ID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/

/** `tok_` and 12 lower-case hex digits, as the token store makes them. */
const API_TOKEN_ID = /^tok_[0-9a-f]{12}$/

/**
 * White space at either end, or anywhere any other white space than a plain space, or a control or
 * invisible character.
 */
const ODD_SPACE_OR_CONTROL = /^\s|\s$|[^\S ]|[\p{Cc}\p{Cf}]/u

/** An id as it may be quoted in a message: at most 60 characters, invisible characters escaped. */
function quoted(id: string): string {
  const shown = JSON.stringify(id.length > 60 ? `${id.slice(0, 60)}…` : id)
  return shown.replace(/[\p{Cf}\p{Z}]/gu, (character) =>
    character === ' ' ? ' ' : `\\u${character.charCodeAt(0).toString(16).padStart(4, '0')}`,
  )
}

/** The largest id an `integer` column holds in PostgreSQL; a larger one would fail the query. */
const LARGEST_DEPLOYMENT_ID = 2_147_483_647

/** A deployment id as the API takes it: the number exactly as `Deployment.id` shows it. */
export function deploymentId(id: string | number, field = 'id'): number {
  const text = String(id)
  const value = Number(text)
  if (!CANONICAL_POSITIVE_INTEGER.test(text) || value > LARGEST_DEPLOYMENT_ID) {
    throw new BadInputError(
      `${field}: ${quoted(text)} is not a deployment id; give the number exactly as listed, e.g. "12" (from 1 to ` +
        `2147483647: no sign, spaces, leading zeros, decimals or exponent)`,
      { field },
    )
  }
  return value
}

/** A reader of ids given out only as `pattern` matches; anything else is BAD_USER_INPUT showing `example`. */
function exactIdReader(pattern: RegExp, what: string, example: string) {
  return (id: string | number, field = 'id'): string => {
    const text = String(id)
    if (!pattern.test(text)) {
      const message = `${field}: ${quoted(text)} is not ${what}; give it exactly as listed, e.g. "${example}"`
      throw new BadInputError(message, { field })
    }
    return text
  }
}

/** An operation id exactly as `Operation.id` shows it (a lower-case UUID). */
export const operationId = exactIdReader(OPERATION_ID, 'an operation id', '0b6c2f4e-8d1a-4c3e-9f2b-7a5d6e8c1f00')

/** An API token id exactly as `ApiToken.id` shows it (`tok_` and 12 hex digits). */
export const apiTokenId = exactIdReader(API_TOKEN_ID, 'a token id', 'tok_3f9a1c2b7d4e')

/**
 * A server id without what no listed id has (spaces around it, tabs, line breaks, invisible
 * characters); its shape ("<provider>:<native id>") is checked where it is split, and the rest is
 * matched exactly by the provider.
 */
export function serverId(id: string | number, field = 'id'): string {
  const text = String(id)
  if (text === '' || ODD_SPACE_OR_CONTROL.test(text)) {
    throw new BadInputError(
      `${field}: ${quoted(text)} is not a server id; give it exactly as listed, e.g. "proxmox:qemu/101" (no spaces ` +
        `around it, no tabs, line breaks or invisible characters)`,
      { field },
    )
  }
  return text
}
