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

/**
 * An error meant for the client: its message is shown as is, so it must never hold a secret.
 * Anything that is not a `HangarError` is masked by the gateway.
 */
export class HangarError extends Error {
  readonly code: ErrorCode
  readonly extensions: Record<string, unknown>

  constructor(code: ErrorCode, message: string, extensions: Record<string, unknown> = {}) {
    super(message)
    this.name = new.target.name
    this.code = code
    this.extensions = extensions
  }
}
