/** The public error codes of CONTRACT.md, carried in GraphQL `extensions.code`. */
export type ErrorCode =
  | 'BAD_USER_INPUT'
  | 'NOT_FOUND'
  | 'CONFLICT'
  | 'UNSUPPORTED'
  | 'PROVIDER_UNAVAILABLE'
  | 'PROVIDER_ERROR'
  | 'UNAUTHENTICATED'
  | 'FORBIDDEN'
  | 'RATE_LIMITED'
  | 'INTERNAL_SERVER_ERROR'

/** Every code of {@link ErrorCode}: what a client may see in `extensions.code`. */
export const ERROR_CODES: ReadonlySet<string> = new Set<ErrorCode>([
  'BAD_USER_INPUT',
  'NOT_FOUND',
  'CONFLICT',
  'UNSUPPORTED',
  'PROVIDER_UNAVAILABLE',
  'PROVIDER_ERROR',
  'UNAUTHENTICATED',
  'FORBIDDEN',
  'RATE_LIMITED',
  'INTERNAL_SERVER_ERROR',
])

/**
 * The mark every {@link HangarError} carries. `Symbol.for` gives the same symbol to every copy of
 * this module, so an error made by a plugin's own copy of `hangar/provider-kit` is recognised by
 * the gateway's: errors are matched by this mark and their `code`, never by class identity.
 */
export const HANGAR_ERROR = Symbol.for('hangar.error')

/**
 * An error meant for the client: its message is shown as is, so it must never hold a secret.
 * Anything that is not a `HangarError` (see {@link isHangarError}) is masked by the gateway.
 */
export class HangarError extends Error {
  readonly code: ErrorCode
  readonly extensions: Record<string, unknown>
  declare readonly [HANGAR_ERROR]: true

  constructor(code: ErrorCode, message: string, extensions: Record<string, unknown> = {}) {
    super(message)
    this.name = new.target.name
    this.code = code
    this.extensions = extensions
    Object.defineProperty(this, HANGAR_ERROR, { value: true })
  }
}

/**
 * Whether `value` is an error meant for the client: marked with {@link HANGAR_ERROR} (any copy of
 * the kit's classes, or an `Error` a plugin marked itself) and carrying one of the public codes.
 */
export function isHangarError(value: unknown): value is HangarError {
  if (!(value instanceof Error)) return false
  const candidate = value as Error & { [HANGAR_ERROR]?: unknown; code?: unknown; extensions?: unknown }
  return candidate[HANGAR_ERROR] === true && typeof candidate.code === 'string' && ERROR_CODES.has(candidate.code)
}

/** Whether `value` is a {@link HangarError} with this code: how the core tells `NOT_FOUND` from `CONFLICT`. */
export function hasErrorCode(value: unknown, code: ErrorCode): value is HangarError {
  return isHangarError(value) && value.code === code
}
