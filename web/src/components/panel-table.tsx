import type { ComponentChildren } from 'preact'

/** Options of {@link PanelTable}. */
export interface PanelTableProps {
  /** Names the table, e.g. "Releases". */
  label: string
  /** The column titles. */
  titles: readonly string[]
  /** When set, a last column of buttons, titled for screen readers only (e.g. "Remove"). */
  actionsTitle?: string
  /** The rows. */
  children: ComponentChildren
}

/** A boxed table of a panel of a page: its column titles, and its rows. */
export function PanelTable({ label, titles, actionsTitle, children }: PanelTableProps) {
  return (
    <table
      aria-label={label}
      class="w-full overflow-hidden rounded-lg border border-slate-200 bg-white text-left text-sm"
    >
      <thead class="bg-slate-50 text-slate-700">
        <tr>
          {titles.map((title) => (
            <th key={title} scope="col" class="px-3 py-2">
              {title}
            </th>
          ))}
          {actionsTitle && (
            <th scope="col" class="px-3 py-2">
              <span class="sr-only">{actionsTitle}</span>
            </th>
          )}
        </tr>
      </thead>
      <tbody>{children}</tbody>
    </table>
  )
}
