/** The CSS classes of a {@link TableHead}: of the `thead`, its row, and each column header. */
export interface TableHeadLook {
  head?: string
  row?: string
  cell?: string
}

/** The look of the lists' tables. */
const RULED: TableHeadLook = { row: 'border-b border-slate-300', cell: 'p-2 font-semibold' }

/** Options of {@link TableHead}. */
export interface TableHeadProps {
  /** The column titles. */
  titles: readonly string[]
  /** The classes; by default a ruled row of bold titles, as the lists have. */
  look?: TableHeadLook
  /** When set, a last column (of buttons) titled for screen readers only, e.g. "Remove". */
  actionsTitle?: string
}

/** A table's header row: one column header per title. */
export function TableHead({ titles, look = RULED, actionsTitle }: TableHeadProps) {
  return (
    <thead class={look.head}>
      <tr class={look.row}>
        {titles.map((title) => (
          <th key={title} scope="col" class={look.cell}>
            {title}
          </th>
        ))}
        {actionsTitle && (
          <th scope="col" class={look.cell}>
            <span class="sr-only">{actionsTitle}</span>
          </th>
        )}
      </tr>
    </thead>
  )
}
