import { useEffect, useState } from 'preact/hooks'
import { useCan } from '../caller.js'
import { DeploymentStatusBadge } from '../components/deployment-status-badge.js'
import { ListHeader } from '../components/list-header.js'
import { Pager, useCursorPages } from '../components/pager.js'
import { SearchForm } from '../components/search-form.js'
import { StatusFilter } from '../components/status-filter.js'
import { LoadedView } from '../components/loaded-view.js'
import { TableHead } from '../components/table-head.js'
import { DeploymentRows } from '../documents.js'
import { isAtRest } from '../follow-deployment.js'
import type { DeploymentStatus } from '../gql/graphql.js'
import { request } from '../graphql-request.js'
import { Link } from '../router.js'
import { useLoaded } from '../use-loaded.js'

/** Rows per page. */
const PAGE_SIZE = 20

/** How often the list asks again while a deployment on it is on its way. */
const REFRESH_MS = 2_000

const STATUSES: DeploymentStatus[] = ['PENDING', 'CREATING', 'RUNNING', 'FAILED', 'STOPPED', 'DELETED']

/** The address of a deployment's page. */
export const deploymentPath = (id: string): string => `/deployments/${encodeURIComponent(id)}`

/**
 * The deployments, newest first, a page at a time, optionally of one status. While any row is on
 * its way (PENDING, CREATING) the page asks again every two seconds, so statuses and steps move
 * without a reload.
 */
export function DeploymentsPage() {
  const can = useCan()
  const [status, setStatus] = useState<DeploymentStatus | ''>('')
  // Cursors of the pages before this one; the last is this page's `after`.
  const pages = useCursorPages()
  const [version, setVersion] = useState(0)
  const after = pages.after

  // The page these rows are: its range is drawn with them, never with the next page's number.
  const number = pages.number
  const { value: page, failure } = useLoaded(
    () =>
      request(DeploymentRows, { first: PAGE_SIZE, after, status: status || null }).then((answer) => ({
        ...answer.deployments,
        number,
      })),
    [after, status, version],
  )

  const moving = page?.nodes.some((deployment) => !isAtRest(deployment)) ?? false
  useEffect(() => {
    if (!moving) return
    const timer = setTimeout(() => setVersion((value) => value + 1), REFRESH_MS)
    return () => clearTimeout(timer)
  }, [moving, page])

  const first = ((page?.number ?? 1) - 1) * PAGE_SIZE + 1
  const shown = page?.nodes.length ?? 0
  return (
    <section aria-labelledby="deployments-title">
      <ListHeader id="deployments-title" title="Deployments">
        <div class="flex flex-wrap items-end gap-3">
          <SearchForm label="Filter deployments">
            <StatusFilter value={status} statuses={STATUSES} onChange={pages.resetting(setStatus)} />
          </SearchForm>
          {can('createDeployment') && (
            <Link
              href="/deployments/new"
              class="rounded-md bg-blue-700 px-3 py-2 text-sm font-semibold text-white hover:bg-blue-800"
            >
              New deployment
            </Link>
          )}
        </div>
      </ListHeader>
      <div class="mt-4">
        <LoadedView value={page} failure={failure}>
          {(page) => (
            <>
              <p class="mb-3 text-sm text-slate-700">
                {page.totalCount === 0
                  ? status
                    ? 'No deployment has this status.'
                    : 'No deployment yet.'
                  : `Deployments ${first}–${first + shown - 1} of ${page.totalCount}`}
                {moving && ' · updating while some are on their way'}
              </p>
              {page.nodes.length > 0 && (
                <table class="w-full border-collapse rounded-lg bg-white text-left text-sm">
                  <caption class="sr-only">Deployments, newest first</caption>
                  <TableHead titles={['Name', 'Framework', 'Provider', 'Type', 'Status', 'Step', 'Created']} />
                  <tbody>
                    {page.nodes.map((deployment) => (
                      <tr key={deployment.id} class="border-b border-slate-200" data-deployment-id={deployment.id}>
                        <td class="p-2">
                          <Link href={deploymentPath(deployment.id)} class="text-blue-800 underline">
                            {deployment.name}
                          </Link>
                        </td>
                        <td class="p-2">{deployment.framework}</td>
                        <td class="p-2">{deployment.provider}</td>
                        <td class="p-2">{deployment.type === 'VM' ? 'VM' : 'LXC container'}</td>
                        <td class="p-2">
                          <DeploymentStatusBadge status={deployment.status} />
                        </td>
                        <td class="p-2">{deployment.step ?? '—'}</td>
                        <td class="p-2">
                          <time dateTime={deployment.createdAt}>{new Date(deployment.createdAt).toLocaleString()}</time>
                        </td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              )}
              <Pager label="Deployment pages" pages={pages} pageInfo={page.pageInfo} />
            </>
          )}
        </LoadedView>
      </div>
    </section>
  )
}
