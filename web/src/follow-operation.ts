import { OperationState, OperationUpdates } from './documents.js'
import type { DashboardOperationQuery } from './gql/graphql.js'
import { request } from './graphql-request.js'
import { socket } from './graphql-socket.js'

/** An operation as the page follows it. */
export type FollowedOperation = NonNullable<DashboardOperationQuery['operation']>

const ended = (operation: FollowedOperation) => operation.status === 'SUCCEEDED' || operation.status === 'FAILED'

/** How often the fallback asks, when the WebSocket cannot be used. */
const POLL_MS = 500

async function poll(id: string): Promise<FollowedOperation> {
  for (;;) {
    const { operation } = await request(OperationState, { id })
    if (!operation) throw new Error(`operation ${id} is gone`)
    if (ended(operation)) return operation
    await new Promise((resolve) => setTimeout(resolve, POLL_MS))
  }
}

/**
 * Waits for an operation to end, as the `operation` subscription pushes its changes over the
 * WebSocket; if the socket fails, asks `operation(id)` every half second instead.
 */
export async function followOperation(started: FollowedOperation): Promise<FollowedOperation> {
  if (ended(started)) return started
  const pushed = await new Promise<FollowedOperation | undefined>((resolve) => {
    let last: FollowedOperation | undefined
    socket().subscribe<{ operation: FollowedOperation }>(
      { query: OperationUpdates.toString(), variables: { id: started.id } },
      {
        next: (message) => {
          if (message.data?.operation) last = message.data.operation
        },
        error: () => resolve(undefined),
        complete: () => resolve(last && ended(last) ? last : undefined),
      },
    )
  })
  return pushed ?? poll(started.id)
}
