import { useEffect, useState } from 'preact/hooks'
import { DeploymentReleases, RedeployDeployment, RollbackDeployment } from '../documents.js'
import type { DeploymentStatus } from '../gql/graphql.js'
import { request } from '../graphql-request.js'
import { useNotify } from '../toasts.js'

type Release = {
  number: number
  ref?: string | null
  commitSha?: string | null
  status: string
  error?: string | null
  kept: boolean
  createdAt: string
  activatedAt?: string | null
}

const button = 'rounded-md px-3 py-1.5 text-sm font-medium disabled:cursor-not-allowed disabled:opacity-50'
const when = (value: string | null | undefined) =>
  value ? <time dateTime={value}>{new Date(value).toLocaleString()}</time> : '—'
const look: Record<string, string> = {
  ACTIVE: 'bg-green-100 text-green-900',
  BUILDING: 'bg-blue-100 text-blue-900',
  FAILED: 'bg-red-100 text-red-900',
  SUPERSEDED: 'bg-slate-200 text-slate-800',
}

/**
 * A deployment's releases, newest first: which one serves, which failed and why, which are kept
 * on the guest. An operator redeploys (a branch, a tag or a commit) and rolls back to a kept one.
 * `refreshKey` changes whenever the deployment's state does, so the list follows a release live.
 */
export function ReleasesPanel({
  id,
  editable,
  atRest,
  refreshKey,
  onStarted,
}: {
  id: string
  editable: boolean
  atRest: boolean
  refreshKey: unknown
  onStarted: (deployment: { status: DeploymentStatus; step?: string | null }) => void
}) {
  const notify = useNotify()
  const [releases, setReleases] = useState<Release[]>()
  const [ref, setRef] = useState('')
  const [busy, setBusy] = useState(false)

  useEffect(() => {
    let current = true
    request(DeploymentReleases, { id })
      .then((answer) => current && setReleases(answer.deployment?.releases ?? []))
      .catch(() => current && setReleases([]))
    return () => {
      current = false
    }
  }, [id, refreshKey])

  const act = async (what: () => Promise<{ status: DeploymentStatus; step?: string | null }>, started: string) => {
    setBusy(true)
    try {
      onStarted(await what())
      notify('info', started)
    } catch (error) {
      notify('error', (error as Error).message)
    } finally {
      setBusy(false)
    }
  }

  return (
    <div>
      {editable && (
        <form
          class="mb-3 flex flex-wrap items-end gap-3"
          aria-label="Redeploy"
          onSubmit={(event) => {
            event.preventDefault()
            void act(
              async () => (await request(RedeployDeployment, { id, ref: ref.trim() || undefined })).redeployDeployment,
              `A new release of ${ref.trim() || 'the tracked branch'} is being built.`,
            )
          }}
        >
          <label class="flex flex-col text-sm">
            Branch, tag or commit (default: the tracked branch)
            <input
              class="rounded-md border border-slate-400 px-2 py-1 font-mono text-sm"
              name="ref"
              value={ref}
              onInput={(event) => setRef((event.target as HTMLInputElement).value)}
            />
          </label>
          <button type="submit" class={`${button} bg-blue-700 text-white`} disabled={busy || !atRest}>
            Redeploy
          </button>
        </form>
      )}
      {releases === undefined ? (
        <p class="text-sm text-slate-700">Loading…</p>
      ) : releases.length === 0 ? (
        <p class="text-sm text-slate-700">No release yet.</p>
      ) : (
        <table
          aria-label="Releases"
          class="w-full overflow-hidden rounded-lg border border-slate-200 bg-white text-left text-sm"
        >
          <thead class="bg-slate-50 text-slate-700">
            <tr>
              <th scope="col" class="px-3 py-2">
                Release
              </th>
              <th scope="col" class="px-3 py-2">
                Status
              </th>
              <th scope="col" class="px-3 py-2">
                Ref
              </th>
              <th scope="col" class="px-3 py-2">
                Commit
              </th>
              <th scope="col" class="px-3 py-2">
                Created
              </th>
              <th scope="col" class="px-3 py-2">
                Serving since
              </th>
              {editable && (
                <th scope="col" class="px-3 py-2">
                  <span class="sr-only">Roll back</span>
                </th>
              )}
            </tr>
          </thead>
          <tbody>
            {releases.map((release) => (
              <tr
                key={release.number}
                data-release={release.number}
                data-release-status={release.status}
                class="border-t border-slate-200 align-top"
              >
                <td class="px-3 py-2 font-semibold">{release.number}</td>
                <td class="px-3 py-2">
                  <span class={`rounded px-1.5 py-0.5 text-xs font-semibold ${look[release.status] ?? ''}`}>
                    {release.status.toLowerCase()}
                  </span>
                  {release.error && <p class="mt-1 text-xs text-red-900">{release.error}</p>}
                </td>
                <td class="px-3 py-2 font-mono break-all">{release.ref ?? '—'}</td>
                <td class="px-3 py-2 font-mono" title={release.commitSha ?? undefined}>
                  {release.commitSha?.slice(0, 7) ?? '—'}
                </td>
                <td class="px-3 py-2">{when(release.createdAt)}</td>
                <td class="px-3 py-2">{release.status === 'ACTIVE' ? when(release.activatedAt) : '—'}</td>
                {editable && (
                  <td class="px-3 py-2 text-right">
                    {release.status === 'SUPERSEDED' && release.kept && (
                      <button
                        type="button"
                        class={`${button} border border-slate-500 text-slate-900`}
                        disabled={busy || !atRest}
                        aria-label={`Roll back to release ${release.number}`}
                        onClick={() =>
                          void act(
                            async () =>
                              (await request(RollbackDeployment, { id, release: release.number })).rollbackDeployment,
                            `Rolling back to release ${release.number}.`,
                          )
                        }
                      >
                        Roll back
                      </button>
                    )}
                  </td>
                )}
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </div>
  )
}
