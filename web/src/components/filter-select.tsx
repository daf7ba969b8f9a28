import { useId } from 'preact/hooks'

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
  const id = useId()
  return (
    <div>
      <label for={id} class="block text-xs font-medium text-slate-700">
        {label}
      </label>
      <select
        id={id}
        class="mt-1 rounded-md border border-slate-400 bg-white px-2 py-1.5 text-sm"
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
    </div>
  )
}
