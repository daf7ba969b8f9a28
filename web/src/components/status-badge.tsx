import type { ServerStatus } from '../gql/graphql.js'

/** The seed's colours (green running, red stopped, grey anything else), always with the word. */
const LOOK: Record<ServerStatus, { label: string; colours: string; dot: string }> = {
  RUNNING: { label: 'running', colours: 'bg-green-100 text-green-800 ring-green-600/30', dot: 'bg-green-600' },
  STOPPED: { label: 'stopped', colours: 'bg-red-100 text-red-800 ring-red-600/30', dot: 'bg-red-600' },
  PAUSED: { label: 'paused', colours: 'bg-slate-100 text-slate-700 ring-slate-500/30', dot: 'bg-slate-500' },
  PROVISIONING: { label: 'provisioning', colours: 'bg-slate-100 text-slate-700 ring-slate-500/30', dot: 'bg-slate-500' },
  UNKNOWN: { label: 'unknown', colours: 'bg-slate-100 text-slate-700 ring-slate-500/30', dot: 'bg-slate-500' },
}

/** A server's status as a coloured pill that also says it in words. */
export function StatusBadge({ status }: { status: ServerStatus }) {
  const look = LOOK[status]
  return (
    <span class={`inline-flex items-center gap-1.5 rounded-full px-2 py-0.5 text-xs font-medium ring-1 ring-inset ${look.colours}`} data-status={status}>
      <span aria-hidden="true" class={`h-2 w-2 rounded-full ${look.dot}`} />
      {look.label}
    </span>
  )
}
