import { useEffect, useId, useState } from 'preact/hooks'
import { useCaller } from '../caller.js'
import { Pager, useCursorPages } from '../components/pager.js'
import { TableHead } from '../components/table-head.js'
import { LoadError } from '../components/sign-in-notice.js'
import { graphql } from '../gql/index.js'
import type { DashboardActivityQuery } from '../gql/graphql.js'
import { failureOf, type LoadFailure, request } from '../graphql-request.js'
import { Link, serverPath } from '../router.js'

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
  const [page, setPage] = useState<DashboardActivityQuery['auditLog']>()
  const [failure, setFailure] = useState<LoadFailure>()
  const ids = { actor: useId(), action: useId() }

  useEffect(() => {
    const timer = setTimeout(() => {
      setFilters({ actor: actorInput.trim(), action: actionInput.trim() })
      pages.reset()
    }, 250)
    return () => clearTimeout(timer)
  }, [actorInput, actionInput])

  const after = pages.after
  useEffect(() => {
    let current = true
    request(Activity, { first: PAGE_SIZE, after, actor: filters.actor || null, action: filters.action || null })
      .then((answer) => {
        if (!current) return
        setPage(answer.auditLog)
        setFailure(undefined)
      })
      .catch((error: unknown) => current && setFailure(failureOf(error)))
    return () => {
      current = false
    }
  }, [after, filters])

  return (
    <section aria-labelledby="activity-title">
      <div class="flex flex-wrap items-end justify-between gap-4">
        <h1 id="activity-title" class="text-2xl font-bold">
          Activity
        </h1>
        {/* biome-ignore lint/a11y/useSemanticElements: form role=search is the landmark; <search> adds a box */}
        <form role="search" class="flex flex-wrap items-end gap-3" onSubmit={(event) => event.preventDefault()}>
          <div>
            <label for={ids.actor} class="block text-xs font-medium text-slate-700">
              Who (token name)
            </label>
            <input
              id={ids.actor}
              class="mt-1 rounded-md border border-slate-400 bg-white px-2 py-1.5 text-sm"
              value={actorInput}
              onInput={(event) => setActorInput(event.currentTarget.value)}
            />
          </div>
          <div>
            <label for={ids.action} class="block text-xs font-medium text-slate-700">
              Action
            </label>
            <input
              id={ids.action}
              class="mt-1 rounded-md border border-slate-400 bg-white px-2 py-1.5 text-sm"
              value={actionInput}
              onInput={(event) => setActionInput(event.currentTarget.value)}
            />
          </div>
        </form>
      </div>
      <p class="mt-1 text-sm text-slate-700">
        Every action taken through Hangar (GraphQL, REST, dashboard, CLI), allowed or refused, newest first.
      </p>
      <div class="mt-4">
        {failure ? (
          failure.code === 'FORBIDDEN' ? (
            <p role="alert" class="rounded-lg border border-amber-300 bg-amber-50 p-4 text-sm text-amber-950">
              Only an admin may read the activity
              {caller.state === 'signed-in' ? `; you are signed in as ${caller.role}` : ''}.
            </p>
          ) : (
            <LoadError error={failure} />
          )
        ) : !page ? (
          <p class="text-sm text-slate-700">Loading…</p>
        ) : page.nodes.length === 0 ? (
          <p class="text-sm text-slate-700">Nothing matches.</p>
        ) : (
          <>
            <p class="mb-2 text-sm text-slate-700">
              {page.totalCount === 1 ? '1 entry' : `${page.totalCount} entries`}
            </p>
            <table class="w-full border-collapse rounded-lg bg-white text-left text-sm">
              <caption class="sr-only">Activity, newest first</caption>
              <TableHead titles={['When', 'Who', 'Via', 'Action', 'Target', 'Outcome', 'Detail']} />
              <tbody>
                {page.nodes.map((entry) => (
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
            <Pager
              label="Activity pages"
              pages={pages}
              pageInfo={page.pageInfo}
              previousLabel="Newer"
              nextLabel="Older"
            />
          </>
        )}
      </div>
    </section>
  )
}
