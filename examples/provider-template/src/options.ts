import type { StandardSchemaV1 } from 'hangar/provider-kit'

/** What one Acme provider instance is configured with (`providers[].options` in `HANGAR_CONFIG`). */
export interface AcmeOptions {
  /** The API's base URL, e.g. `https://api.acme.example`. */
  url: string
  /** An API token. A secret: never logged, never in an error. */
  token: string
  /** Limit of one HTTP attempt, in ms. */
  timeoutMs: number
  /** How long reads are retried, in ms. */
  retryDeadlineMs: number
  /** How often the gateway polls an operation, in ms. */
  pollIntervalMs: number
  /** How long an operation may take before the gateway gives up following it, in ms. */
  operationTimeoutMs: number
}

type Issue = StandardSchemaV1.Issue

function positiveInteger(value: unknown, key: keyof AcmeOptions, fallback: number, issues: Issue[]): number {
  if (value === undefined) return fallback
  if (typeof value === 'number' && Number.isInteger(value) && value > 0) return value
  issues.push({ message: 'a whole number of milliseconds above 0', path: [key] })
  return fallback
}

/**
 * The options' schema. Any Standard Schema will do (zod, Valibot, ArkType, ...); this one is
 * written by hand so the template depends on nothing but Hangar. An issue's `path` names the
 * option, and Hangar turns it into the field as the user wrote it (`providers[0].options.token`).
 */
export const acmeOptionsSchema: StandardSchemaV1<unknown, AcmeOptions> = {
  '~standard': {
    version: 1,
    vendor: 'hangar-provider-acme',
    validate(input) {
      if (typeof input !== 'object' || input === null || Array.isArray(input))
        return { issues: [{ message: 'an object of options' }] }
      const options = input as Record<string, unknown>
      const issues: Issue[] = []
      const known = new Set(['url', 'token', 'timeoutMs', 'retryDeadlineMs', 'pollIntervalMs', 'operationTimeoutMs'])
      for (const key of Object.keys(options))
        if (!known.has(key)) issues.push({ message: 'not an option of the acme plugin', path: [key] })
      let url = ''
      try {
        const parsed = new URL(String(options.url))
        if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') throw new Error('scheme')
        url = parsed.href.replace(/\/+$/, '')
      } catch {
        issues.push({ message: 'an http or https URL', path: ['url'] })
      }
      const token = typeof options.token === 'string' ? options.token : ''
      if (token.trim() === '') issues.push({ message: 'an API token (required)', path: ['token'] })
      const value: AcmeOptions = {
        url,
        token,
        timeoutMs: positiveInteger(options.timeoutMs, 'timeoutMs', 10_000, issues),
        retryDeadlineMs: positiveInteger(options.retryDeadlineMs, 'retryDeadlineMs', 15_000, issues),
        pollIntervalMs: positiveInteger(options.pollIntervalMs, 'pollIntervalMs', 1_000, issues),
        operationTimeoutMs: positiveInteger(options.operationTimeoutMs, 'operationTimeoutMs', 600_000, issues),
      }
      return issues.length > 0 ? { issues } : { value }
    },
  },
}
