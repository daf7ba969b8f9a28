import { useState } from 'preact/hooks'

/** Cursor pages over a GraphQL connection: the `after` of the page shown, and how to move. */
export interface CursorPages {
  /** The cursor to ask with (`null`: the first page). */
  after: string | null
  /** 1 for the first page. */
  number: number
  previous(): void
  next(endCursor: string | null | undefined): void
  /** Back to the first page (after a filter changed). */
  reset(): void
  /** A filter's setter that also goes back to the first page. */
  resetting<Value>(set: (value: Value) => void): (value: Value) => void
}

/** Keeps the cursors of the pages before the one shown, so Previous goes back exactly. */
export function useCursorPages(): CursorPages {
  const [cursors, setCursors] = useState<(string | null)[]>([null])
  const reset = () => setCursors([null])
  return {
    after: cursors[cursors.length - 1] ?? null,
    number: cursors.length,
    previous: () => setCursors((all) => (all.length > 1 ? all.slice(0, -1) : all)),
    next: (endCursor) => setCursors((all) => [...all, endCursor ?? null]),
    reset,
    resetting: (set) => (value) => {
      set(value)
      reset()
    },
  }
}

const button = 'rounded-md border border-slate-400 px-3 py-1.5 text-sm disabled:opacity-50'

/** Options of {@link Pager}. */
export interface PagerProps {
  /** Names the navigation, e.g. "Server pages". */
  label: string
  pages: CursorPages
  pageInfo: { hasNextPage: boolean; endCursor?: string | null }
  previousLabel?: string
  nextLabel?: string
}

/** Previous and next buttons with the page number, shown only when there is more than one page. */
export function Pager({
  label,
  pages,
  pageInfo,
  previousLabel = 'Previous page',
  nextLabel = 'Next page',
}: PagerProps) {
  if (pages.number <= 1 && !pageInfo.hasNextPage) return null
  return (
    <nav aria-label={label} class="mt-4 flex items-center gap-3">
      <button type="button" class={button} disabled={pages.number <= 1} onClick={pages.previous}>
        {previousLabel}
      </button>
      <span class="text-sm text-slate-700">Page {pages.number}</span>
      <button
        type="button"
        class={button}
        disabled={!pageInfo.hasNextPage}
        onClick={() => pages.next(pageInfo.endCursor)}
      >
        {nextLabel}
      </button>
    </nav>
  )
}
