import type { ComponentChildren } from 'preact'
import { useId } from 'preact/hooks'

/** What a control inside a {@link FormField} carries: its id, its hint and error, whether it is wrong. */
export interface FieldControlProps {
  id: string
  'aria-describedby'?: string
  'aria-invalid'?: true
}

/** Options of {@link FormField}. */
export interface FormFieldProps {
  /** The control's id; one is made when left out. */
  id?: string
  label: string
  /** Said under the control and read with it. */
  hint?: ComponentChildren
  /** What is wrong with the value: shown under it, read with it, and the control marked invalid. */
  error?: string
  /** The error is announced as it appears (`role="alert"`), for a form whose refusals come after a send. */
  announceError?: boolean
  class?: string
  /** Draws the control with the props that tie it to its label, hint and error. */
  children: (control: FieldControlProps) => ComponentChildren
}

/**
 * One labelled control of a form with its hint and its error: the error is tied to the control by
 * `aria-describedby` and `aria-invalid`, so a screen reader says it with the field.
 */
export function FormField({
  id: givenId,
  label,
  hint,
  error,
  announceError,
  class: className,
  children,
}: FormFieldProps) {
  const madeId = useId()
  const id = givenId ?? madeId
  const hintId = `${id}-hint`
  const errorId = `${id}-error`
  const described = [hint ? hintId : undefined, error ? errorId : undefined].filter(Boolean).join(' ')
  return (
    <div class={className} data-field={id}>
      <label for={id} class="block text-sm font-medium text-slate-900">
        {label}
      </label>
      {children({ id, 'aria-describedby': described || undefined, 'aria-invalid': error ? true : undefined })}
      {hint && (
        <p id={hintId} class="mt-1 text-xs text-slate-700">
          {hint}
        </p>
      )}
      {error && (
        <p
          id={errorId}
          role={announceError ? 'alert' : undefined}
          class="mt-1 text-sm font-medium text-red-800"
          data-field-error
        >
          {error}
        </p>
      )}
    </div>
  )
}

/** The look of a text, number or select control; red once it holds an error. */
export const controlClass =
  'mt-1 w-full rounded-md border border-slate-400 bg-white px-3 py-2 text-sm ' +
  'aria-[invalid]:border-red-700 aria-[invalid]:ring-1 aria-[invalid]:ring-red-700'

/** The look of a form's main button. */
export const submitClass =
  'rounded-md bg-blue-700 px-3 py-2 text-sm font-medium text-white disabled:cursor-not-allowed disabled:opacity-50'

/**
 * Which field a gateway refusal names: its messages start with the field's path
 * (`input.name: ...`, `name: ...`); answers the path and the rest of the message.
 */
export function fieldOf(message: string): { field?: string; text: string } {
  const match = /^([A-Za-z][\w.]*): (.*)$/s.exec(message)
  return match ? { field: match[1], text: match[2]! } : { text: message }
}
