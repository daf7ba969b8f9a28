import { ProxyException } from './api-error.js'

/** PHP's `empty()`: undefined, null, false, 0, `""`, `"0"` and empty arrays are empty. */
export function phpEmpty(value: unknown): boolean {
  if (value === undefined || value === null || value === false || value === 0 || value === '' || value === '0')
    return true
  if (Array.isArray(value)) return value.length === 0
  if (typeof value === 'object') return Object.keys(value).length === 0
  return false
}

/** PHP truthiness (so the string `"false"` is true, as in `$request->input('dryrun')`). */
export function phpTruthy(value: unknown): boolean {
  return !phpEmpty(value)
}

/** A schema `bool` field: `$value == "true"` holds for JSON `true` and the string `"true"` only. */
export function phpBoolField(value: unknown): boolean {
  return value === true || value === 'true'
}

/**
 * A scalar as PHP turns it into a string: `true` → `"1"`, `false`/null → `""`. Arrays and objects
 * make PHP raise "Array to string conversion", which Laravel turns into an exception.
 */
export function phpString(value: unknown): string {
  if (value === undefined || value === null || value === false) return ''
  if (value === true) return '1'
  if (typeof value === 'string') return value
  if (typeof value === 'number') return String(value)
  throw new ProxyException('Array to string conversion')
}

/** The merged request input (body over query), read like Laravel's `$request->input()`. */
export class RequestInput {
  constructor(readonly values: Readonly<Record<string, unknown>>) {}

  /** The raw value (JSON type, or string for form and query values). */
  raw(name: string): unknown {
    return this.values[name]
  }

  /** The value as a PHP string, `fallback` when absent. */
  str(name: string, fallback = ''): string {
    const value = this.values[name]
    return value === undefined || value === null ? fallback : phpString(value)
  }

  /** Whether the value is non-empty in PHP's sense. */
  has(name: string): boolean {
    return !phpEmpty(this.values[name])
  }
}
