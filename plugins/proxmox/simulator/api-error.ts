import type { ParamErrors } from './schema-validation.js'

/**
 * An error reply of the simulated API: `status` and `message` become the status line
 * (`HTTP/1.1 500 VM 123 already running`) and the body's `message`; `errors` is the
 * per-parameter object of a 400.
 */
export class ApiError extends Error {
  override readonly name = 'ApiError'

  constructor(
    readonly status: number,
    message: string,
    readonly errors?: ParamErrors,
  ) {
    super(message)
  }
}

/** PVE's 400 for parameter validation failures. */
export function parameterError(errors: ParamErrors): ApiError {
  return new ApiError(400, 'Parameter verification failed.', errors)
}
