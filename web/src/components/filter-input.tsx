import { FilterField, filterControlClass } from './filter-field.js'

/** Options of {@link FilterInput}. */
export interface FilterInputProps {
  label: string
  value: string
  /** A search box (the browser offers to clear it) rather than a plain text box. */
  search?: boolean
  /** Called with the text as it is typed. */
  onChange: (value: string) => void
}

/** A labelled text box that narrows a list by what is typed into it. */
export function FilterInput({ label, value, search, onChange }: FilterInputProps) {
  return (
    <FilterField label={label}>
      {(id) => (
        <input
          id={id}
          {...(search ? { type: 'search' as const } : { type: 'text' as const })}
          class={filterControlClass}
          value={value}
          onInput={(event) => onChange(event.currentTarget.value)}
        />
      )}
    </FilterField>
  )
}
