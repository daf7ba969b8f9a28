import { EXIT } from './exit-codes.js'
import { CliError } from './gateway-client.js'

/** Option keys whose value is always a list, split on commas (`--option tags=web,prod`). */
const LIST_KEYS = new Set(['tags'])

const KEY = /^[A-Za-z][A-Za-z0-9_]*$/

/**
 * One `--option k=v` value as JSON: `true`/`false` are booleans, digits (without a leading zero)
 * are numbers, a list key such as `tags` is an array of its comma-separated items, and anything
 * else stays a string (so `network=id=0,name=wan,ip=auto` passes through whole).
 */
function optionValue(key: string, value: string): unknown {
  if (LIST_KEYS.has(key)) return value === '' ? [] : value.split(',').map((item) => item.trim())
  if (value === 'true') return true
  if (value === 'false') return false
  if (/^(0|[1-9]\d{0,14})$/.test(value)) return Number(value)
  return value
}

/** The provider options object of repeated `--option k=v` flags; a malformed one exits 2. */
export function providerOptionsOf(pairs: readonly string[] | undefined): Record<string, unknown> | undefined {
  if (!pairs || pairs.length === 0) return undefined
  const options: Record<string, unknown> = {}
  for (const pair of pairs) {
    const equals = pair.indexOf('=')
    const key = equals < 0 ? pair : pair.slice(0, equals)
    if (equals < 0 || !KEY.test(key))
      throw new CliError(
        `--option: "${pair}" is not key=value (a key is letters, digits and _, e.g. --option billing=monthly)`,
        EXIT.USAGE,
      )
    if (Object.hasOwn(options, key)) throw new CliError(`--option: ${key} is given twice`, EXIT.USAGE)
    options[key] = optionValue(key, pair.slice(equals + 1))
  }
  return options
}

/** Collects a repeatable flag's values, for commander. */
export const collect = (value: string, values: string[] | undefined): string[] => [...(values ?? []), value]
