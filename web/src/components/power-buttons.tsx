import type { ServerStatus } from '../gql/graphql.js'
import { buttonClass } from './button-class.js'

/** A power action on a server. */
export type PowerAction = 'start' | 'stop' | 'reboot'

/** Each power action's button: its label, its colours, and the statuses it makes no sense in. */
const BUTTONS: Record<PowerAction, { label: string; look: string; pointless: (status: ServerStatus) => boolean }> = {
  start: { label: 'Start', look: 'bg-green-700 text-white', pointless: (status) => status === 'RUNNING' },
  stop: { label: 'Stop', look: 'bg-slate-700 text-white', pointless: (status) => status === 'STOPPED' },
  reboot: {
    label: 'Reboot',
    look: 'border border-slate-500 text-slate-900',
    pointless: (status) => status !== 'RUNNING',
  },
}

/** Options of {@link PowerButtons}. */
export interface PowerButtonsProps<Action extends PowerAction> {
  /** The buttons, in order. */
  actions: readonly Action[]
  status: ServerStatus
  /** Something is under way: every button waits. */
  busy: boolean
  /** The server's name, said after each label to screen readers where many servers share a page. */
  named?: string
  onAction: (action: Action) => void
}

/** A server's power buttons; one is disabled where the server's status makes it pointless. */
export function PowerButtons<Action extends PowerAction>({
  actions,
  status,
  busy,
  named,
  onAction,
}: PowerButtonsProps<Action>) {
  return (
    <>
      {actions.map((action) => (
        <button
          key={action}
          type="button"
          class={`${buttonClass} ${BUTTONS[action].look}`}
          disabled={busy || BUTTONS[action].pointless(status)}
          onClick={() => onAction(action)}
        >
          {BUTTONS[action].label}
          {named && <span class="sr-only"> {named}</span>}
        </button>
      ))}
    </>
  )
}
