import type { ServerStatus } from '../gql/graphql.js'
import { StatusPill, type Tone } from './status-pill.js'

/** The seed's colours: green running, red stopped, grey anything else. */
const TONE: Record<ServerStatus, Tone> = {
  RUNNING: 'green',
  STOPPED: 'red',
  PAUSED: 'grey',
  PROVISIONING: 'grey',
  UNKNOWN: 'grey',
}

/** A server's status as a coloured pill that also says it in words. */
export function StatusBadge({ status }: { status: ServerStatus }) {
  return <StatusPill status={status} label={status.toLowerCase()} tone={TONE[status]} />
}
