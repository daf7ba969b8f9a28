import type { ComponentChildren } from 'preact'
import { controlClass, FormField, type FormFieldProps } from './form-field.js'

/** Options of {@link SelectField}: the field's label, hint and error, its value, and its `<option>`s. */
export type SelectFieldProps = Omit<FormFieldProps, 'children'> & {
  name?: string
  value: string
  disabled?: boolean
  /** Called with the value chosen. */
  onValue: (value: string) => void
  /** The `<option>`s. */
  children: ComponentChildren
}

/** A labelled select of a form, with its hint and its error. */
export function SelectField({ name, value, disabled, onValue, children, ...field }: SelectFieldProps) {
  return (
    <FormField {...field}>
      {(control) => (
        <select
          {...control}
          name={name}
          class={controlClass}
          value={value}
          disabled={disabled}
          onChange={(event) => onValue(event.currentTarget.value)}
        >
          {children}
        </select>
      )}
    </FormField>
  )
}
