import type { ComponentChildren } from 'preact'
import { useEffect, useId, useRef, useState } from 'preact/hooks'

/** Options of {@link ConfirmDialog}. */
export interface ConfirmDialogProps {
  /** The question, e.g. "Destroy web-01?". */
  title: string
  /** What happens, in words; shown under the title and read out with the field. */
  children: ComponentChildren
  /** The confirm button's text, e.g. "Destroy". */
  confirmLabel: string
  /** When set, the person must type `value` exactly (into a field labelled `label`) before confirming. */
  typed?: { label: string; value: string }
  /** Called (with what was typed, or '') once the person confirms. */
  onConfirm: (typed: string) => void
  /** Called when the dialog closes without confirming (Cancel, Escape). */
  onClose: () => void
}

/**
 * Asks before a destructive action, in a modal `<dialog>`: the browser keeps focus inside it,
 * Escape closes it, and focus goes back to the button that opened it. With `typed`, the confirm
 * button stays disabled until the exact name is typed (Enter does not get past it either).
 */
export function ConfirmDialog({ title, children, confirmLabel, typed, onConfirm, onClose }: ConfirmDialogProps) {
  const dialog = useRef<HTMLDialogElement>(null)
  const confirmButton = useRef<HTMLButtonElement>(null)
  const [text, setText] = useState('')
  const titleId = useId()
  const inputId = useId()
  const hintId = useId()
  useEffect(() => {
    const element = dialog.current
    if (element && !element.open) element.showModal()
    // Without a name to type, the confirm button is where the person starts (the field otherwise, by autofocus).
    if (!typed) confirmButton.current?.focus()
    return () => element?.close()
  }, [])
  const matches = !typed || text === typed.value
  return (
    <dialog
      ref={dialog}
      aria-labelledby={titleId}
      aria-describedby={hintId}
      onClose={onClose}
      class="m-auto w-[28rem] max-w-[calc(100vw-2rem)] rounded-xl bg-white p-6 text-slate-900 shadow-xl"
    >
      <form
        method="dialog"
        onSubmit={(event) => {
          event.preventDefault()
          if (!matches) return
          onConfirm(text)
        }}
      >
        <h2 id={titleId} class="text-lg font-semibold">
          {title}
        </h2>
        <div id={hintId} class="mt-2 text-sm text-slate-700">
          {children}
        </div>
        {typed && (
          <>
            <label for={inputId} class="mt-4 block text-sm font-medium">
              {typed.label}
            </label>
            <input
              id={inputId}
              type="text"
              autoComplete="off"
              spellcheck={false}
              value={text}
              onInput={(event) => setText(event.currentTarget.value)}
              class="mt-1 w-full rounded-md border border-slate-400 px-3 py-2 font-mono"
              autoFocus
            />
          </>
        )}
        <div class="mt-6 flex justify-end gap-3">
          <button
            type="button"
            class="rounded-md border border-slate-400 px-4 py-2 text-sm"
            onClick={() => dialog.current?.close()}
          >
            Cancel
          </button>
          <button
            type="submit"
            disabled={!matches}
            ref={confirmButton}
            class={
              'rounded-md bg-red-700 px-4 py-2 text-sm font-semibold text-white ' +
              'disabled:cursor-not-allowed disabled:bg-red-300 disabled:text-red-950'
            }
          >
            {confirmLabel}
          </button>
        </div>
      </form>
    </dialog>
  )
}
