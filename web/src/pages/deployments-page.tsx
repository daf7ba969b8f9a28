import { useEffect, useState } from 'preact/hooks'
import { PropertyList } from '../components/property-list.js'
import { LoadError } from '../components/sign-in-notice.js'
import { DeploymentProperties, DeploymentRows } from '../documents.js'
import type { DashboardDeploymentQuery, DashboardDeploymentsQuery } from '../gql/graphql.js'
import { GraphQLRequestError, request } from '../graphql-request.js'
import { Link } from '../router.js'

type Failure = { message: string; code?: string }
const failureOf = (error: unknown): Failure => ({ message: (error as Error).message, code: error instanceof GraphQLRequestError ? error.code : undefined })

/** The deployments, newest first, with status and step. */
export function DeploymentsPage() {
  const [deployments, setDeployments] = useState<DashboardDeploymentsQuery['deployments']>()
  const [failure, setFailure] = useState<Failure>()
  useEffect(() => {
    request(DeploymentRows, {})
      .then((answer) => setDeployments(answer.deployments))
      .catch((error: unknown) => setFailure(failureOf(error)))
  }, [])
  return (
    <section aria-labelledby="deployments-title">
      <h1 id="deployments-title" class="text-2xl font-bold">
        Deployments
      </h1>
      <div class="mt-4">
        {failure ? (
          <LoadError error={failure} />
        ) : !deployments ? (
          <p class="text-sm text-slate-700">Loading…</p>
        ) : deployments.nodes.length === 0 ? (
          <p class="text-sm text-slate-700">No deployment yet.</p>
        ) : (
          <table class="w-full border-collapse rounded-lg bg-white text-left text-sm">
            <caption class="sr-only">Deployments, newest first</caption>
            <thead>
              <tr class="border-b border-slate-300">
                {['Name', 'Framework', 'Provider', 'Status', 'Step', 'Created'].map((title) => (
                  <th key={title} scope="col" class="p-2 font-semibold">
                    {title}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {deployments.nodes.map((deployment) => (
                <tr key={deployment.id} class="border-b border-slate-200">
                  <td class="p-2">
                    <Link href={`/deployments/${encodeURIComponent(deployment.id)}`} class="text-blue-800 underline">
                      {deployment.name}
                    </Link>
                  </td>
                  <td class="p-2">{deployment.framework}</td>
                  <td class="p-2">{deployment.provider}</td>
                  <td class="p-2">{deployment.status.toLowerCase()}</td>
                  <td class="p-2">{deployment.step ?? '—'}</td>
                  <td class="p-2">{new Date(deployment.createdAt).toLocaleString()}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </div>
    </section>
  )
}

/** One deployment's properties. */
export function DeploymentPage({ id }: { id: string }) {
  const [deployment, setDeployment] = useState<DashboardDeploymentQuery['deployment']>()
  const [failure, setFailure] = useState<Failure>()
  useEffect(() => {
    request(DeploymentProperties, { id })
      .then((answer) => (answer.deployment ? setDeployment(answer.deployment) : setFailure({ message: `there is no deployment ${id}`, code: 'NOT_FOUND' })))
      .catch((error: unknown) => setFailure(failureOf(error)))
  }, [id])
  return (
    <section aria-labelledby="deployment-title">
      <Link href="/deployments" class="text-sm text-blue-800 underline">
        ← All deployments
      </Link>
      <h1 id="deployment-title" class="mt-2 text-2xl font-bold">
        {deployment?.name ?? `Deployment ${id}`}
      </h1>
      <div class="mt-4">
        {failure ? <LoadError error={failure} /> : !deployment ? <p class="text-sm text-slate-700">Loading…</p> : <PropertyList label="Deployment" properties={{ ...deployment, host: deployment.host ? `${deployment.host.id} on ${deployment.host.node ?? '?'} (${deployment.host.ip ?? 'no IP'})` : null }} />}
      </div>
    </section>
  )
}
