import type { DeploymentStatus } from '../gql/graphql.js'

/** Green running, amber on its way, red failed, grey stopped or deleted; always with the word. */
const LOOK: Record<DeploymentStatus, { label: string; colours: string; dot: string }> = {
  RUNNING: { label: 'running', colours: 'bg-green-100 text-green-800 ring-green-600/30', dot: 'bg-green-600' },
  PENDING: { label: 'pending', colours: 'bg-amber-100 text-amber-900 ring-amber-600/30', dot: 'bg-amber-500' },
  CREATING: { label: 'creating', colours: 'bg-amber-100 text-amber-900 ring-amber-600/30', dot: 'bg-amber-500' },
  FAILED: { label: 'failed', colours: 'bg-red-100 text-red-800 ring-red-600/30', dot: 'bg-red-600' },
  STOPPED: { label: 'stopped', colours: 'bg-slate-100 text-slate-700 ring-slate-500/30', dot: 'bg-slate-500' },
  DELETED: { label: 'deleted', colours: 'bg-slate-100 text-slate-700 ring-slate-500/30', dot: 'bg-slate-400' },
}

/** A deployment's status as a coloured pill that also says it in words. */
export function DeploymentStatusBadge({ status }: { status: DeploymentStatus }) {
  const look = LOOK[status]
  return (
    <span class={`inline-flex items-center gap-1.5 rounded-full px-2 py-0.5 text-xs font-medium ring-1 ring-inset ${look.colours}`} data-status={status}>
      <span aria-hidden="true" class={`h-2 w-2 rounded-full ${look.dot}`} />
      {look.label}
    </span>
  )
}
