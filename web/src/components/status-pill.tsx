/** The colours a status can take; every pill says its status in words too. */
export type Tone = 'green' | 'red' | 'amber' | 'grey'

const TONES: Record<Tone, { colours: string; dot: string }> = {
  green: { colours: 'bg-green-100 text-green-800 ring-green-600/30', dot: 'bg-green-600' },
  red: { colours: 'bg-red-100 text-red-800 ring-red-600/30', dot: 'bg-red-600' },
  amber: { colours: 'bg-amber-100 text-amber-900 ring-amber-600/30', dot: 'bg-amber-500' },
  grey: { colours: 'bg-slate-100 text-slate-700 ring-slate-500/30', dot: 'bg-slate-500' },
}

/** A status as a coloured pill with a dot and the word (colour is never the only sign). */
export function StatusPill({ status, label, tone }: { status: string; label: string; tone: Tone }) {
  const look = TONES[tone]
  return (
    <span
      class={
        `inline-flex items-center gap-1.5 rounded-full px-2 py-0.5 ` +
        `text-xs font-medium ring-1 ring-inset ${look.colours}`
      }
      data-status={status}
    >
      <span aria-hidden="true" class={`h-2 w-2 rounded-full ${look.dot}`} />
      {label}
    </span>
  )
}
