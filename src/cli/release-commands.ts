import { setTimeout as sleep } from 'node:timers/promises'
import { graphql } from '../gql/index.js'
import { streamLogs } from './deployment-commands.js'
import { EXIT } from './exit-codes.js'
import { onInterrupt } from './exit-on-signal.js'
import { CliError, request, type GatewayTarget } from './gateway-client.js'
import { colourStatus, dim, printJson, progress, table } from './output.js'

const Releases = graphql(`
  query CliReleases($id: ID!) {
    deployment(id: $id) {
      id status step error commitSha releases { number ref commitSha status error kept createdAt activatedAt }
    }
  }
`)
const LogSeqs = graphql(
  `query CliLogSeqs($id: ID!, $after: Int) { deployment(id: $id) { id logs(after: $after, limit: 10000) { seq } } }`,
)
const Redeploy = graphql(
  `mutation CliRedeploy($id: ID!, $ref: String) { redeployDeployment(id: $id, ref: $ref) { id status step } }`,
)
const Rollback = graphql(
  `mutation CliRollback($id: ID!, $release: Int!) {
    rollbackDeployment(id: $id, release: $release) { id status step }
  }`,
)

const short = (sha: string | null | undefined) => (sha ? sha.slice(0, 7) : dim('-'))
const when = (at: string | null | undefined) => (at ? at.slice(0, 19).replace('T', ' ') : dim('-'))
const atRest = (deployment: { status: string; step?: string | null }) =>
  ['FAILED', 'STOPPED', 'DELETED'].includes(deployment.status) || (deployment.status === 'RUNNING' && !deployment.step)

async function releasesOf(target: GatewayTarget, id: string) {
  const { deployment } = await request(target, Releases, { id })
  if (!deployment) throw new CliError(`no deployment ${id}`, EXIT.NOT_FOUND)
  return deployment
}

export async function releasesCommand(target: GatewayTarget, id: string, options: { json?: boolean }): Promise<number> {
  const deployment = await releasesOf(target, id)
  if (options.json) {
    printJson(deployment.releases)
    return 0
  }
  if (deployment.releases.length === 0) {
    console.error(`deployment ${id} has no release yet`)
    return 0
  }
  table(
    ['RELEASE', 'STATUS', 'REF', 'COMMIT', 'CREATED', 'ACTIVATED', 'KEPT'],
    deployment.releases.map((release) => [
      String(release.number),
      colourStatus(release.status),
      release.ref ?? dim('-'),
      short(release.commitSha),
      when(release.createdAt),
      when(release.activatedAt),
      release.kept ? 'yes' : dim('no'),
    ]),
  )
  const failed = deployment.releases.filter((release) => release.status === 'FAILED' && release.error)
  for (const release of failed.slice(0, 3)) console.error(dim(`release ${release.number}: ${release.error}`))
  return 0
}

/** Waits until the deployment is at rest again, with a spinner showing its step. */
async function untilAtRest(target: GatewayTarget, id: string, what: string): Promise<void> {
  const spinner = progress(`${what} on deployment ${id}`)
  for (;;) {
    const deployment = await releasesOf(target, id)
    if (atRest(deployment)) return spinner.stop()
    spinner.update(`${what} on deployment ${id}: ${deployment.step ?? deployment.status.toLowerCase()}`)
    await sleep(500)
  }
}

/** Says how the release `number` ended; 0 when it serves. */
async function outcome(target: GatewayTarget, id: string, number: number | undefined, json: boolean): Promise<number> {
  const deployment = await releasesOf(target, id)
  const release =
    number === undefined ? deployment.releases[0] : deployment.releases.find((candidate) => candidate.number === number)
  const serving = deployment.releases.find((candidate) => candidate.status === 'ACTIVE')
  if (json)
    printJson({
      deployment: { id: deployment.id, status: deployment.status, commitSha: deployment.commitSha },
      release,
    })
  if (release?.status === 'ACTIVE') {
    if (!json) console.error(`release ${release.number} (${short(release.commitSha)}) is serving on deployment ${id}`)
    return 0
  }
  if (!json) {
    const why = release?.error ? `: ${release.error}` : deployment.error ? `: ${deployment.error}` : ''
    const now = serving
      ? `release ${serving.number} (${short(serving.commitSha)}) still serves`
      : `deployment ${id} is ${colourStatus(deployment.status)}`
    console.error(`release ${release?.number ?? '?'} did not make it${why}; ${now}`)
  }
  return EXIT.FAILED
}

/** The number of the deployment's last log line, so that following shows only what comes next. */
async function lastSeq(target: GatewayTarget, id: string): Promise<number> {
  let last = 0
  for (;;) {
    const { deployment } = await request(target, LogSeqs, { id, after: last })
    if (!deployment) throw new CliError(`no deployment ${id}`, EXIT.NOT_FOUND)
    last = deployment.logs.at(-1)?.seq ?? last
    if (deployment.logs.length < 10_000) return last
  }
}

export async function redeployCommand(
  target: GatewayTarget,
  id: string,
  options: { ref?: string; follow?: boolean; json?: boolean },
): Promise<number> {
  const after = await lastSeq(target, id)
  await request(target, Redeploy, { id, ref: options.ref })
  const { releases } = await releasesOf(target, id)
  const number = releases[0]?.number
  console.error(`release ${number} of deployment ${id} asked${options.ref ? ` (${options.ref})` : ''}`)
  if (options.follow) {
    const forget = onInterrupt(() =>
      console.error(`\nstopped following; release ${number} goes on in the gateway (\`hangar logs ${id} --follow\`)`),
    )
    await streamLogs(target, id, after).finally(forget)
  } else {
    await untilAtRest(target, id, `building release ${number}`)
  }
  return outcome(target, id, number, Boolean(options.json))
}

export async function rollbackCommand(
  target: GatewayTarget,
  id: string,
  release: string,
  options: { json?: boolean },
): Promise<number> {
  if (!/^[1-9][0-9]*$/.test(release))
    throw new CliError(`<release> must be a release number (see \`hangar releases ${id}\`)`, EXIT.USAGE)
  await request(target, Rollback, { id, release: Number(release) })
  await untilAtRest(target, id, `rolling back to release ${release}`)
  return outcome(target, id, Number(release), Boolean(options.json))
}
