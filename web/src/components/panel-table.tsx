import type { ComponentChildren } from 'preact'
import { TableHead, type TableHeadLook } from './table-head.js'

/** A panel's column titles: on a shaded band, in the body's weight. */
const PANEL_LOOK: TableHeadLook = { head: 'bg-slate-50 text-slate-700', cell: 'px-3 py-2' }

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
      <TableHead titles={titles} look={PANEL_LOOK} actionsTitle={actionsTitle} />
      <tbody>{children}</tbody>
    </table>
  )
}
