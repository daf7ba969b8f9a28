import type { ComponentChildren } from 'preact'

/** A page's action buttons as one group, and what is under way, said politely as it changes. */
export function ActionGroup({ working, children }: { working?: string; children: ComponentChildren }) {
  return (
    // biome-ignore lint/a11y/useSemanticElements: a <fieldset> would add its border and padding
    <div class="flex flex-wrap items-center gap-2" role="group" aria-label="Actions">
      {children}
      {working && (
        <p role="status" class="text-sm font-medium text-slate-700">
          {working}
        </p>
      )}
    </div>
  )
}
