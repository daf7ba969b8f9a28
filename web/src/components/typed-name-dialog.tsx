import type { ComponentChildren } from 'preact'
import { useEffect, useId, useRef, useState } from 'preact/hooks'

/** Options of {@link TypedNameDialog}. */
export interface TypedNameDialogProps {
  /** The name to type; the confirm button stays disabled until it is typed exactly. */
  name: string
  /** The dialog's heading, e.g. "Destroy web-01?". */
  title: string
  /** What confirming does; the dialog adds "Type its name, <name>, to confirm." after it. */
  consequence: ComponentChildren
  /** The label of the field, e.g. "Server name". */
  inputLabel: string
  /** The confirm button's text, e.g. "Destroy". */
  confirmLabel: string
  /** Called with the typed name once the person confirms. */
  onConfirm: (typedName: string) => void
  /** Called when the dialog closes without confirming (Cancel, Escape). */
  onClose: () => void
}

/**
 * Asks for a name before an action that cannot be undone, in a modal `<dialog>`: the browser keeps
 * focus inside it, Escape closes it, and focus goes back to the button that opened it. The confirm
 * button stays disabled, and Enter does nothing, until the name is typed exactly.
 */
export function TypedNameDialog({ name, title, consequence, inputLabel, confirmLabel, onConfirm, onClose }: TypedNameDialogProps) {
  const dialog = useRef<HTMLDialogElement>(null)
  const [typed, setTyped] = useState('')
  const titleId = useId()
  const inputId = useId()
  const hintId = useId()
  useEffect(() => {
    const element = dialog.current
    if (element && !element.open) element.showModal()
    return () => element?.close()
  }, [])
  const matches = typed === name
  return (
    <dialog
      ref={dialog}
      aria-labelledby={titleId}
      onClose={onClose}
      class="m-auto w-[28rem] max-w-[calc(100vw-2rem)] rounded-xl bg-white p-6 text-slate-900 shadow-xl"
    >
      <form
        method="dialog"
        onSubmit={(event) => {
          event.preventDefault()
          if (!matches) return
          onConfirm(typed)
        }}
      >
        <h2 id={titleId} class="text-lg font-semibold">
          {title}
        </h2>
        <p id={hintId} class="mt-2 text-sm text-slate-700">
          {consequence} Type its name, <strong class="font-mono">{name}</strong>, to confirm.
        </p>
        <label for={inputId} class="mt-4 block text-sm font-medium">
          {inputLabel}
        </label>
        <input
          id={inputId}
          type="text"
          autoComplete="off"
          spellcheck={false}
          aria-describedby={hintId}
          value={typed}
          onInput={(event) => setTyped(event.currentTarget.value)}
          class="mt-1 w-full rounded-md border border-slate-400 px-3 py-2 font-mono"
          autoFocus
        />
        <div class="mt-6 flex justify-end gap-3">
          <button type="button" class="rounded-md border border-slate-400 px-4 py-2 text-sm" onClick={() => dialog.current?.close()}>
            Cancel
          </button>
          <button type="submit" disabled={!matches} class="rounded-md bg-red-700 px-4 py-2 text-sm font-semibold text-white disabled:cursor-not-allowed disabled:bg-red-300 disabled:text-red-950">
            {confirmLabel}
          </button>
        </div>
      </form>
    </dialog>
  )
}
