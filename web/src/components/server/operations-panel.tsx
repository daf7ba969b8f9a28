import { useEffect, useState } from 'preact/hooks'
import { ServerOperationList } from '../../documents.js'
import { ended, followOperation, type FollowedOperation } from '../../follow-operation.js'
import { request } from '../../graphql-request.js'

/** Options of {@link OperationsPanel}. */
export interface OperationsPanelProps {
  serverId: string
  /** Changes when an operation may have started or ended: the list is read again. */
  version: number
}

const STATUS_LOOK: Record<string, string> = {
  SUCCEEDED: 'bg-green-100 text-green-800',
  FAILED: 'bg-red-100 text-red-800',
  RUNNING: 'bg-blue-100 text-blue-900',
  PENDING: 'bg-slate-100 text-slate-800',
}

const time = (value: string | null) => (value ? new Date(value).toLocaleTimeString() : '—')

/**
 * The operations on a server, newest first; each opens to its log. Those still under way follow
 * the `operation` subscription, so their new log lines and status appear as they happen.
 */
export function OperationsPanel({ serverId, version }: OperationsPanelProps) {
  const [operations, setOperations] = useState<FollowedOperation[]>()
  const [failure, setFailure] = useState<string>()

  useEffect(() => {
    // Aborted when the list is read again or the page goes: the followers of this reading stop.
    const reading = new AbortController()
    request(ServerOperationList, { id: serverId })
      .then((answer) => {
        if (reading.signal.aborted) return
        const list = answer.server?.operations ?? []
        setOperations(list)
        setFailure(undefined)
        for (const operation of list.filter((candidate) => !ended(candidate))) {
          void followOperation(operation, {
            signal: reading.signal,
            onChange: (change) =>
              setOperations((all) => all?.map((entry) => (entry.id === change.id ? change : entry))),
          }).catch(() => {})
        }
      })
      .catch((error: unknown) => !reading.signal.aborted && setFailure((error as Error).message))
    return () => reading.abort()
  }, [serverId, version])

  if (failure)
    return (
      <p role="alert" class="text-sm text-red-800">
        Could not read the operations: {failure}
      </p>
    )
  if (!operations) return <p class="text-sm text-slate-700">Loading operations…</p>
  if (operations.length === 0)
    return <p class="text-sm text-slate-700">Nothing was done to this server through Hangar yet.</p>
  return (
    <ol class="space-y-2" aria-label="Operations, newest first">
      {operations.map((operation, index) => (
        <li key={operation.id} data-operation={operation.action} data-status={operation.status}>
          <details class="rounded-lg border border-slate-200 bg-white" open={index === 0 && !ended(operation)}>
            <summary class="flex cursor-pointer flex-wrap items-center gap-3 p-3 text-sm">
              <span class="font-semibold">{operation.action}</span>
              <span class={`rounded-full px-2 py-0.5 text-xs font-medium ${STATUS_LOOK[operation.status] ?? ''}`}>
                {operation.status.toLowerCase()}
              </span>
              <span class="text-slate-700">
                {time(operation.startedAt)} → {time(operation.finishedAt)}
              </span>
              {operation.error && <span class="text-red-800">{operation.error}</span>}
              <span class="ml-auto text-xs text-slate-600">{operation.logs.length} log lines</span>
            </summary>
            <pre
              role="log"
              aria-live={ended(operation) ? 'off' : 'polite'}
              aria-label={`Log of ${operation.action}`}
              // biome-ignore lint/a11y/noNoninteractiveTabindex: a scrollable region must be reachable by keyboard
              tabIndex={0}
              class="max-h-64 overflow-auto border-t border-slate-200 bg-slate-950 p-3 font-mono text-xs text-slate-100"
            >
              {operation.logs.length > 0 ? operation.logs.join('\n') : 'No log line yet.'}
            </pre>
          </details>
        </li>
      ))}
    </ol>
  )
}
