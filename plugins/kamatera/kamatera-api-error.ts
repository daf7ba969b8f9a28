import { UpstreamHttpError } from 'hangar/provider-kit'

/**
 * A failed answer from the cloudcli API, with the texts read from its `message` or `errors`.
 * `status` is 401 also for a 200 that carried "you are not logged in"; `retryAfterMs` is what the
 * answer's `Retry-After` asked for (a 429 or 503). A call that got no answer throws the kit's
 * `UpstreamNetworkError`.
 */
export class KamateraApiError extends UpstreamHttpError {
  constructor(status: number, message: string, retryAfterMs?: number) {
    super(status, message, retryAfterMs)
    this.name = 'KamateraApiError'
  }
}
