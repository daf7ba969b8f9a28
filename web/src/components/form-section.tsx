import type { ComponentChildren } from 'preact'

/** Options of {@link FormSection}. */
export interface FormSectionProps {
  /** The group's title, read with each of its fields. */
  legend: string
  /** How many columns the fields take on a wider screen. */
  columns?: 2 | 3
  /** Every field of the group waits (while the form is sent). */
  disabled?: boolean
  children: ComponentChildren
}

/** A titled group of a form's fields, in a box of its own. */
export function FormSection({ legend, columns = 2, disabled, children }: FormSectionProps) {
  return (
    <fieldset
      class={
        'grid gap-4 rounded-lg border border-slate-200 bg-white p-5 shadow-sm ' +
        (columns === 3 ? 'sm:grid-cols-3' : 'sm:grid-cols-2')
      }
      disabled={disabled}
    >
      <legend class="px-1 text-sm font-semibold">{legend}</legend>
      {children}
    </fieldset>
  )
}
