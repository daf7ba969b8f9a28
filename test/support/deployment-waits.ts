/** A deployment at rest: failed, stopped or deleted, or running with no release or rollback under way. */
export const atRest = (deployment: { status: string; step?: string | null }): boolean =>
  ['FAILED', 'STOPPED', 'DELETED'].includes(deployment.status) || (deployment.status === 'RUNNING' && !deployment.step)

/**
 * Reads the deployment with `read` until it is at rest, calling `meanwhile` with each state seen
 * on the way; throws saying where it was when `timeoutMs` passes.
 */
export async function untilAtRest<T extends { status: string; step?: string | null }>(read: () => Promise<T>, { timeoutMs = 120_000, meanwhile }: { timeoutMs?: number; meanwhile?: (now: T) => Promise<void> } = {}): Promise<T> {
  const until = Date.now() + timeoutMs
  for (;;) {
    const now = await read()
    if (atRest(now)) return now
    await meanwhile?.(now)
    if (Date.now() > until) throw new Error(`the deployment is still ${now.status} (${now.step})`)
    await new Promise((resolve) => setTimeout(resolve, 200))
  }
}
