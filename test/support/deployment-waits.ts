import { sendOver } from './graphql-client.js'

/** A deployment at rest: failed, stopped or deleted, or running with no release or rollback under way. */
export const atRest = (deployment: { status: string; step?: string | null }): boolean =>
  ['FAILED', 'STOPPED', 'DELETED'].includes(deployment.status) || (deployment.status === 'RUNNING' && !deployment.step)

/**
 * Reads the deployment with `read` until it is at rest, calling `meanwhile` with each state seen
 * on the way; throws saying where it was when `timeoutMs` passes.
 */
export async function untilAtRest<T extends { status: string; step?: string | null }>(
  read: () => Promise<T>,
  { timeoutMs = 120_000, meanwhile }: { timeoutMs?: number; meanwhile?: (now: T) => Promise<void> } = {},
): Promise<T> {
  const until = Date.now() + timeoutMs
  for (;;) {
    const now = await read()
    if (atRest(now)) return now
    await meanwhile?.(now)
    if (Date.now() > until) throw new Error(`the deployment is still ${now.status} (${now.step})`)
    await new Promise((resolve) => setTimeout(resolve, 200))
  }
}

/** Creates a deployment over GraphQL and waits until it is RUNNING; answers its id (throws if it failed). */
export async function deployRunning(url: string, input: Record<string, unknown>): Promise<string> {
  const created = await sendOver(
    'http',
    url,
    undefined,
    'mutation ($input: CreateDeploymentInput!) { createDeployment(input: $input) { id } }',
    { input },
  )
  const id = (created.data!.createDeployment as { id: string }).id
  const read = async () =>
    (await sendOver('http', url, undefined, 'query ($id: ID!) { deployment(id: $id) { status step error } }', { id }))
      .data!.deployment as { status: string; step: string | null; error: string | null }
  const done = await untilAtRest(read)
  if (done.status !== 'RUNNING') throw new Error(`deployment ${id} ended ${done.status}: ${done.error}`)
  return id
}
