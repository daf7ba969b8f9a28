import type { DeploymentStatus } from '../gql/graphql.js'
import { StatusPill, type Tone } from './status-pill.js'

/** Green running, amber on its way, red failed, grey stopped or deleted. */
const TONE: Record<DeploymentStatus, Tone> = {
  RUNNING: 'green',
  PENDING: 'amber',
  CREATING: 'amber',
  FAILED: 'red',
  STOPPED: 'grey',
  DELETED: 'grey',
}

/** A deployment's status as a coloured pill that also says it in words. */
export function DeploymentStatusBadge({ status }: { status: DeploymentStatus }) {
  return <StatusPill status={status} label={status.toLowerCase()} tone={TONE[status]} />
}
