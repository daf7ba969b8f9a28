/** A value of any shape as text: scalars as they are, lists and objects as compact JSON. */
const shown = (value: unknown): string =>
  value === null || value === undefined ? '—' : typeof value === 'object' ? JSON.stringify(value) : String(value)

/** Every property of an object as a definition list, in its own order. */
export function PropertyList({ properties, label }: { properties: Record<string, unknown>; label: string }) {
  return (
    <dl
      aria-label={label}
      class={
        'grid grid-cols-1 gap-x-6 gap-y-2 rounded-lg border border-slate-200 ' +
        'bg-white p-4 text-sm sm:grid-cols-[minmax(8rem,auto)_1fr]'
      }
    >
      {Object.entries(properties).map(([key, value]) => (
        <div key={key} class="contents">
          <dt class="font-medium text-slate-600">{key}</dt>
          <dd class="font-mono text-xs break-all">{shown(value)}</dd>
        </div>
      ))}
    </dl>
  )
}
