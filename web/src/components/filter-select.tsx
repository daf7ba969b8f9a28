import { FilterField, filterControlClass } from './filter-field.js'

/** Options of {@link FilterSelect}. */
export interface FilterSelectProps<Value extends string> {
  label: string
  /** `''` for no filter. */
  value: Value | ''
  /** What `''` is called, e.g. "Any status". */
  anyLabel: string
  /** The values offered, each shown as `text(value)` (lower case by default). */
  values: readonly Value[]
  text?: (value: Value) => string
  onChange: (value: Value | '') => void
}

/** A labelled select that narrows a list: one value, or any. */
export function FilterSelect<Value extends string>({
  label,
  value,
  anyLabel,
  values,
  text = (entry) => entry.toLowerCase(),
  onChange,
}: FilterSelectProps<Value>) {
  return (
    <FilterField label={label}>
      {(id) => (
        <select
          id={id}
          class={filterControlClass}
          value={value}
          onChange={(event) => onChange(event.currentTarget.value as Value | '')}
        >
          <option value="">{anyLabel}</option>
          {values.map((entry) => (
            <option key={entry} value={entry}>
              {text(entry)}
            </option>
          ))}
        </select>
      )}
    </FilterField>
  )
}
