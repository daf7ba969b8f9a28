import type { ComponentChildren } from 'preact'
import { useId } from 'preact/hooks'

/** Options of {@link FormField}. */
export interface FormFieldProps {
  label: string
  /** The control, given the id to use and the ids that describe it. */
  children: (ids: { id: string; describedBy?: string; invalid: boolean }) => ComponentChildren
  /** A hint under the field. */
  hint?: string
  /** The gateway's refusal of this field, shown under it and tied to the control. */
  error?: string
  class?: string
}

/** A labelled control with its hint and error, tied together for assistive technology. */
export function FormField({ label, children, hint, error, class: className }: FormFieldProps) {
  const id = useId()
  const hintId = `${id}-hint`
  const errorId = `${id}-error`
  const describedBy = [hint ? hintId : '', error ? errorId : ''].filter(Boolean).join(' ') || undefined
  return (
    <div class={className}>
      <label for={id} class="block text-xs font-medium text-slate-700">
        {label}
      </label>
      {children({ id, describedBy, invalid: Boolean(error) })}
      {hint && (
        <p id={hintId} class="mt-1 text-xs text-slate-600">
          {hint}
        </p>
      )}
      {error && (
        <p id={errorId} class="mt-1 text-xs font-medium text-red-800">
          {error}
        </p>
      )}
    </div>
  )
}

/** The look of a text, number or select control. */
export const controlClass = 'mt-1 w-full rounded-md border border-slate-400 bg-white px-2 py-1.5 text-sm aria-[invalid=true]:border-red-700'

/** The look of a form's main button. */
export const submitClass = 'rounded-md bg-blue-700 px-3 py-1.5 text-sm font-medium text-white disabled:cursor-not-allowed disabled:opacity-50'

/**
 * Which field a gateway refusal names: its messages start with the field's path
 * (`input.name: ...`, `name: ...`); answers the path and the rest of the message.
 */
export function fieldOf(message: string): { field?: string; text: string } {
  const match = /^([A-Za-z][\w.]*): (.*)$/s.exec(message)
  return match ? { field: match[1], text: match[2]! } : { text: message }
}
