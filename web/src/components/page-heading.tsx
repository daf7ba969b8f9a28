import type { ComponentChildren } from 'preact'
import { Link } from '../router.js'

/** Options of {@link PageHeading}. */
export interface PageHeadingProps {
  /** The heading's id, which the page's section is labelled by. */
  id: string
  /** The list the page belongs to, e.g. `{ href: '/', label: 'All servers' }`. */
  back: { href: string; label: string }
  /** The title, and what is said next to it (a status badge). */
  children: ComponentChildren
}

/** The top of a page under a list: a link back to the list, then the page's title. */
export function PageHeading({ id, back, children }: PageHeadingProps) {
  return (
    <>
      <Link href={back.href} class="text-sm text-blue-800 underline">
        ← {back.label}
      </Link>
      <h1 id={id} class="mt-2 flex flex-wrap items-center gap-3 text-2xl font-bold">
        {children}
      </h1>
    </>
  )
}
