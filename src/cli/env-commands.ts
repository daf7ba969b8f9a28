import { setTimeout as sleep } from 'node:timers/promises'
import { graphql } from '../gql/index.js'
import { EXIT } from './exit-codes.js'
import { CliError, request, type GatewayTarget } from './gateway-client.js'
import { colourStatus, dim, printJson, progress, table } from './output.js'

const Variables = graphql(`
  query CliVariables($id: ID!) { deployment(id: $id) { id variables { key value secret updatedAt } } }
`)
const SetVariables = graphql(`
  mutation CliSetVariables($id: ID!, $variables: [VariableInput!], $unset: [String!], $redeploy: Boolean) {
    setDeploymentVariables(id: $id, variables: $variables, unset: $unset, redeploy: $redeploy) {
      id status step variables { key value secret updatedAt }
    }
  }
`)
const State = graphql(`query CliVariablesDeploymentState($id: ID!) { deployment(id: $id) { id status step error } }`)

type Variable = { key: string; value?: string | null; secret: boolean; updatedAt: string }

function printVariables(variables: readonly Variable[]): void {
  if (variables.length === 0) {
    console.error('no variables')
    return
  }
  // A value with a newline is shown on one line, escaped; a secret never has one to show.
  table(
    ['KEY', 'VALUE', 'UPDATED'],
    variables.map((variable) => [
      variable.key,
      variable.secret ? dim('(secret)') : JSON.stringify(variable.value ?? '').slice(1, -1),
      variable.updatedAt.slice(0, 19).replace('T', ' '),
    ]),
  )
}

export async function envListCommand(target: GatewayTarget, id: string, options: { json?: boolean }): Promise<number> {
  const { deployment } = await request(target, Variables, { id })
  if (!deployment) throw new CliError(`no deployment ${id}`, EXIT.NOT_FOUND)
  if (options.json) printJson(deployment.variables)
  else printVariables(deployment.variables)
  return 0
}

/** All of standard input, without one trailing newline: a value that never appears on a command line. */
async function readStandardInput(): Promise<string> {
  if (process.stdin.isTTY) console.error('value (end with Ctrl-D):')
  const chunks: Buffer[] = []
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer)
  return Buffer.concat(chunks)
    .toString('utf8')
    .replace(/\r?\n$/, '')
}

/** `KEY=VALUE` pairs; one bare `KEY` takes its value from standard input. */
async function parsePairs(
  pairs: readonly string[],
  secret: boolean,
): Promise<{ key: string; value: string; secret: boolean }[]> {
  if (pairs.length === 0)
    throw new CliError('give at least one KEY=VALUE (or a KEY alone to read its value from standard input)', EXIT.USAGE)
  const bare = pairs.filter((pair) => !pair.includes('='))
  if (bare.length > 1)
    throw new CliError(
      `only one KEY may take its value from standard input (${bare.join(', ')} given without =VALUE)`,
      EXIT.USAGE,
    )
  const fromInput = bare.length === 1 ? await readStandardInput() : undefined
  return pairs.map((pair) => {
    const at = pair.indexOf('=')
    return at < 0
      ? { key: pair, value: fromInput!, secret }
      : { key: pair.slice(0, at), value: pair.slice(at + 1), secret }
  })
}

/** Waits for the redeploy the change started, with a spinner; 0 when the app is running again. */
async function followRedeploy(target: GatewayTarget, id: string): Promise<number> {
  const spinner = progress(`redeploying deployment ${id} with its new variables`)
  for (;;) {
    const { deployment } = await request(target, State, { id })
    if (!deployment) throw new CliError(`no deployment ${id}`, EXIT.NOT_FOUND)
    if (
      deployment.status !== 'CREATING' &&
      deployment.status !== 'PENDING' &&
      !(deployment.status === 'RUNNING' && deployment.step)
    ) {
      if (deployment.status === 'RUNNING') spinner.success(`deployment ${id} is running with its new variables`)
      else
        spinner.error(
          `deployment ${id} is ${colourStatus(deployment.status)}${deployment.error ? `: ${deployment.error}` : ''}`,
        )
      return deployment.status === 'RUNNING' ? 0 : EXIT.FAILED
    }
    spinner.update(`redeploying deployment ${id}: ${deployment.step ?? deployment.status.toLowerCase()}`)
    await sleep(500)
  }
}

/** The field a refusal names, in the words of the command line. */
function explain(error: unknown, keys: readonly string[]): never {
  if (!(error instanceof CliError)) throw error
  const field = /^(variables|unset)\[(\d+)\]\.?(key|value)?: /.exec(error.message)
  if (!field) throw error
  const key = keys[Number(field[2])]
  throw new CliError(`${key ?? field[1]}: ${error.message.slice(field[0].length)}`, error.exitCode, error.refusal)
}

async function change(
  target: GatewayTarget,
  id: string,
  variables: { key: string; value: string; secret: boolean }[],
  unset: string[],
  options: { redeploy?: boolean; json?: boolean },
): Promise<number> {
  const redeploy = options.redeploy !== false
  const { setDeploymentVariables: deployment } = await request(target, SetVariables, {
    id,
    variables,
    unset,
    redeploy,
  }).catch((error: unknown) => explain(error, variables.length > 0 ? variables.map((variable) => variable.key) : unset))
  // A RUNNING deployment builds a new release with them: its step says so.
  const redeploying = redeploy && deployment.status === 'RUNNING' && deployment.step !== null
  const code = redeploying ? await followRedeploy(target, id) : 0
  if (options.json) printJson(deployment.variables)
  else {
    if (!redeploying)
      console.error(
        `saved; deployment ${id} is ${colourStatus(deployment.status)}` +
          `${redeploy ? '' : ' (not redeployed: they apply at its next redeploy or restart)'}`,
      )
    printVariables(deployment.variables)
  }
  return code
}

export async function envSetCommand(
  target: GatewayTarget,
  id: string,
  pairs: string[],
  options: { secret?: boolean; redeploy?: boolean; json?: boolean },
): Promise<number> {
  return change(target, id, await parsePairs(pairs, Boolean(options.secret)), [], options)
}

export async function envUnsetCommand(
  target: GatewayTarget,
  id: string,
  keys: string[],
  options: { redeploy?: boolean; json?: boolean },
): Promise<number> {
  if (keys.length === 0) throw new CliError('give at least one KEY to unset', EXIT.USAGE)
  return change(target, id, [], keys, options)
}
