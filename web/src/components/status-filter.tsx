import { FilterSelect } from './filter-select.js'

/** Options of {@link StatusFilter}. */
export interface StatusFilterProps<Status extends string> {
  /** `''` for any status. */
  value: Status | ''
  /** The statuses offered. */
  statuses: readonly Status[]
  onChange: (value: Status | '') => void
}

/** The "Status" filter a list of servers or deployments has: one status, or any. */
export function StatusFilter<Status extends string>({ value, statuses, onChange }: StatusFilterProps<Status>) {
  return <FilterSelect label="Status" value={value} anyLabel="Any status" values={statuses} onChange={onChange} />
}
