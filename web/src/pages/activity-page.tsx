import { useState } from 'preact/hooks'
import { useCaller } from '../caller.js'
import { Pager, useCursorPages } from '../components/pager.js'
import { SearchForm } from '../components/search-form.js'
import { TableHead } from '../components/table-head.js'
import { FilterInput } from '../components/filter-input.js'
import { ListHeader } from '../components/list-header.js'
import { LoadedView } from '../components/loaded-view.js'
import { graphql } from '../gql/index.js'
import type { DashboardActivityQuery } from '../gql/graphql.js'
import { request } from '../graphql-request.js'
import { Link, serverPath } from '../router.js'
import { useLoaded } from '../use-loaded.js'
import { useTypingPause } from '../use-typing-pause.js'

/** The audit log, newest first: every action taken through Hangar, allowed or refused. */
const Activity = graphql(`
  query DashboardActivity($first: Int!, $after: String, $actor: String, $action: String) {
    auditLog(first: $first, after: $after, actor: $actor, action: $action) {
      totalCount
      pageInfo { hasNextPage endCursor }
      nodes { id at actor role source action target outcome detail operationId }
    }
  }
`)

type Entry = DashboardActivityQuery['auditLog']['nodes'][number]

const PAGE_SIZE = 50

const OUTCOME_LOOK: Record<string, string> = {
  ALLOWED: 'bg-green-100 text-green-800',
  DENIED: 'bg-amber-100 text-amber-900',
  FAILED: 'bg-red-100 text-red-800',
}

/** A target that names a server or a deployment links to its page. */
function Target({ action, target }: { action: string; target: string | null }) {
  if (!target) return <>—</>
  const href =
    /(Server|Snapshot)$/.test(action) && target.includes(':')
      ? serverPath(target)
      : /Deployment$/.test(action) && /^[1-9]\d*$/.test(target)
        ? `/deployments/${target}`
        : undefined
  if (!href) return <>{target}</>
  return (
    <Link href={href} class="text-blue-800 underline">
      {target}
    </Link>
  )
}

/** The entries of one page of the audit log, one row each. */
function ActivityTable({ entries }: { entries: Entry[] }) {
  return (
    <table class="w-full border-collapse rounded-lg bg-white text-left text-sm">
      <caption class="sr-only">Activity, newest first</caption>
      <TableHead titles={['When', 'Who', 'Via', 'Action', 'Target', 'Outcome', 'Detail']} />
      <tbody>
        {entries.map((entry) => (
          <tr key={entry.id} class="border-b border-slate-200 align-top" data-action={entry.action}>
            <td class="p-2 whitespace-nowrap">{new Date(entry.at).toLocaleString()}</td>
            <td class="p-2">
              {entry.actor}
              {entry.role && <span class="text-slate-600"> ({entry.role})</span>}
            </td>
            <td class="p-2">{entry.source}</td>
            <td class="p-2 font-mono text-xs">{entry.action}</td>
            <td class="p-2 font-mono text-xs break-all">
              <Target action={entry.action} target={entry.target ?? null} />
            </td>
            <td class="p-2">
              <span class={`rounded-full px-2 py-0.5 text-xs font-medium ${OUTCOME_LOOK[entry.outcome] ?? ''}`}>
                {entry.outcome.toLowerCase()}
              </span>
            </td>
            <td class="p-2 text-xs break-all">{entry.detail ?? ''}</td>
          </tr>
        ))}
      </tbody>
    </table>
  )
}

/**
 * The history of actions (the Kamatera tool's wish, "Historique des actions effectuées"): every
 * mutation and REST action through Hangar, allowed or refused, newest first, for admins.
 */
export function ActivityPage() {
  const { caller } = useCaller()
  const [actorInput, setActorInput] = useState('')
  const [actionInput, setActionInput] = useState('')
  const [filters, setFilters] = useState({ actor: '', action: '' })
  const pages = useCursorPages()

  useTypingPause(() => {
    setFilters({ actor: actorInput.trim(), action: actionInput.trim() })
    pages.reset()
  }, [actorInput, actionInput])

  const after = pages.after
  const { value: page, failure } = useLoaded(
    () =>
      request(Activity, {
        first: PAGE_SIZE,
        after,
        actor: filters.actor || null,
        action: filters.action || null,
      }).then((answer) => answer.auditLog),
    [after, filters],
  )

  return (
    <section aria-labelledby="activity-title">
      <ListHeader id="activity-title" title="Activity">
        <SearchForm>
          <FilterInput label="Who (token name)" value={actorInput} onChange={setActorInput} />
          <FilterInput label="Action" value={actionInput} onChange={setActionInput} />
        </SearchForm>
      </ListHeader>
      <p class="mt-1 text-sm text-slate-700">
        Every action taken through Hangar (GraphQL, REST, dashboard, CLI), allowed or refused, newest first.
      </p>
      <div class="mt-4">
        {failure?.code === 'FORBIDDEN' ? (
          <p role="alert" class="rounded-lg border border-amber-300 bg-amber-50 p-4 text-sm text-amber-950">
            Only an admin may read the activity
            {caller.state === 'signed-in' ? `; you are signed in as ${caller.role}` : ''}.
          </p>
        ) : (
          <LoadedView value={page} failure={failure}>
            {(page) =>
              page.nodes.length === 0 ? (
                <p class="text-sm text-slate-700">Nothing matches.</p>
              ) : (
                <>
                  <p class="mb-2 text-sm text-slate-700">
                    {page.totalCount === 1 ? '1 entry' : `${page.totalCount} entries`}
                  </p>
                  <ActivityTable entries={page.nodes} />
                  <Pager
                    label="Activity pages"
                    pages={pages}
                    pageInfo={page.pageInfo}
                    previousLabel="Newer"
                    nextLabel="Older"
                  />
                </>
              )
            }
          </LoadedView>
        )}
      </div>
    </section>
  )
}
