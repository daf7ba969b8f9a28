import { RequestFaults, type RequestFaultsSnapshot } from 'hangar/provider-kit/testing'

export type { DropRule, RateLimitRule, StatusRule as FaultRule } from 'hangar/provider-kit/testing'

/** The body of a throttled request (Laravel's `ThrottleRequestsException`). */
export const TOO_MANY_ATTEMPTS = 'Too Many Attempts.'

/** A plain-JSON view of the active faults (`GET /_simulator/faults`). */
export interface FaultSnapshot extends RequestFaultsSnapshot {
  serversInfoFailures: number
  commandFailures: Record<string, string>
}

/** The message of random failures when none is given. */
export const DEFAULT_RANDOM_ERROR = 'Unexpected error'

/** The intermittent failure seen on `/service/server/info`. */
export const SERVERS_INFO_FAILURE = 'Failed to run command method (serversInfo)'

/**
 * Fault injection, settable per test: the kit's request faults (checked for every `/service` and
 * `/server` request; a rate limit before authentication, as Laravel's throttle does), plus
 * cloudcli's own: the intermittent `server/info` failure, and command failures consumed by the
 * next command for a server.
 */
export class KamateraFaults extends RequestFaults {
  private serversInfoFailures = 0
  private readonly commandFailures = new Map<string, string>()

  constructor() {
    super(DEFAULT_RANDOM_ERROR)
  }

  /**
   * The next `times` calls of `POST /service/server/info` fail with 500 `Failed to run command method (serversInfo)`.
   */
  failServersInfo(times = 1): void {
    this.serversInfoFailures += Math.max(0, times)
  }

  /**
   * Makes the next command for a server end in `error` with `message` in its log, without effect.
   * `server` is a server id, or a name (a create's requested or final name).
   */
  failNextCommand(server: string, message: string): void {
    this.commandFailures.set(server, message)
  }

  override reset(): void {
    super.reset()
    this.serversInfoFailures = 0
    this.commandFailures.clear()
  }

  override snapshot(): FaultSnapshot {
    return {
      ...super.snapshot(),
      serversInfoFailures: this.serversInfoFailures,
      commandFailures: Object.fromEntries(this.commandFailures),
    }
  }

  /** Whether this `server/info` call hits the intermittent failure (consumes one). */
  takeServersInfoFailure(): boolean {
    if (this.serversInfoFailures <= 0) return false
    this.serversInfoFailures -= 1
    return true
  }

  /** The forced failure of the next command for a server (by id first, then by each name), consumed. */
  takeCommandFailure(keys: ReadonlyArray<string | undefined>): string | undefined {
    for (const key of keys) {
      if (key === undefined) continue
      const message = this.commandFailures.get(key)
      if (message !== undefined) {
        this.commandFailures.delete(key)
        return message
      }
    }
    return undefined
  }
}
