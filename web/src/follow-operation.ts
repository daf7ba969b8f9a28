import { OperationState, OperationUpdates } from './documents.js'
import type { DashboardOperationQuery } from './gql/graphql.js'
import { request } from './graphql-request.js'
import { socket } from './graphql-socket.js'

/** An operation as the page follows it, with its log. */
export type FollowedOperation = NonNullable<DashboardOperationQuery['operation']>

/** What a mutation answers: enough to follow the operation it started. */
export type StartedOperation = Pick<FollowedOperation, 'id' | 'status'>

/** True once an operation has ended. */
export const ended = (operation: Pick<FollowedOperation, 'status'>) => operation.status === 'SUCCEEDED' || operation.status === 'FAILED'

/** How often the fallback asks, when the WebSocket cannot be used. */
const POLL_MS = 500

async function poll(id: string, onChange?: (operation: FollowedOperation) => void): Promise<FollowedOperation> {
  for (;;) {
    const { operation } = await request(OperationState, { id })
    if (!operation) throw new Error(`operation ${id} is gone`)
    onChange?.(operation)
    if (ended(operation)) return operation
    await new Promise((resolve) => setTimeout(resolve, POLL_MS))
  }
}

/** Options of {@link followOperation}. */
export interface FollowOptions {
  /** Called with the operation as it is now and on every change (new log lines, status). */
  onChange?: (operation: FollowedOperation) => void
}

/**
 * Waits for an operation to end, as the `operation` subscription pushes its changes over the
 * WebSocket; if the socket fails, asks `operation(id)` every half second instead.
 */
export async function followOperation(started: StartedOperation, { onChange }: FollowOptions = {}): Promise<FollowedOperation> {
  const pushed = await new Promise<FollowedOperation | undefined>((resolve) => {
    let last: FollowedOperation | undefined
    socket().subscribe<{ operation: FollowedOperation }>(
      { query: OperationUpdates.toString(), variables: { id: started.id } },
      {
        next: (message) => {
          if (!message.data?.operation) return
          last = message.data.operation
          onChange?.(last)
        },
        error: () => resolve(undefined),
        complete: () => resolve(last && ended(last) ? last : undefined),
      },
    )
  })
  return pushed ?? poll(started.id, onChange)
}
