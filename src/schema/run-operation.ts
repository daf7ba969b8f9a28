import { NotFoundError, UnsupportedError } from '../errors/index.js'
import type { Hangar } from '../hangar.js'
import type { OperationRequest } from '../operations/operation-request.js'
import type { OperationView } from '../operations/operation-service.js'
import type { Capability, Provider, TaskHandle } from '../providers/contract.js'
import { parseServerId } from '../providers/server-directory.js'

/** What each capability lets a user do, for UNSUPPORTED messages. */
const DOING: Record<string, string> = {
  power: 'change power state',
  destroy: 'destroy servers',
  create: 'create servers',
  resize: 'resize servers',
  clone: 'clone servers',
  catalog: 'list images and locations',
  snapshot: 'take or restore snapshots',
}

/** The provider instance named `name`, checked for `capability` (NOT_FOUND / UNSUPPORTED). */
export function providerNamed(
  hangar: Hangar,
  name: string,
  capability: Capability | null,
  field = 'provider',
): Provider {
  const provider = hangar.providers.find((candidate) => candidate.name === name)
  if (!provider) throw new NotFoundError(`${field}: no provider named "${name}"`, { field })
  if (capability && !provider.capabilities.includes(capability)) {
    throw new UnsupportedError(`${name}: the ${provider.plugin} provider cannot ${DOING[capability] ?? capability}`, {
      provider: name,
    })
  }
  return provider
}

/** The provider of a server id and the id the provider knows it by. */
export function providerFor(
  hangar: Hangar,
  id: string,
  capability: Capability,
): { provider: Provider; nativeId: string } {
  const { provider: name, nativeId } = parseServerId(id)
  return { provider: providerNamed(hangar, name, capability, 'id'), nativeId }
}

/** Options of {@link runOperation}. */
export interface RunOperation {
  provider: Provider
  /** The server acted on; null for a create (the server has no id yet). */
  serverId: string | null
  /** Queues creates of one name one after another. */
  queueKey?: string
  action: string
  wait: boolean | null | undefined
  /** What to ask of the provider, as data any gateway can act on (see `OperationRequest`). */
  request?: OperationRequest
  /** The upstream call, for work whose input may not be stored (a create's password). */
  run?: (signal: AbortSignal) => Promise<TaskHandle>
}

/** Starts the work as an operation; with `wait`, answers once it has ended. */
export async function runOperation(
  hangar: Hangar,
  { provider, serverId, queueKey, action, wait, request, run }: RunOperation,
): Promise<OperationView> {
  const started = await hangar.operations.start({ provider, serverId, queueKey, action, request, run })
  return wait ? started.finished : started.operation
}

/** A request for work on a server, before the id its provider knows the server by is filled in. */
export type ServerRequest = WithoutNativeId<OperationRequest>

/** Each member of a union without its `nativeId`. */
type WithoutNativeId<Request> = Request extends unknown ? Omit<Request, 'nativeId'> : never

/** What the provider must be able to do for each kind of request. */
const CAPABILITY_OF: Record<OperationRequest['kind'], Capability> = {
  power: 'power',
  destroy: 'destroy',
  resize: 'resize',
  snapshot: 'snapshot',
  'snapshot-rollback': 'snapshot',
  'snapshot-delete': 'snapshot',
}

/**
 * Starts `request` on the server `serverId` (read exactly already) as an operation, through the
 * provider its id names, checked for the capability the request needs. The operation's action is
 * the request's kind; a power request's, its action (`start`, `stop`, `reboot`).
 */
export function runOnServer(
  hangar: Hangar,
  serverId: string,
  wait: boolean | null | undefined,
  request: ServerRequest,
): Promise<OperationView> {
  const { provider, nativeId } = providerFor(hangar, serverId, CAPABILITY_OF[request.kind])
  const action = request.kind === 'power' ? request.action : request.kind
  return runOperation(hangar, { provider, serverId, action, wait, request: { ...request, nativeId } })
}
