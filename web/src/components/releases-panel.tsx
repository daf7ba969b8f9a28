import { useState } from 'preact/hooks'
import { DeploymentReleases, RedeployDeployment, RollbackDeployment } from '../documents.js'
import { request } from '../graphql-request.js'
import { useNotify } from '../toasts.js'
import { buttonClass } from './button-class.js'
import type { DeploymentPanelProps, StartedDeployment } from './deployment-panel.js'
import { useLoaded } from '../use-loaded.js'
import { LoadedView } from './loaded-view.js'
import { PanelTable } from './panel-table.js'

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
}: DeploymentPanelProps & {
  /** No work is under way on the deployment: a redeploy or a roll back may start. */
  atRest: boolean
}) {
  const notify = useNotify()
  const [ref, setRef] = useState('')
  const [busy, setBusy] = useState(false)

  // A list that cannot be read shows as empty: the deployment's page says what went wrong.
  const releases = useLoaded<Release[]>(
    () =>
      request(DeploymentReleases, { id })
        .then((answer) => answer.deployment?.releases ?? [])
        .catch(() => []),
    [id, refreshKey],
  ).value

  const act = async (what: () => Promise<StartedDeployment>, started: string) => {
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
          <button type="submit" class={`${buttonClass} bg-blue-700 text-white`} disabled={busy || !atRest}>
            Redeploy
          </button>
        </form>
      )}
      <LoadedView value={releases} empty="No release yet.">
        {(releases) => (
          <PanelTable
            label="Releases"
            titles={['Release', 'Status', 'Ref', 'Commit', 'Created', 'Serving since']}
            actionsTitle={editable ? 'Roll back' : undefined}
          >
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
                        class={`${buttonClass} border border-slate-500 text-slate-900`}
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
          </PanelTable>
        )}
      </LoadedView>
    </div>
  )
}
