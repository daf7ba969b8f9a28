import type { ComponentChildren } from 'preact'

/** Options of {@link SubmitButton}. */
export interface SubmitButtonProps {
  /** The form is being sent: the button waits and says `sendingLabel` instead. */
  sending: boolean
  /** e.g. "Creating…". */
  sendingLabel: string
  /** Also disabled for another reason (nothing to send yet). */
  disabled?: boolean
  class?: string
  /** What the button does, e.g. "Create server". */
  children: ComponentChildren
}

/** A page's main form button, which says what is happening while the form is sent. */
export function SubmitButton({ sending, sendingLabel, disabled, class: className, children }: SubmitButtonProps) {
  return (
    <button
      type="submit"
      disabled={sending || disabled}
      class={
        'rounded-md bg-slate-900 px-4 py-2 text-sm font-semibold text-white ' +
        `disabled:cursor-not-allowed disabled:opacity-60 ${className ?? ''}`
      }
    >
      {sending ? sendingLabel : children}
    </button>
  )
}
