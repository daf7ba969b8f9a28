import { OperationState, OperationUpdates } from './documents.js'
import type { DashboardOperationQuery } from './gql/graphql.js'
import { request } from './graphql-request.js'
import { socket } from './graphql-socket.js'

/** An operation as the page follows it, with its log. */
export type FollowedOperation = NonNullable<DashboardOperationQuery['operation']>

/** What a mutation answers: enough to follow the operation it started. */
export type StartedOperation = Pick<FollowedOperation, 'id' | 'status'>

/** True once an operation has ended. */
export const ended = (operation: Pick<FollowedOperation, 'status'>) =>
  operation.status === 'SUCCEEDED' || operation.status === 'FAILED'

/** How often the fallback asks, when the WebSocket cannot be used. */
const POLL_MS = 500

async function poll(
  id: string,
  onChange?: (operation: FollowedOperation) => void,
  signal?: AbortSignal,
): Promise<FollowedOperation> {
  for (;;) {
    signal?.throwIfAborted()
    const { operation } = await request(OperationState, { id })
    if (!operation) throw new Error(`operation ${id} is gone`)
    signal?.throwIfAborted()
    onChange?.(operation)
    if (ended(operation)) return operation
    await new Promise((resolve) => setTimeout(resolve, POLL_MS))
  }
}

/** Options of {@link followOperation}. */
export interface FollowOptions {
  /** Called with the operation as it is now and on every change (new log lines, status). */
  onChange?: (operation: FollowedOperation) => void
  /** Stops following (the subscription is closed, polling ends); the answer is then the last state seen. */
  signal?: AbortSignal
}

/**
 * Waits for an operation to end, as the `operation` subscription pushes its changes over the
 * WebSocket; if the socket fails, asks `operation(id)` every half second instead. When `signal`
 * aborts, the subscription is closed and the answer rejects with the signal's reason.
 */
export async function followOperation(
  started: StartedOperation,
  { onChange, signal }: FollowOptions = {},
): Promise<FollowedOperation> {
  signal?.throwIfAborted()
  const pushed = await new Promise<FollowedOperation | undefined>((resolve, reject) => {
    let last: FollowedOperation | undefined
    const unsubscribe = socket().subscribe<{ operation: FollowedOperation }>(
      { query: OperationUpdates.toString(), variables: { id: started.id } },
      {
        next: (message) => {
          if (!message.data?.operation || signal?.aborted) return
          last = message.data.operation
          onChange?.(last)
        },
        error: () => resolve(undefined),
        complete: () => resolve(last && ended(last) ? last : undefined),
      },
    )
    signal?.addEventListener(
      'abort',
      () => {
        unsubscribe()
        reject(signal.reason)
      },
      { once: true },
    )
  })
  return pushed ?? poll(started.id, onChange, signal)
}
