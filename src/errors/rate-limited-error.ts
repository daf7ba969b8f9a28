import { HangarError } from './hangar-error.js'

/** The token ran more mutations than its per-minute allowance. */
export class RateLimitedError extends HangarError {
  constructor(message: string, extensions: Record<string, unknown> = {}) {
    super('RATE_LIMITED', message, extensions)
  }
}
