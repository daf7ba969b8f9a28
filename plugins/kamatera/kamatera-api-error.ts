/** A failed answer from the cloudcli API, with the texts read from its `message` or `errors`. */
export class KamateraApiError extends Error {
  /** HTTP status; 401 also for a 200 that carried "you are not logged in". */
  readonly status: number
  /** How long the answer's `Retry-After` asked to wait, in ms (a 429 or 503). */
  readonly retryAfterMs: number | undefined

  constructor(status: number, message: string, retryAfterMs?: number) {
    super(message)
    this.name = 'KamateraApiError'
    this.status = status
    this.retryAfterMs = retryAfterMs
  }
}

/** The request never got an answer: refused connection, reset socket, timeout. */
export class KamateraNetworkError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options)
    this.name = 'KamateraNetworkError'
  }
}
