import { readFile } from 'node:fs/promises'
import { graphql } from '../gql/index.js'
import type { ResizeServerInput } from '../gql/graphql.js'
import { fetchCatalog, printCatalog } from './catalog-command.js'
import { EXIT } from './exit-codes.js'
import { CliError, request, type GatewayTarget } from './gateway-client.js'
import { bold, printJson } from './output.js'
import { providerOptionsOf } from './provider-options-flag.js'
import { act, followOperation, resolveServer } from './server-commands.js'
import { generateServerPassword } from './server-password.js'

const CreateServer = graphql(
  `mutation CliCreateServer($input: CreateServerInput!) { createServer(input: $input) { id } }`,
)
const CloneServer = graphql(
  `mutation CliCloneServer($id: ID!, $input: CloneServerInput!) { cloneServer(id: $id, input: $input) { id } }`,
)
const ResizeServer = graphql(
  `mutation CliResizeServer($id: ID!, $input: ResizeServerInput!) { resizeServer(id: $id, input: $input) { id } }`,
)

/** The environment variable that stands for `--password`, which `ps` would show to everyone. */
export const PASSWORD_VARIABLE = 'HANGAR_SERVER_PASSWORD'

/** A whole number of a flag, or undefined when the flag was left out; anything else exits 2. */
function wholeNumber(value: string | undefined, flag: string): number | undefined {
  if (value === undefined) return undefined
  if (!/^[1-9]\d{0,9}$/.test(value))
    throw new CliError(`${flag}: must be a whole number above 0, not "${value}"`, EXIT.USAGE)
  return Number(value)
}

function required<T>(value: T | undefined, flag: string, what: string): T {
  if (value === undefined || value === '') throw new CliError(`${flag}: required (${what})`, EXIT.USAGE)
  return value
}

/**
 * A refusal of one input field in the words of the command line: the flag instead of the GraphQL
 * field (`input.memoryMb` is `--memory`). The message names the rule, never a given password.
 */
function explainRefusal(error: unknown, flags: Record<string, string>): unknown {
  if (!(error instanceof CliError)) return error
  const field = error.refusal.field
  if (!field) return error
  const option = /^input\.options\.(.+)$/.exec(field)
  const flag = option ? `--option ${option[1]}` : flags[field]
  if (!flag) return error
  const message = error.message.startsWith(`${field}: `) ? error.message.slice(field.length + 2) : error.message
  return new CliError(`${flag}: ${message}`, error.exitCode, error.refusal)
}

/** Options of `hangar create`, as commander gives them. */
export interface CreateOptions {
  provider: string
  name?: string
  image?: string
  cpu?: string
  memory?: string
  disk?: string
  location?: string
  kind?: string
  /** False with `--no-start`. */
  start?: boolean
  password?: string
  sshKey?: string
  option?: string[]
  json?: boolean
}

/** `--kind`, as the schema's ServerKind; left out, the provider takes what the image makes. */
function kindOf(kind: string | undefined): 'VM' | 'CONTAINER' | undefined {
  if (kind === undefined) return undefined
  const wanted = kind.toLowerCase()
  if (wanted === 'vm') return 'VM'
  if (wanted === 'container' || wanted === 'ct' || wanted === 'lxc') return 'CONTAINER'
  throw new CliError(`--kind: vm or container, not "${kind}"`, EXIT.USAGE)
}

/** A Proxmox ISO volume (`local:iso/debian-12.iso`): its installer sets the logins, so none is generated. */
const ISO_VOLUME = /^[A-Za-z][A-Za-z0-9._-]*:iso\//

/** A public key file's contents; a private key, or a file that cannot be read, exits 2. */
async function publicKeyOf(file: string): Promise<string> {
  let text: string
  try {
    text = await readFile(file, 'utf8')
  } catch (error) {
    throw new CliError(
      `--ssh-key: cannot read ${file} (${(error as NodeJS.ErrnoException).code ?? (error as Error).message})`,
      EXIT.USAGE,
    )
  }
  // Never sent anywhere, nor quoted back: a private key stays on this machine.
  if (text.includes('PRIVATE KEY'))
    throw new CliError(`--ssh-key: ${file} is a private key; give the public one (e.g. ${file}.pub)`, EXIT.USAGE)
  const key = text.trim()
  if (!key) throw new CliError(`--ssh-key: ${file} is empty`, EXIT.USAGE)
  return key
}

/**
 * Without `--image`: what the provider offers (its images when `--location` is given, its
 * locations otherwise), on stderr, and exit 2 asking to pick one.
 */
async function askForImage(target: GatewayTarget, options: CreateOptions): Promise<never> {
  const catalog = await fetchCatalog(target, options.provider, options.location)
  const print = (line: string) => console.error(line)
  printCatalog(catalog, options.location, print)
  print('')
  const next = options.location
    ? `pick one of the images above with --image ID`
    : `pick a location with --location ID to see its images, then one of them with --image ID`
  throw new CliError(
    `--image: required; ${next} (\`hangar catalog ${options.provider}` +
      `${options.location ? ` --location ${options.location}` : ''}\` shows this again)`,
    EXIT.USAGE,
  )
}

const CREATE_FLAGS: Record<string, string> = {
  'input.provider': '--provider',
  'input.name': '--name',
  'input.image': '--image',
  'input.location': '--location',
  'input.cpu': '--cpu',
  'input.memoryMb': '--memory',
  'input.diskGb': '--disk',
  'input.sshKey': '--ssh-key',
  'input.kind': '--kind',
  'input.options': '--option',
}

export async function createCommand(
  target: GatewayTarget,
  options: CreateOptions,
  env: NodeJS.ProcessEnv = process.env,
): Promise<number> {
  if (options.image === undefined) return askForImage(target, options)
  const name = required(options.name, '--name', "the new server's name")
  const cpu = required(wholeNumber(options.cpu, '--cpu'), '--cpu', 'cores')
  const memoryMb = required(wholeNumber(options.memory, '--memory'), '--memory', 'MB')
  const diskGb = required(wholeNumber(options.disk, '--disk'), '--disk', 'GB')
  const providerOptions = providerOptionsOf(options.option)
  if (options.password !== undefined && options.sshKey !== undefined)
    throw new CliError('--password and --ssh-key: give one of them, not both', EXIT.USAGE)
  const sshKey = options.sshKey === undefined ? undefined : await publicKeyOf(options.sshKey)
  const given = options.password ?? (sshKey === undefined ? env[PASSWORD_VARIABLE] || undefined : undefined)
  const passwordFlag = options.password !== undefined ? '--password' : `${PASSWORD_VARIABLE}`
  const kind = kindOf(options.kind)
  const generated =
    given === undefined && sshKey === undefined && !ISO_VOLUME.test(options.image)
      ? generateServerPassword()
      : undefined
  const password = given ?? generated
  const { createServer } = await request(target, CreateServer, {
    input: {
      provider: options.provider,
      name,
      image: options.image,
      location: options.location,
      kind,
      cpu,
      memoryMb,
      diskGb,
      password,
      sshKey,
      powerOn: options.start !== false,
      options: providerOptions,
    },
  }).catch((error: unknown) => {
    throw explainRefusal(error, { ...CREATE_FLAGS, 'input.password': passwordFlag })
  })
  // Shown once, before following, so that an interrupted wait does not lose it: the server is
  // made either way. Hangar stores it nowhere.
  if (generated && !options.json)
    console.error(
      `${bold('Root password')} of ${name} (generated; shown only this once, Hangar keeps no copy): ${generated}`,
    )
  const { code, operation } = await followOperation(target, createServer.id, `create ${name}`)
  if (options.json) printJson(generated ? { ...operation, password: generated } : operation)
  else if (operation?.serverId && code === 0) console.log(operation.serverId)
  return code
}

/** Options of `hangar clone`. */
export interface CloneOptions {
  name: string
  location?: string
  cpu?: string
  memory?: string
  /** False with `--no-start`. */
  start?: boolean
  option?: string[]
  json?: boolean
}

export async function cloneCommand(target: GatewayTarget, id: string, options: CloneOptions): Promise<number> {
  const input = {
    name: options.name,
    location: options.location,
    cpu: wholeNumber(options.cpu, '--cpu'),
    memoryMb: wholeNumber(options.memory, '--memory'),
    powerOn: options.start !== false,
    options: providerOptionsOf(options.option),
  }
  const server = await resolveServer(target, id)
  const { cloneServer } = await act(server, 'clone', () =>
    request(target, CloneServer, { id: server.id, input }),
  ).catch((error: unknown) => {
    throw explainRefusal(error, {
      'input.name': '--name',
      'input.location': '--location',
      'input.cpu': '--cpu',
      'input.memoryMb': '--memory',
      'input.options': '--option',
    })
  })
  const { code, operation } = await followOperation(target, cloneServer.id, `clone ${server.name} as ${options.name}`)
  if (options.json) printJson(operation)
  else if (operation?.serverId && operation.serverId !== server.id && code === 0) console.log(operation.serverId)
  return code
}

/** Options of `hangar resize`: exactly one of the sizes. */
export interface ResizeOptions {
  cpu?: string
  memory?: string
  disk?: string
  json?: boolean
}

/**
 * A refusal of `diskGb` itself (not of its value) means the gateway's schema has no such field
 * yet: a gateway older than this CLI. Said in terms of --disk, as a usage error.
 */
function diskUnknownToGateway(error: unknown): CliError | undefined {
  if (!(error instanceof CliError) || !/\bdiskGb\b/.test(error.message)) return undefined
  if (!/not defined|unknown field|Unknown argument/i.test(error.message)) return undefined
  return new CliError(
    '--disk: this gateway cannot resize disks (its ResizeServerInput has no diskGb yet); ' +
      'use --cpu or --memory, or update the gateway',
    EXIT.USAGE,
    error.refusal,
  )
}

export async function resizeCommand(target: GatewayTarget, id: string, options: ResizeOptions): Promise<number> {
  const sizes = [
    ['--cpu', wholeNumber(options.cpu, '--cpu')],
    ['--memory', wholeNumber(options.memory, '--memory')],
    ['--disk', wholeNumber(options.disk, '--disk')],
  ] as const
  const given = sizes.filter(([, value]) => value !== undefined)
  if (given.length !== 1)
    throw new CliError(
      'give exactly one of --cpu, --memory or --disk per resize' +
        `${given.length > 1 ? ` (got ${given.map(([flag]) => flag).join(' and ')})` : ''}`,
      EXIT.USAGE,
    )
  const [flag, value] = given[0]!
  // `diskGb` is newer than some gateways: sent as it is, and a gateway that does not know it says so.
  const input = (
    flag === '--cpu' ? { cpu: value } : flag === '--memory' ? { memoryMb: value } : { diskGb: value }
  ) as ResizeServerInput
  const server = await resolveServer(target, id)
  const { resizeServer } = await act(server, 'resize', () =>
    request(target, ResizeServer, { id: server.id, input }),
  ).catch((error: unknown) => {
    throw (
      diskUnknownToGateway(error) ??
      explainRefusal(error, {
        'input.cpu': '--cpu',
        'input.memoryMb': '--memory',
        'input.diskGb': '--disk',
        input: flag,
      })
    )
  })
  const { code, operation } = await followOperation(
    target,
    resizeServer.id,
    `resize ${server.name} (${flag.slice(2)} ${value}${flag === '--memory' ? ' MB' : flag === '--disk' ? ' GB' : ''})`,
  )
  if (options.json) printJson(operation)
  return code
}
