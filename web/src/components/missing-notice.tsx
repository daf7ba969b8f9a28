import type { ComponentChildren } from 'preact'

/** The amber note that says what is missing from a list, and why (a provider that does not answer). */
export function MissingNotice({ children }: { children: ComponentChildren }) {
  return (
    <p role="alert" class="mb-3 rounded-md border border-amber-300 bg-amber-50 p-3 text-sm text-amber-950">
      {children}
    </p>
  )
}
