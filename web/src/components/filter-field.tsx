import type { ComponentChildren } from 'preact'
import { useId } from 'preact/hooks'

/** The look of a filter's control (smaller than a form's). */
export const filterControlClass = 'mt-1 rounded-md border border-slate-400 bg-white px-2 py-1.5 text-sm'

/** A filter of a list: its label, above the control `children` draws with the id the label names. */
export function FilterField({ label, children }: { label: string; children: (id: string) => ComponentChildren }) {
  const id = useId()
  return (
    <div>
      <label for={id} class="block text-xs font-medium text-slate-700">
        {label}
      </label>
      {children(id)}
    </div>
  )
}
