import type { Host as Resource } from '../load-hosts.js'

/** A labelled bar with its value in words beside it (not colour or length alone). */
function UsageBar({ label, percent, text }: { label: string; percent: number | undefined; text: string }) {
  const shown = percent === undefined ? 0 : Math.min(100, Math.max(0, percent))
  const colour = shown >= 90 ? 'bg-red-600' : shown >= 70 ? 'bg-amber-500' : 'bg-blue-600'
  return (
    <div class="text-xs">
      <div class="flex justify-between">
        <span class="font-medium">{label}</span>
        <span class="text-slate-700">{text}</span>
      </div>
      {/* biome-ignore lint/a11y/useSemanticElements: a <meter> draws its own gauge, not this bar */}
      <div
        role="meter"
        aria-label={label}
        aria-valuemin={0}
        aria-valuemax={100}
        aria-valuenow={Math.round(shown)}
        aria-valuetext={text}
        class="mt-1 h-2 w-full overflow-hidden rounded-full bg-slate-200"
      >
        <div class={`h-full rounded-full ${colour}`} style={{ width: `${shown}%` }} />
      </div>
    </div>
  )
}

/** The contract reports memory in GiB. */
const gigabytes = (gib: number | null | undefined) => (gib == null ? '?' : `${gib.toFixed(1)} GiB`)

/** Every compute host of every provider, with its CPU and memory use drawn as bars. */
export function ResourceBars({ resources }: { resources: Resource[] }) {
  if (resources.length === 0) return <p class="text-sm text-slate-700">No compute host reported.</p>
  return (
    <ul class="grid gap-3 sm:grid-cols-2 lg:grid-cols-4">
      {resources.map((node) => {
        const memoryPercent = node.memory.total ? ((node.memory.used ?? 0) / node.memory.total) * 100 : undefined
        return (
          <li
            key={`${node.provider}/${node.name}`}
            class="rounded-lg border border-slate-200 bg-white p-3"
            aria-label={`${node.name} (${node.provider})`}
          >
            <div class="flex items-baseline justify-between gap-2">
              <h3 class="font-semibold">{node.name}</h3>
              <span class="text-xs text-slate-700">
                {node.provider} · {node.status}
              </span>
            </div>
            <div class="mt-2 space-y-2">
              <UsageBar
                label={`CPU of ${node.name}`}
                percent={node.cpu.usage ?? undefined}
                text={
                  node.cpu.usage == null
                    ? 'unknown'
                    : `${node.cpu.usage.toFixed(0)}%${node.cpu.cores ? ` of ${node.cpu.cores} cores` : ''}`
                }
              />
              <UsageBar
                label={`Memory of ${node.name}`}
                percent={memoryPercent}
                text={
                  memoryPercent === undefined
                    ? 'unknown'
                    : `${gigabytes(node.memory.used)} of ${gigabytes(node.memory.total)}`
                }
              />
            </div>
            <p class="mt-2 text-xs text-slate-700">
              VMs {node.vms.running}/{node.vms.total} running · containers {node.containers.running}/
              {node.containers.total} running
            </p>
          </li>
        )
      })}
    </ul>
  )
}
