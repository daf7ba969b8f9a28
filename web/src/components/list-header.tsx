import type { ComponentChildren } from 'preact'

/** Options of {@link ListHeader}. */
export interface ListHeaderProps {
  /** The heading's id, which the page's section is labelled by. */
  id: string
  title: string
  /** Shown next to the title (a "New server" link). */
  beside?: ComponentChildren
  /** Shown across from the title: the list's filters, its actions. */
  children: ComponentChildren
}

/** The top of a list page: its title, and across from it what narrows the list. */
export function ListHeader({ id, title, beside, children }: ListHeaderProps) {
  const heading = (
    <h1 id={id} class="text-2xl font-bold">
      {title}
    </h1>
  )
  return (
    <div class="flex flex-wrap items-end justify-between gap-4">
      {beside ? (
        <div class="flex items-center gap-4">
          {heading}
          {beside}
        </div>
      ) : (
        heading
      )}
      {children}
    </div>
  )
}
