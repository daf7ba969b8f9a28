import type { ComponentChildren } from 'preact'

/** Options of {@link Checkbox}. */
export interface CheckboxProps {
  name?: string
  checked: boolean
  disabled?: boolean
  /** The label's look; a small row by default. */
  class?: string
  onChange: (checked: boolean) => void
  /** What is ticked, in words. */
  children: ComponentChildren
}

/** A checkbox inside its label, so the words tick it too. */
export function Checkbox({
  name,
  checked,
  disabled,
  class: className = 'flex items-center gap-1 text-sm',
  onChange,
  children,
}: CheckboxProps) {
  return (
    <label class={className}>
      <input
        type="checkbox"
        name={name}
        checked={checked}
        disabled={disabled}
        onChange={(event) => onChange(event.currentTarget.checked)}
      />
      {children}
    </label>
  )
}
