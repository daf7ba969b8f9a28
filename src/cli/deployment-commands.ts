import { setTimeout as sleep } from 'node:timers/promises'
import { print } from 'graphql'
import { createClient } from 'graphql-ws'
import WebSocket from 'ws'
import { graphql } from '../gql/index.js'
import type { CliDeploymentsQuery } from '../gql/graphql.js'
import { EXIT } from './exit-codes.js'
import { onInterrupt } from './exit-on-signal.js'
import { CliError, cliErrorOf, request, subscriptionRefusalOf, type GatewayTarget } from './gateway-client.js'
import { Frameworks } from './info-commands.js'
import { colourStatus, dim, printJson, printList, progress } from './output.js'

const CreateDeployment = graphql(`
  mutation CliCreateDeployment($input: CreateDeploymentInput!) {
    createDeployment(input: $input) { id name status provider githubUrl deployKey }
  }
`)
const Deployments = graphql(`
  query CliDeployments($after: String, $status: DeploymentStatus) {
    deployments(first: 100, after: $after, status: $status) {
      pageInfo { hasNextPage endCursor }
      nodes { id name type framework status step error createdAt deployedAt host { id node ip } }
    }
  }
`)
const DeploymentState = graphql(`
  query CliDeploymentState($id: ID!) {
    deployment(id: $id) { id name status step error deployedAt host { id node ip } }
  }
`)
const DeploymentLogs = graphql(`
  query CliDeploymentLogs($id: ID!, $after: Int) {
    deployment(id: $id) { id logs(after: $after, limit: 10000) { seq stream line } }
  }
`)
const Restart = graphql(`mutation CliRestart($id: ID!) { restartDeployment(id: $id) { id status } }`)
const Delete = graphql(`mutation CliDelete($id: ID!) { deleteDeployment(id: $id) { id status } }`)
const WatchLogs = graphql(`
  subscription CliWatchLogs($id: ID!, $after: Int) { deploymentLogBatches(id: $id, after: $after) { seq line } }
`)

const TERMINAL = new Set(['RUNNING', 'FAILED', 'STOPPED', 'DELETED'])

/**
 * Prints a deployment's lines after `after` as they come (many to an event, over
 * `deploymentLogBatches`), until it is terminal. A dropped connection is picked up again with the
 * last `seq` printed: no line is repeated or skipped. Resolves with that seq.
 */
export async function streamLogs(target: GatewayTarget, id: string, after: number): Promise<number> {
  let last = after
  for (let failures = 0; ; ) {
    const client = createClient({
      url: `${target.url.replace(/^http/, 'ws')}/graphql`,
      webSocketImpl: WebSocket,
      retryAttempts: 0,
      connectionParams: target.token ? { authorization: `Bearer ${target.token}` } : undefined,
    })
    try {
      for await (const event of client.iterate({ query: print(WatchLogs), variables: { id, after: last } })) {
        if (event.errors) throw cliErrorOf(event.errors[0]!)
        const batch = (event.data as { deploymentLogBatches: { seq: number; line: string }[] }).deploymentLogBatches
        // Lines at or below the last printed (sent again around a drop) are left out.
        const lines = batch.filter((line) => line.seq > last)
        if (lines.length === 0) continue
        last = lines.at(-1)!.seq
        failures = 0
        process.stdout.write(`${lines.map((line) => line.line).join('\n')}\n`)
      }
      return last
    } catch (error) {
      // A refusal (no such deployment, no token) is final; only a lost connection is retried.
      const refusal = subscriptionRefusalOf(error)
      if (refusal) throw refusal
      if (++failures > 10)
        throw new CliError(`lost the connection to ${target.url} and could not get it back`, EXIT.UNREACHABLE)
      await sleep(Math.min(5_000, 250 * 2 ** failures))
    } finally {
      await client.dispose()
    }
  }
}

/** The final state, exit code 0 when RUNNING. */
async function finish(target: GatewayTarget, id: string, json: boolean): Promise<number> {
  const { deployment } = await request(target, DeploymentState, { id })
  if (!deployment) throw new CliError(`no deployment ${id}`, EXIT.NOT_FOUND)
  if (json) printJson(deployment)
  else if (deployment.status === 'RUNNING')
    console.error(`deployment ${id} is ${colourStatus('RUNNING')} at ${deployment.host?.ip ?? '?'}`)
  else
    console.error(
      `deployment ${id} is ${colourStatus(deployment.status)}${deployment.error ? `: ${deployment.error}` : ''}`,
    )
  return deployment.status === 'RUNNING' ? 0 : EXIT.FAILED
}

export interface DeployOptions {
  type: string
  framework: string
  repo: string
  branch?: string
  name?: string
  cpu?: string
  memory?: string
  disk?: string
  provider?: string
  privateRepo?: boolean
  follow?: boolean
  json?: boolean
}

const integer = (value: string | undefined, flag: string): number | undefined => {
  if (value === undefined) return undefined
  if (!/^\d+$/.test(value)) throw new CliError(`--${flag} must be a whole number`, EXIT.USAGE)
  return Number(value)
}

/** The flag of each `createDeployment` input field, to name what the gateway refused. */
const DEPLOY_FLAGS: Record<string, string> = {
  'input.type': '--type',
  'input.framework': '--framework',
  'input.githubUrl': '--repo',
  'input.branch': '--branch',
  'input.name': '--name',
  'input.cpu': '--cpu',
  'input.memory': '--memory',
  'input.disk': '--disk',
  'input.provider': '--provider',
}

/**
 * A refused input in the words of the command line: the flag instead of the GraphQL field, and
 * for a framework the gateway does not know, the command that lists them (`hangar frameworks`).
 * The gateway's own message stays as it is for its other clients.
 */
async function explainRefusedInput(target: GatewayTarget, error: CliError, framework: string): Promise<CliError> {
  const field = error.refusal.field
  const flag = field ? DEPLOY_FLAGS[field] : undefined
  if (!field || !flag) return error
  if (field === 'input.framework') {
    const { frameworks } = await request(target, Frameworks, {}).catch(() => ({ frameworks: undefined }))
    if (frameworks && !frameworks.some((known) => known.id === framework)) {
      return new CliError(
        `${flag}: unknown framework "${framework}"; run \`hangar frameworks\` to see what can be deployed ` +
          `(${frameworks.map((known) => known.id).join(', ')})`,
        error.exitCode,
        error.refusal,
      )
    }
  }
  const message = error.message.startsWith(`${field}: `) ? error.message.slice(field.length + 2) : error.message
  return new CliError(`${flag}: ${message}`, error.exitCode, error.refusal)
}

export async function deployCommand(target: GatewayTarget, options: DeployOptions): Promise<number> {
  const type = options.type.toUpperCase()
  if (type !== 'VM' && type !== 'LXC') throw new CliError('--type must be vm or lxc', EXIT.USAGE)
  const create = () =>
    request(target, CreateDeployment, {
      input: {
        type,
        framework: options.framework,
        githubUrl: options.repo,
        branch: options.branch,
        name: options.name,
        cpu: integer(options.cpu, 'cpu'),
        memory: integer(options.memory, 'memory'),
        disk: integer(options.disk, 'disk'),
        provider: options.provider,
        privateRepo: options.privateRepo,
      },
    })
  const { createDeployment } = await create().catch(async (error: unknown) => {
    throw error instanceof CliError ? await explainRefusedInput(target, error, options.framework) : error
  })
  console.error(`deployment ${createDeployment.id} (${createDeployment.name}) created on ${createDeployment.provider}`)
  if (createDeployment.deployKey) {
    const repository = createDeployment.githubUrl.replace(/^https:\/\/github\.com\//, '').replace(/\.git$/, '')
    console.error(
      `private repository: add this deploy key (read access) on GitHub, ${repository} → Settings → Deploy keys; ` +
        `until then the fetch is refused (then \`hangar redeploy ${createDeployment.id}\`):`,
    )
    console.error(createDeployment.deployKey)
  }
  if (!options.follow) {
    if (options.json) printJson(createDeployment)
    else console.log(createDeployment.id)
    return 0
  }
  const forget = onInterrupt(() =>
    console.error(
      `\nstopped following; deployment ${createDeployment.id} goes on in the gateway ` +
        `(\`hangar logs ${createDeployment.id} --follow\`)`,
    ),
  )
  await streamLogs(target, createDeployment.id, 0).finally(forget)
  return finish(target, createDeployment.id, Boolean(options.json))
}

export async function deploymentsCommand(
  target: GatewayTarget,
  options: { json?: boolean; status?: string },
): Promise<number> {
  const all: CliDeploymentsQuery['deployments']['nodes'] = []
  let after: string | null = null
  for (;;) {
    const page: CliDeploymentsQuery = await request(target, Deployments, {
      after,
      status: options.status?.toUpperCase() as never,
    })
    all.push(...page.deployments.nodes)
    if (!page.deployments.pageInfo.hasNextPage) break
    after = page.deployments.pageInfo.endCursor ?? null
  }
  printList(
    all,
    options.json,
    ['ID', 'NAME', 'TYPE', 'FRAMEWORK', 'STATUS', 'STEP', 'HOST', 'CREATED'],
    (deployment) => [
      deployment.id,
      deployment.name,
      deployment.type,
      deployment.framework,
      colourStatus(deployment.status),
      deployment.step ?? dim('-'),
      deployment.host?.ip ?? dim('-'),
      deployment.createdAt.slice(0, 19).replace('T', ' '),
    ],
  )
  return 0
}

export async function logsCommand(
  target: GatewayTarget,
  id: string,
  options: { follow?: boolean; after?: string },
): Promise<number> {
  const after = integer(options.after, 'after') ?? 0
  if (options.follow) {
    await streamLogs(target, id, after)
    return finish(target, id, false)
  }
  const { deployment } = await request(target, DeploymentLogs, { id, after })
  if (!deployment) throw new CliError(`no deployment ${id}`, EXIT.NOT_FOUND)
  for (const line of deployment.logs) console.log(line.line)
  return 0
}

export async function restartCommand(target: GatewayTarget, id: string, options: { json?: boolean }): Promise<number> {
  await request(target, Restart, { id })
  const spinner = progress(`restarting deployment ${id}`)
  for (;;) {
    const { deployment } = await request(target, DeploymentState, { id })
    if (!deployment) throw new CliError(`no deployment ${id}`, EXIT.NOT_FOUND)
    if (TERMINAL.has(deployment.status)) {
      if (deployment.status === 'RUNNING') spinner.success(`deployment ${id} is running again`)
      else spinner.error(`deployment ${id} is ${deployment.status}: ${deployment.error ?? ''}`)
      if (options.json) printJson(deployment)
      return deployment.status === 'RUNNING' ? 0 : EXIT.FAILED
    }
    spinner.update(`restarting deployment ${id}: ${deployment.step ?? deployment.status.toLowerCase()}`)
    await sleep(500)
  }
}

export async function deleteCommand(target: GatewayTarget, id: string, options: { json?: boolean }): Promise<number> {
  const { deleteDeployment } = await request(target, Delete, { id })
  if (options.json) printJson(deleteDeployment)
  else console.error(`deployment ${id} deleted; its guest was destroyed`)
  return 0
}
