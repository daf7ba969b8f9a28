import type { InputHTMLAttributes } from 'preact'
import { controlClass, FormField, type FormFieldProps } from './form-field.js'

/** An input's own attributes (its type, name, bounds, hints to the browser), for each kind of input. */
type InputAttributes =
  InputHTMLAttributes<HTMLInputElement> extends infer Kind
    ? Kind extends unknown
      ? Omit<Kind, 'id' | 'class' | 'value' | 'onInput'>
      : never
    : never

/** Options of {@link TextField}: the field's label, hint and error, its value, and the input's own attributes. */
export type TextFieldProps = Omit<FormFieldProps, 'children'> &
  InputAttributes & {
    value: string
    /** Called with the new text as it is typed. */
    onValue: (value: string) => void
  }

/** A labelled text (or number, URL, password) input of a form, with its hint and its error. */
export function TextField({
  id,
  label,
  hint,
  error,
  announceError,
  class: className,
  value,
  onValue,
  ...input
}: TextFieldProps) {
  return (
    <FormField id={id} label={label} hint={hint} error={error} announceError={announceError} class={className}>
      {(control) => (
        <input
          {...input}
          {...control}
          class={controlClass}
          value={value}
          onInput={(event) => onValue(event.currentTarget.value)}
        />
      )}
    </FormField>
  )
}
