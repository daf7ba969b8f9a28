import { DeploymentLogLines, DeploymentStatusUpdates } from './documents.js'
import type {
  DashboardDeploymentLogsSubscription,
  DashboardDeploymentStatusSubscription,
  DeploymentStatus,
} from './gql/graphql.js'
import { socket } from './graphql-socket.js'

/** A deployment as its page shows it. */
export type FollowedDeployment = DashboardDeploymentStatusSubscription['deploymentStatus']

/** One line of a deployment's log. */
export type LogLine = DashboardDeploymentLogsSubscription['deploymentLogBatches'][number]

/**
 * How a follower's subscription stands: `connecting` until the first answer, `live` while it
 * receives, `reconnecting` after the connection dropped (until it is back), `ended` once the
 * gateway completed it (the deployment rests in a terminal state), `refused` when the gateway
 * answered the subscription with an error (not found, not allowed): asking again would not help.
 */
export type Connection = 'connecting' | 'live' | 'reconnecting' | 'ended' | 'refused'

/** States a deployment rests in; its subscriptions complete on them. */
const TERMINAL: ReadonlySet<DeploymentStatus> = new Set(['RUNNING', 'FAILED', 'STOPPED', 'DELETED'])

/**
 * Whether a deployment rests (nothing more happens until someone acts on it): a terminal status,
 * and for RUNNING no step (a RUNNING deployment with a step is building a release or rolling back).
 */
export const isAtRest = ({ status, step }: { status: DeploymentStatus; step?: string | null }): boolean =>
  TERMINAL.has(status) && !(status === 'RUNNING' && step)

/** Told how a follower's subscription stands; `refused` comes with the gateway's message. */
export type ConnectionListener = (state: Connection, message?: string) => void

/** A subscription that can be started again once it ended, and stopped for good. */
export interface Follower {
  /** Subscribes again if the last subscription ended (after an action woke the deployment up). */
  resume(): void
  stop(): void
}

/** How long to wait before subscribing again after the client gave up on the connection. */
const resubscribeDelay = (attempt: number) => Math.min(500 * 2 ** attempt, 5_000)

/**
 * Runs one subscription at a time over the page's graphql-ws client, reporting its connection:
 * a drop the client retries by itself shows as `reconnecting` until the socket is back; when the
 * client gives up, it subscribes again itself (with `payload()` as it is then) until stopped.
 */
function follow<Data>(
  payload: () => { query: string; variables: Record<string, unknown> },
  onData: (data: Data) => void,
  onConnection: ConnectionListener,
): Follower {
  let stopped = false
  let active = false
  // A resume asked for while the subscription was still on: it may be completing on a state that
  // an action has just left, so it starts again once it completes.
  let again = false
  let attempt = 0
  let dispose: (() => void) | undefined
  let timer: ReturnType<typeof setTimeout> | undefined
  const client = socket()
  const unlisten = [
    client.on('closed', (event) => {
      if (active && (event as CloseEvent).code !== 1000) onConnection('reconnecting')
    }),
    client.on('connected', () => {
      if (active) onConnection('live')
    }),
  ]
  const start = () => {
    if (stopped) return
    active = true
    dispose = client.subscribe<Data>(payload(), {
      next: (message) => {
        attempt = 0
        onConnection('live')
        if (message.data) onData(message.data)
      },
      error: (error) => {
        if (stopped) return
        active = false
        // GraphQL errors come as a list; a lost connection as a close event or an Error.
        if (Array.isArray(error)) return onConnection('refused', (error as { message?: string }[])[0]?.message)
        onConnection('reconnecting')
        timer = setTimeout(start, resubscribeDelay(attempt++))
      },
      complete: () => {
        active = false
        if (stopped) return
        if (again) {
          again = false
          start()
        } else onConnection('ended')
      },
    })
  }
  start()
  return {
    resume() {
      if (stopped) return
      if (active) again = true
      else {
        onConnection('connecting')
        start()
      }
    },
    stop() {
      stopped = true
      active = false
      clearTimeout(timer)
      dispose?.()
      for (const off of unlisten) off()
    },
  }
}

/** Follows a deployment's state: the current one first, then every change, over `deploymentStatus`. */
export function followDeploymentStatus(
  id: string,
  onChange: (deployment: FollowedDeployment) => void,
  onConnection: ConnectionListener,
): Follower {
  return follow<DashboardDeploymentStatusSubscription>(
    () => ({ query: DeploymentStatusUpdates.toString(), variables: { id } }),
    (data) => onChange(data.deploymentStatus),
    onConnection,
  )
}

/** How long lines gather before the page draws them (a replay sends hundreds at once). */
const BATCH_MS = 40

/**
 * Follows a deployment's log over `deploymentLogBatches`: the stored lines first, then new ones, handed
 * over in batches, each line once and in seq order. It keeps the last seq seen, and every
 * (re)subscription asks for the lines after it: the variables object is the one graphql-ws resends
 * when it retries a dropped connection, and `after` in it moves with every line, so a retry asks
 * for exactly what was missed; a line at or below the last seq (sent again around a drop) is
 * ignored.
 */
export function followDeploymentLogs(
  id: string,
  onLines: (lines: LogLine[]) => void,
  onConnection: ConnectionListener,
): Follower & { lastSeq(): number } {
  let lastSeq = 0
  let variables = { id, after: 0 }
  let pending: LogLine[] = []
  let flush: ReturnType<typeof setTimeout> | undefined
  const hand = () => {
    clearTimeout(flush)
    flush = undefined
    const lines = pending
    pending = []
    if (lines.length > 0) onLines(lines)
  }
  const follower = follow<DashboardDeploymentLogsSubscription>(
    () => {
      variables = { id, after: lastSeq }
      return { query: DeploymentLogLines.toString(), variables }
    },
    (data) => {
      for (const line of data.deploymentLogBatches) {
        if (line.seq <= lastSeq) continue
        lastSeq = line.seq
        pending.push(line)
      }
      variables.after = lastSeq
      flush ??= setTimeout(hand, BATCH_MS)
    },
    (state, message) => {
      // Every line is drawn before the log says it is complete.
      if (state === 'ended') hand()
      onConnection(state, message)
    },
  )
  return {
    ...follower,
    stop() {
      clearTimeout(flush)
      follower.stop()
    },
    lastSeq: () => lastSeq,
  }
}
