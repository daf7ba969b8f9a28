import { useCan } from '../caller.js'
import type { DashboardServersQuery, ServerStatus } from '../gql/graphql.js'
import { Link, serverPath } from '../router.js'
import { buttonClass } from './button-class.js'
import { PowerButtons } from './power-buttons.js'
import { StatusBadge } from './status-badge.js'

/** A server as a card shows it. */
export type CardServer = DashboardServersQuery['servers']['nodes'][number]

/** The actions a card offers. */
export type CardAction = 'start' | 'stop' | 'destroy'

/** Options of {@link ServerCard}. */
export interface ServerCardProps {
  server: CardServer
  /** The action in flight on this server, if any: its buttons wait meanwhile. */
  busy?: CardAction
  onAction: (action: CardAction, server: CardServer) => void
}

const sizes = (server: CardServer): string =>
  [
    server.cpu != null ? `${server.cpu} CPU` : undefined,
    server.memoryMb != null ? `${server.memoryMb} MB RAM` : undefined,
    server.diskGb != null ? `${server.diskGb} GB disk` : undefined,
  ]
    .filter(Boolean)
    .join(' · ') || 'sizes unknown'

const BUSY_WORDS: Record<CardAction, string> = { start: 'starting…', stop: 'stopping…', destroy: 'destroying…' }

/** The card's left edge in the seed's colours: green running, red stopped, grey anything else. */
const ACCENT: Partial<Record<ServerStatus, string>> = { RUNNING: 'border-l-green-600', STOPPED: 'border-l-red-600' }

/** One server of any provider: the seed's card, with its status in colour and in words, and its actions. */
export function ServerCard({ server, busy, onAction }: ServerCardProps) {
  const can = useCan()
  const headingId = `server-${server.id.replace(/[^A-Za-z0-9_-]/g, '-')}`
  const accent = ACCENT[server.status] ?? 'border-l-slate-400'
  return (
    <li>
      <article
        aria-labelledby={headingId}
        aria-busy={busy !== undefined}
        data-server-id={server.id}
        data-status={server.status}
        class={`flex h-full flex-col rounded-lg border border-l-4 border-slate-200 bg-white p-4 shadow-sm ${accent}`}
      >
        <div class="flex items-start justify-between gap-2">
          <h2 id={headingId} class="font-semibold break-all">
            {server.name}
          </h2>
          <StatusBadge status={server.status} />
        </div>
        <dl class="mt-3 grid grid-cols-[auto_1fr] gap-x-3 gap-y-1 text-sm">
          <dt class="text-slate-600">Provider</dt>
          <dd>{server.provider}</dd>
          <dt class="text-slate-600">Location</dt>
          <dd>{server.location ?? 'unknown'}</dd>
          <dt class="text-slate-600">Kind</dt>
          <dd>{server.kind === 'VM' ? 'VM' : 'container'}</dd>
          <dt class="text-slate-600">Size</dt>
          <dd>{sizes(server)}</dd>
          <dt class="text-slate-600">IPs</dt>
          <dd class="font-mono text-xs break-all">{server.ips.length > 0 ? server.ips.join(', ') : 'none reported'}</dd>
        </dl>
        {busy && (
          <p class="mt-2 text-sm font-medium text-slate-700" role="status">
            {BUSY_WORDS[busy]}
          </p>
        )}
        <div class="mt-auto flex flex-wrap gap-2 pt-4">
          {can('power') && (
            <PowerButtons
              actions={['start', 'stop']}
              status={server.status}
              busy={busy !== undefined}
              named={server.name}
              onAction={(action) => onAction(action, server)}
            />
          )}
          <Link href={serverPath(server.id)} class={`${buttonClass} border border-slate-400 text-slate-900`}>
            Details<span class="sr-only"> of {server.name}</span>
          </Link>
          {can('destroyServer') && (
            <button
              type="button"
              class={`${buttonClass} ml-auto border border-red-700 text-red-800`}
              disabled={busy !== undefined}
              onClick={() => onAction('destroy', server)}
            >
              Destroy<span class="sr-only"> {server.name}</span>
            </button>
          )}
        </div>
      </article>
    </li>
  )
}
