import type { ComponentChildren } from 'preact'

/** The filters of a list as a search landmark; they apply as they change, so it is never sent. */
export function SearchForm({ label, children }: { label?: string; children: ComponentChildren }) {
  return (
    // biome-ignore lint/a11y/useSemanticElements: form role=search is the landmark; <search> adds a box
    <form
      role="search"
      aria-label={label}
      class="flex flex-wrap items-end gap-3"
      onSubmit={(event) => event.preventDefault()}
    >
      {children}
    </form>
  )
}
