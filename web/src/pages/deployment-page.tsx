import { useEffect, useRef, useState } from 'preact/hooks'
import { useCan } from '../caller.js'
import { ActionGroup } from '../components/action-group.js'
import { buttonClass } from '../components/button-class.js'
import { DeploymentStatusBadge } from '../components/deployment-status-badge.js'
import { LogView } from '../components/log-view.js'
import { PageHeading } from '../components/page-heading.js'
import { LoadedView } from '../components/loaded-view.js'
import { StepList } from '../components/step-list.js'
import { ConfirmDialog } from '../components/confirm-dialog.js'
import {
  CancelDeployment,
  DeleteDeployment,
  DeploymentProperties,
  FrameworkStages,
  RestartDeployment,
} from '../documents.js'
import {
  followDeploymentLogs,
  followDeploymentStatus,
  isAtRest,
  type Connection,
  type Follower,
  type FollowedDeployment,
  type LogLine,
} from '../follow-deployment.js'
import { failureOf, type LoadFailure, request } from '../graphql-request.js'
import { useNotify } from '../toasts.js'
import { ReleasesPanel } from '../components/releases-panel.js'
import { VariablesPanel } from '../components/variables-panel.js'

type DeploymentAction = 'restart' | 'cancel' | 'delete'

/** What an action is called in a message: before, while, and once its work is done. */
const WORDS: Record<DeploymentAction, { verb: string; started: string }> = {
  restart: { verb: 'restart', started: 'restarting' },
  cancel: { verb: 'cancel', started: 'cancelling' },
  delete: { verb: 'delete', started: 'deleting' },
}

const when = (value: string | null | undefined) =>
  value ? <time dateTime={value}>{new Date(value).toLocaleString()}</time> : '—'

/**
 * One deployment: its status and step as they change (the `deploymentStatus` subscription), its
 * properties, its log as it is written (`deploymentLogs`, resumed after a dropped connection from
 * the last line seen), and the actions the caller's role may take.
 */
export function DeploymentPage({ id }: { id: string }) {
  const can = useCan()
  const notify = useNotify()
  const [deployment, setDeployment] = useState<FollowedDeployment>()
  const [failure, setFailure] = useState<LoadFailure>()
  const [stages, setStages] = useState<Record<string, string[]>>({})
  const [lines, setLines] = useState<LogLine[]>([])
  const [logConnection, setLogConnection] = useState<Connection>('connecting')
  const [logRefusal, setLogRefusal] = useState<string>()
  const [statusConnection, setStatusConnection] = useState<Connection>('connecting')
  const [busy, setBusy] = useState<DeploymentAction>()
  const [deleting, setDeleting] = useState(false)
  const followers = useRef<{ status?: Follower; logs?: Follower }>({})
  // An action whose outcome comes later, as the status it ends in.
  const awaiting = useRef<DeploymentAction | undefined>(undefined)

  useEffect(() => {
    let current = true
    request(DeploymentProperties, { id })
      .then((answer) => {
        if (!current) return
        if (!answer.deployment) return setFailure({ message: `there is no deployment ${id}`, code: 'NOT_FOUND' })
        setDeployment((known) => known ?? answer.deployment!)
        followers.current.status = followDeploymentStatus(
          id,
          (change) => current && setDeployment(change),
          setStatusConnection,
        )
        followers.current.logs = followDeploymentLogs(
          id,
          (added) => current && setLines((all) => [...all, ...added]),
          (state, message) => {
            setLogConnection(state)
            setLogRefusal(message)
          },
        )
      })
      .catch((error: unknown) => current && setFailure(failureOf(error)))
    request(FrameworkStages, {})
      .then(
        (answer) =>
          current &&
          setStages(Object.fromEntries(answer.frameworks.map((framework) => [framework.id, framework.stages]))),
      )
      .catch(() => {})
    return () => {
      current = false
      followers.current.status?.stop()
      followers.current.logs?.stop()
      followers.current = {}
    }
  }, [id])

  const status = deployment?.status
  const atRest = deployment ? isAtRest(deployment) : undefined
  const previous = useRef(atRest)
  // A deployment woken up by an action (a restart, a release, a rollback) is followed again; when it rests, the
  // action's outcome is told.
  useEffect(() => {
    const was = previous.current
    previous.current = atRest
    if (atRest === undefined || !deployment) return
    if (!atRest) {
      if (was) {
        followers.current.status?.resume()
        followers.current.logs?.resume()
      }
      return
    }
    const action = awaiting.current
    if (!action) return
    awaiting.current = undefined
    if (action === 'restart') {
      if (status === 'RUNNING') notify('success', `${deployment.name} restarted and answers its health check.`)
      else
        notify(
          'error',
          `Restart of ${deployment.name} ended ${status!.toLowerCase()}: ${deployment.error ?? 'no reason given'}`,
        )
    }
  }, [atRest])

  const act = async (action: DeploymentAction) => {
    if (!deployment) return
    const words = WORDS[action]
    setBusy(action)
    try {
      if (action === 'restart') {
        const { restartDeployment } = await request(RestartDeployment, { id })
        awaiting.current = 'restart'
        setDeployment(
          (known) => known && { ...known, status: restartDeployment.status, step: restartDeployment.step, error: null },
        )
        notify('info', `${deployment.name} is restarting.`)
      } else if (action === 'cancel') {
        const { cancelDeployment } = await request(CancelDeployment, { id })
        setDeployment((known) => known && { ...known, status: cancelDeployment.status, error: cancelDeployment.error })
        notify('success', `${deployment.name} cancelled.`)
      } else {
        const { deleteDeployment } = await request(DeleteDeployment, { id })
        setDeployment((known) => known && { ...known, status: deleteDeployment.status, step: null })
        notify('success', `${deployment.name} deleted: its guest is destroyed.`)
      }
    } catch (error) {
      notify('error', `Could not ${words.verb} ${deployment.name}: ${(error as Error).message}`)
    } finally {
      setBusy(undefined)
    }
  }

  const reconnecting = logConnection === 'reconnecting' || statusConnection === 'reconnecting'
  return (
    <section aria-labelledby="deployment-title">
      <PageHeading id="deployment-title" back={{ href: '/deployments', label: 'All deployments' }}>
        {deployment?.name ?? `Deployment ${id}`}
        {deployment && <DeploymentStatusBadge status={deployment.status} />}
      </PageHeading>
      {reconnecting && (
        <p role="alert" class="mt-3 rounded-md border border-amber-300 bg-amber-50 p-3 text-sm text-amber-950">
          Connection lost, reconnecting… The status and log carry on from where they were once it is back.
        </p>
      )}
      <div class="mt-4">
        <LoadedView value={deployment} failure={failure}>
          {(deployment) => (
            <>
              <ActionGroup working={busy && `${WORDS[busy].started}…`}>
                {can('restartDeployment') && (
                  <button
                    type="button"
                    class={`${buttonClass} bg-blue-700 text-white`}
                    disabled={
                      busy !== undefined ||
                      !isAtRest(deployment) ||
                      !['RUNNING', 'STOPPED', 'FAILED'].includes(deployment.status)
                    }
                    onClick={() => void act('restart')}
                  >
                    Restart
                  </button>
                )}
                {can('cancelDeployment') &&
                  (deployment.status === 'PENDING' ||
                    deployment.status === 'CREATING' ||
                    (deployment.status === 'RUNNING' && deployment.step)) && (
                    <button
                      type="button"
                      class={`${buttonClass} bg-slate-700 text-white`}
                      disabled={busy !== undefined}
                      onClick={() => void act('cancel')}
                    >
                      Cancel deployment
                    </button>
                  )}
                {can('deleteDeployment') && deployment.status !== 'DELETED' && (
                  <button
                    type="button"
                    class={`${buttonClass} border border-red-700 text-red-800`}
                    disabled={busy !== undefined}
                    onClick={() => setDeleting(true)}
                  >
                    Delete
                  </button>
                )}
              </ActionGroup>

              <h2 class="mt-6 mb-2 text-lg font-semibold">Progress</h2>
              <StepList stages={stages[deployment.framework] ?? []} step={deployment.step} status={deployment.status} />
              {deployment.error && (
                <p
                  class="mt-3 rounded-md border border-red-300 bg-red-50 p-3 text-sm text-red-900"
                  data-testid="deployment-error"
                >
                  <span class="font-semibold">Error: </span>
                  {deployment.error}
                </p>
              )}

              <h2 class="mt-6 mb-2 text-lg font-semibold">Details</h2>
              <dl
                aria-label="Deployment"
                class={
                  'grid grid-cols-1 gap-x-6 gap-y-2 rounded-lg border border-slate-200 ' +
                  'bg-white p-4 text-sm sm:grid-cols-[minmax(8rem,auto)_1fr]'
                }
              >
                <dt class="font-medium text-slate-600">Status</dt>
                <dd data-field="status">{deployment.status.toLowerCase()}</dd>
                <dt class="font-medium text-slate-600">Step</dt>
                <dd data-field="step">{deployment.step ?? '—'}</dd>
                <dt class="font-medium text-slate-600">Host</dt>
                <dd data-field="host">
                  {deployment.host
                    ? `guest ${deployment.host.id ?? '?'} ` +
                      `on ${deployment.host.node ?? '?'}, ${deployment.host.ip ?? 'no IP yet'}`
                    : 'none yet'}
                </dd>
                <dt class="font-medium text-slate-600">Error</dt>
                <dd>{deployment.error ?? '—'}</dd>
                <dt class="font-medium text-slate-600">GitHub</dt>
                <dd class="break-all">
                  <a href={deployment.githubUrl} class="text-blue-800 underline" rel="noreferrer">
                    {deployment.githubUrl}
                  </a>{' '}
                  ({deployment.branch ?? 'main'})
                </dd>
                <dt class="font-medium text-slate-600">Commit</dt>
                <dd class="font-mono" data-field="commit">
                  {deployment.commitSha ?? '—'}
                </dd>
                {deployment.deployKey && (
                  <>
                    <dt class="font-medium text-slate-600">Deploy key</dt>
                    <dd>
                      <code class="block break-all rounded bg-slate-100 p-2 text-xs" data-field="deploy-key">
                        {deployment.deployKey}
                      </code>
                      <span class="text-xs text-slate-700">
                        Add it to the repository on GitHub: Settings → Deploy keys (read access).
                      </span>
                    </dd>
                  </>
                )}
                <dt class="font-medium text-slate-600">Framework</dt>
                <dd>{deployment.framework}</dd>
                <dt class="font-medium text-slate-600">Provider</dt>
                <dd>
                  {deployment.provider}, {deployment.type === 'VM' ? 'VM' : 'LXC container'}
                </dd>
                <dt class="font-medium text-slate-600">Resources</dt>
                <dd>
                  {deployment.resources.cpu} CPU · {deployment.resources.memory} MB RAM · {deployment.resources.disk} GB
                  disk
                </dd>
                <dt class="font-medium text-slate-600">Created</dt>
                <dd>{when(deployment.createdAt)}</dd>
                <dt class="font-medium text-slate-600">Deployed</dt>
                <dd>{when(deployment.deployedAt)}</dd>
              </dl>

              <h2 class="mt-6 mb-2 text-lg font-semibold">Releases</h2>
              <ReleasesPanel
                id={id}
                editable={can('redeployDeployment') && deployment.status !== 'DELETED'}
                atRest={isAtRest(deployment)}
                refreshKey={`${deployment.status}:${deployment.step}:${deployment.commitSha}`}
                onStarted={(started) => setDeployment((known) => known && { ...known, ...started })}
              />

              <h2 class="mt-6 mb-2 text-lg font-semibold">Variables</h2>
              <VariablesPanel
                id={id}
                editable={can('setDeploymentVariables') && deployment.status !== 'DELETED'}
                refreshKey={`${deployment.status}:${deployment.step}`}
                onStarted={(started) => setDeployment((known) => known && { ...known, ...started })}
              />

              <h2 class="mt-6 mb-2 text-lg font-semibold">Log</h2>
              <LogView lines={lines} connection={logConnection} refusal={logRefusal} />
            </>
          )}
        </LoadedView>
      </div>
      {deleting && deployment && (
        <ConfirmDialog
          title={`Delete ${deployment.name}?`}
          confirmLabel="Delete"
          typed={{ label: 'Deployment name', value: deployment.name }}
          onConfirm={() => {
            setDeleting(false)
            void act('delete')
          }}
          onClose={() => setDeleting(false)}
        >
          {"This destroys the deployment's guest and everything on it; the record stays, marked deleted. " +
            'Type its name, '}
          <strong class="font-mono">{deployment.name}</strong>, to confirm.
        </ConfirmDialog>
      )}
    </section>
  )
}
