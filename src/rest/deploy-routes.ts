import type { ResultOf } from '@graphql-typed-document-node/core'
import { z } from 'zod'
import { graphql } from '../gql/index.js'
import type { RestListDeploymentsQuery } from '../gql/graphql.js'
import { deploymentIdOf } from './deployment-id.js'
import { RestError } from './http-io.js'
import { runGraphql, type GatewayYoga, type ShimAnswer } from './run-graphql.js'

/** What every deployment answer of the shim carries (the seed's fields and Hangar's). */
const DeploymentFields = graphql(`
  fragment RestDeploymentFields on Deployment {
    id
    name
    type
    framework
    githubUrl
    branch
    status
    step
    error
    createdAt
    deployedAt
    provider
    resources {
      cpu
      memory
      disk
    }
    host {
      id
      node
      ip
    }
    privateRepo
    deployKey
    commitSha
    releases {
      number
      ref
      commitSha
      status
      createdAt
      activatedAt
    }
  }
`)

const CreateDeployment = graphql(`
  mutation RestCreateDeployment($input: CreateDeploymentInput!) {
    createDeployment(input: $input) {
      ...RestDeploymentFields
    }
  }
`)
const ListDeployments = graphql(`
  query RestListDeployments($after: String) {
    deployments(first: 100, after: $after) {
      totalCount
      pageInfo {
        hasNextPage
        endCursor
      }
      nodes {
        ...RestDeploymentFields
      }
    }
  }
`)
const GetDeployment = graphql(`
  query RestGetDeployment($id: ID!) {
    deployment(id: $id) {
      ...RestDeploymentFields
    }
  }
`)
const DeploymentLogs = graphql(`
  query RestDeploymentLogs($id: ID!, $after: Int) {
    deployment(id: $id) {
      id
      logs(after: $after, limit: 10000) {
        seq
        stream
        line
      }
    }
  }
`)
const DeleteDeployment = graphql(`
  mutation RestDeleteDeployment($id: ID!) { deleteDeployment(id: $id) { id status } }
`)
const RestartDeployment = graphql(`
  mutation RestRestartDeployment($id: ID!) { restartDeployment(id: $id) { id status } }
`)
const Status = graphql(`
  query RestStatus {
    systemStatus {
      status
      providers {
        name
        plugin
        connected
      }
      deployments {
        total
        running
        failed
        pending
      }
    }
  }
`)
const Frameworks = graphql(`
  query RestFrameworks { frameworks { id name version language } }
`)
const ProviderHosts = graphql(`
  query RestProviderHosts {
    providers {
      name
      resources {
        provider
        name
        status
        cpu {
          cores
          usage
        }
        memory {
          total
          used
          free
        }
        vms {
          total
          running
        }
        containers {
          total
          running
        }
      }
    }
  }
`)

/** A deployment as the shim's operations answer it. */
type RestDeployment = ResultOf<typeof DeploymentFields>

/** A field's message: `required` when it is missing, else what it must be. */
const expected =
  (field: string, what: string, required = false) =>
  (issue: { input: unknown }) =>
    required && issue.input === undefined ? `${field}: required` : `${field}: must be ${what}`

const wholeNumber = (field: string) =>
  z
    .number({ error: expected(field, 'a number') })
    .int(`${field}: must be a whole number`)
    .max(2_147_483_647, `${field}: must be at most 2147483647`)
    .optional()

/** The seed's request body; `branch`, `provider` and `private_repo` are Hangar's additions. */
export const deployBodySchema = z
  .object({
    type: z.enum(['vm', 'lxc'], { error: 'type: must be "vm" or "lxc"' }),
    framework: z
      .string({
        error: (issue) =>
          issue.input === undefined
            ? 'framework: required (see GET /api/frameworks)'
            : 'framework: must be a string (see GET /api/frameworks)',
      })
      .min(1, 'framework: required (see GET /api/frameworks)'),
    github_url: z.string({ error: expected('github_url', 'a string', true) }).min(1, 'github_url: required'),
    branch: z.string({ error: expected('branch', 'a string') }).optional(),
    name: z.string({ error: expected('name', 'a string') }).optional(),
    cpu: wholeNumber('cpu'),
    memory: wholeNumber('memory'),
    disk: wholeNumber('disk'),
    provider: z.string({ error: expected('provider', 'a string') }).optional(),
    private_repo: z.boolean({ error: expected('private_repo', 'true or false') }).optional(),
  })
  .strict()

/** A deployment in the seed's snake_case shape; `proxmox` holds the guest's `{id, node, ip}`. */
function seedDeployment(deployment: RestDeployment, full: boolean) {
  const base = {
    id: Number(deployment.id),
    name: deployment.name,
    type: deployment.type.toLowerCase(),
    framework: deployment.framework,
    ...(full
      ? { github_url: deployment.githubUrl, branch: deployment.branch ?? null, resources: deployment.resources }
      : {}),
    status: deployment.status.toLowerCase(),
    proxmox: deployment.host
      ? {
          id: deployment.host.id ? Number(deployment.host.id) : null,
          node: deployment.host.node ?? null,
          ip: deployment.host.ip ?? null,
        }
      : null,
    created_at: deployment.createdAt,
    ...(full
      ? {
          deployed_at: deployment.deployedAt ?? null,
          step: deployment.step ?? null,
          error: deployment.error ?? null,
          provider: deployment.provider,
        }
      : {}),
    // Hangar's additions, after the seed's fields.
    commit_sha: deployment.commitSha ?? null,
    releases: deployment.releases.map((release) => ({
      number: release.number,
      ref: release.ref ?? null,
      commit_sha: release.commitSha ?? null,
      status: release.status.toLowerCase(),
      created_at: release.createdAt,
      activated_at: release.activatedAt ?? null,
    })),
    ...(deployment.privateRepo ? { private_repo: true, deploy_key: deployment.deployKey ?? null } : {}),
  }
  return base
}

const expect200 = <T>(answer: ShimAnswer<T>): T => {
  if (answer.error) throw new RestError(answer.status, answer.error.message)
  return answer.data as T
}

/**
 * `GET /api/resources`: the seed's shape for the first host, and every host in `nodes`. Every
 * provider's hosts come in one request (`providers { resources }`), so one that does not answer
 * hides no other's: it is named in `unavailable_providers`, and the request is refused, with its
 * error, only when no provider answers.
 */
async function hostsAnswer(yoga: GatewayYoga, authorization: string | undefined) {
  const answer = await runGraphql(yoga, authorization, ProviderHosts, {})
  const providers = answer.data?.providers ?? []
  if (answer.error && providers.every((provider) => !provider.resources)) expect200(answer)
  const nodes = providers.flatMap(({ resources }) =>
    (resources ?? []).map((node) => ({
      provider: node.provider,
      node: { name: node.name, status: node.status, cpu: node.cpu, memory: node.memory },
      vms: node.vms,
      containers: node.containers,
    })),
  )
  if (nodes.length === 0) throw new RestError(503, 'resources: no provider reports any host')
  const unavailable = providers.filter((provider) => !provider.resources).map(({ name }) => name)
  // The seed's shape for the first host, and every host beside it.
  return { ...nodes[0]!, nodes, unavailable_providers: unavailable }
}

/** The deploy API seed's endpoints, answering in its exact shapes. */
export async function handleDeployRoute(
  yoga: GatewayYoga,
  authorization: string | undefined,
  method: string,
  path: string,
  body: () => Promise<Record<string, unknown>>,
): Promise<{ status: number; body: unknown } | undefined> {
  if (method === 'POST' && path === '/api/deploy') {
    const parsed = deployBodySchema.safeParse(await body())
    if (!parsed.success) {
      const issue = parsed.error.issues[0]!
      throw new RestError(
        400,
        issue.code === 'unrecognized_keys' ? `${issue.keys.join(', ')}: not a field of a deployment` : issue.message,
      )
    }
    const input = parsed.data
    const answer = await runGraphql(yoga, authorization, CreateDeployment, {
      input: {
        type: input.type === 'vm' ? 'VM' : 'LXC',
        framework: input.framework,
        githubUrl: input.github_url,
        branch: input.branch,
        name: input.name,
        cpu: input.cpu,
        memory: input.memory,
        disk: input.disk,
        provider: input.provider,
        privateRepo: input.private_repo,
      },
    })
    // GraphQL names the field as `input.githubUrl`; the seed's callers know it as `github_url`.
    if (answer.error)
      throw new RestError(
        answer.status,
        answer.error.message.replace(/^input\.(\w+)/, (_, field: string) =>
          field.replace(/[A-Z]/g, (letter) => `_${letter.toLowerCase()}`),
        ),
      )
    const created = answer.data!.createDeployment as RestDeployment
    return { status: 202, body: { message: 'Déploiement démarré', deployment: seedDeployment(created, true) } }
  }
  if (method === 'GET' && path === '/api/deployments') {
    const deployments: RestDeployment[] = []
    let after: string | null = null
    for (;;) {
      const page: RestListDeploymentsQuery['deployments'] = expect200(
        await runGraphql(yoga, authorization, ListDeployments, { after }),
      ).deployments
      deployments.push(...(page.nodes as RestDeployment[]))
      if (!page.pageInfo.hasNextPage) break
      after = page.pageInfo.endCursor ?? null
    }
    return {
      status: 200,
      body: {
        deployments: deployments.map((deployment) => seedDeployment(deployment, false)),
        total: deployments.length,
      },
    }
  }
  const match = /^\/api\/deployments\/([^/]+)(\/logs|\/restart)?$/.exec(path)
  if (!match) {
    if (method === 'GET' && path === '/api/status') {
      const status = expect200(await runGraphql(yoga, authorization, Status, {})).systemStatus
      const proxmox = status.providers.filter((provider) => provider.plugin === 'proxmox')
      return {
        status: 200,
        body: {
          system: {
            status: status.status,
            proxmox_connected: proxmox.length > 0 && proxmox.every((provider) => provider.connected),
            providers: Object.fromEntries(
              status.providers.map((provider) => [
                provider.name,
                { plugin: provider.plugin, connected: provider.connected },
              ]),
            ),
          },
          deployments: status.deployments,
        },
      }
    }
    if (method === 'GET' && path === '/api/frameworks') {
      const grouped: Record<string, { id: string; name: string; version: string }[]> = {}
      for (const framework of expect200(await runGraphql(yoga, authorization, Frameworks, {})).frameworks) {
        ;(grouped[framework.language] ??= []).push({
          id: framework.id,
          name: framework.name,
          version: framework.version,
        })
      }
      return { status: 200, body: grouped }
    }
    if (method === 'GET' && path === '/api/resources')
      return { status: 200, body: await hostsAnswer(yoga, authorization) }
    return undefined
  }
  const id = deploymentIdOf(match[1]!)
  const suffix = match[2]
  if (method === 'GET' && !suffix) {
    const deployment = expect200(await runGraphql(yoga, authorization, GetDeployment, { id })).deployment
    if (!deployment) throw new RestError(404, `id: no deployment ${id}`)
    return { status: 200, body: seedDeployment(deployment as RestDeployment, true) }
  }
  if (method === 'DELETE' && !suffix) {
    expect200(await runGraphql(yoga, authorization, DeleteDeployment, { id }))
    return { status: 200, body: { message: 'Déploiement supprimé', deployment_id: Number(id) } }
  }
  if (method === 'GET' && suffix === '/logs') {
    const deployment = expect200(await runGraphql(yoga, authorization, DeploymentLogs, { id, after: 0 })).deployment
    if (!deployment) throw new RestError(404, `id: no deployment ${id}`)
    const lines = (stream: (name: string) => boolean) =>
      deployment.logs
        .filter((line) => stream(line.stream))
        .map((line) => line.line)
        .join('\n')
    // The seed's Terraform output is Hangar's provisioning log; its deployment log is the rest.
    return {
      status: 200,
      body: {
        deployment_id: Number(id),
        terraform_output: lines((name) => name === 'PROVISION'),
        deployment_log: lines((name) => name !== 'PROVISION'),
      },
    }
  }
  if (method === 'POST' && suffix === '/restart') {
    expect200(await runGraphql(yoga, authorization, RestartDeployment, { id }))
    return { status: 200, body: { message: 'Déploiement redémarré', deployment_id: Number(id) } }
  }
  return undefined
}
