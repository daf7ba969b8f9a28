import {
  type CallOptions,
  type CloneSpec,
  ConflictError,
  type GuestSpec,
  NotFoundError,
  type PowerAction,
  type Provider,
  type ProviderLogger as Logger,
  type ServerChange,
  type ServerInfo,
  type ServerSpec,
  type ServerState,
  type SnapshotInfo,
  type SnapshotSpec,
  type TaskHandle,
  type UpstreamObserver,
} from 'hangar/provider-kit'
import { createKamateraClient, type KamateraClient } from './kamatera-client.js'
import { createKamateraCommand } from './kamatera-command.js'
import { followCreate, lostCreateHandle } from './follow-create.js'
import {
  cloneKamateraServer,
  createKamateraServer,
  kamateraCatalog,
  resizeKamateraServer,
  type CreateContext,
} from './kamatera-create.js'
import {
  createKamateraSnapshot,
  deleteKamateraSnapshot,
  listKamateraSnapshots,
  rollbackKamateraSnapshot,
  type SnapshotContext,
} from './kamatera-snapshots.js'
import { mapKamateraError } from './map-error.js'
import {
  isProvisionRef,
  provisionKamateraGuest,
  resumeKamateraProvisioning,
  type ProvisionContext,
} from './provision-guest.js'
import { mapResources, mapServer, powerState } from './map-server.js'
import type { KamateraOptions } from './options.js'
import { readServerInfo } from './server-info.js'
import {
  commandIdsSchema,
  serverInfoListSchema,
  serverListSchema,
  type KamateraServerInfo,
} from './upstream-schemas.js'

/** Kamatera server ids are UUID-like strings; anything else cannot name a server. */
const SERVER_ID = /^[A-Za-z0-9][A-Za-z0-9-]{3,63}$/

/** The cloudcli action of each power action. */
const POWER_PATHS: Record<PowerAction, string> = {
  start: '/service/server/poweron',
  stop: '/service/server/poweroff',
  reboot: '/service/server/reboot',
}

/**
 * The state each power action needs, as Proxmox enforces it for a VM: start a stopped server,
 * reboot a running one. Kamatera itself takes a reboot of a stopped server and fails its command
 * later; a stop of a stopped server is harmless, as on Proxmox.
 */
const POWER_NEEDS: Partial<Record<PowerAction, ServerState>> = {
  start: 'STOPPED',
  reboot: 'RUNNING',
}

/** Builds the provider of one Kamatera account. Does no I/O until called. */
export function createKamateraProvider(
  name: string,
  options: KamateraOptions,
  logger: Logger,
  upstream?: UpstreamObserver,
): Provider {
  const client: KamateraClient = createKamateraClient(options, logger, upstream)
  // Details of every server come from one batched info call, reused for `infoCacheMs` and
  // dropped whenever one of our own commands starts or ends.
  let details: { at: number; byId: Promise<Map<string, KamateraServerInfo>> } | undefined

  async function guard<T>(work: () => Promise<T>): Promise<T> {
    try {
      return await work()
    } catch (error) {
      throw mapKamateraError(error, name)
    }
  }

  function allDetails(signal?: AbortSignal): Promise<Map<string, KamateraServerInfo>> {
    if (details && Date.now() - details.at < options.infoCacheMs) return details.byId
    const byId = client
      .request('POST', '/service/server/info', {
        body: { name: '.*', 'allow-no-servers': true },
        schema: serverInfoListSchema,
        signal,
        read: true,
      })
      .then((infos) => new Map(infos.map((info) => [info.id, info])))
    const entry = { at: Date.now(), byId }
    details = entry
    byId.catch(() => {
      if (details === entry) details = undefined
    })
    return byId
  }

  const forgetDetails = () => {
    details = undefined
  }

  function command(commandId: string): TaskHandle {
    return createKamateraCommand(client, commandId, {
      pollIntervalMs: options.pollIntervalMs,
      deadline: new Date(Date.now() + options.commandTimeoutMs),
      onEnd: forgetDetails,
    })
  }

  const creating: CreateContext = {
    client,
    command: (commandId) => {
      forgetDetails()
      return command(commandId)
    },
    pollIntervalMs: options.pollIntervalMs,
    recoveryMs: options.createRecoveryMs,
  }

  const provisioning: ProvisionContext = {
    ...creating,
    datacenter: options.guestDatacenter,
    image: options.guestImage,
    cpuType: options.guestCpuType,
    sshPort: options.guestSshPort,
    timeoutMs: options.provisionTimeoutMs,
  }

  const snapshots: SnapshotContext = { client, provider: name, command }

  /** Runs snapshot work on a server id that can name one (names are regexes upstream, so never by name). */
  function onServer<T>(nativeId: string, work: () => Promise<T>): Promise<T> {
    return guard(async () => {
      if (!SERVER_ID.test(nativeId)) throw new NotFoundError(`${name}: no server ${nativeId}`, { provider: name })
      return work()
    })
  }

  /** Starts one action on one server by id (never by name: names are regexes upstream). */
  async function act(
    path: string,
    nativeId: string,
    extra: Record<string, unknown>,
    signal?: AbortSignal,
  ): Promise<TaskHandle> {
    if (!SERVER_ID.test(nativeId)) throw new NotFoundError(`${name}: no server ${nativeId}`, { provider: name })
    forgetDetails()
    const ids = await client.request('POST', path, {
      body: { id: nativeId, ...extra },
      schema: commandIdsSchema,
      signal,
      read: false,
    })
    return command(ids[0]!)
  }

  /** The details of one server, `undefined` when there is no such server. */
  function serverInfo(nativeId: string, signal?: AbortSignal): Promise<KamateraServerInfo | undefined> {
    return readServerInfo(client, nativeId, { signal })
  }

  /** Refuses, before calling upstream, a power action the server's current state rules out. */
  async function checkPowerState(nativeId: string, action: PowerAction, signal?: AbortSignal): Promise<void> {
    const needs = POWER_NEEDS[action]
    if (!needs || !SERVER_ID.test(nativeId)) return
    const info = await serverInfo(nativeId, signal)
    if (!info) throw new NotFoundError(`${name}: no server ${nativeId}`, { provider: name })
    const state = powerState(info.power)
    if (state !== needs) {
      throw new ConflictError(`${name}: cannot ${action} server ${info.name} (${nativeId}): it is ${state}`, {
        provider: name,
        status: state,
      })
    }
  }

  return {
    name,
    plugin: 'kamatera',
    capabilities: ['power', 'destroy', 'create', 'resize', 'clone', 'snapshot', 'deploy:vm'],

    checkConnection: ({ signal }: CallOptions) =>
      guard(async () => {
        await client.request('GET', '/service/servers', { schema: serverListSchema, signal, read: true })
      }),

    listServers: ({ signal }: CallOptions) =>
      guard(async (): Promise<ServerInfo[]> => {
        const [servers, byId] = await Promise.all([
          client.request('GET', '/service/servers', { schema: serverListSchema, signal, read: true }),
          // Details are a nicety of the list: without them it still shows every server.
          allDetails(signal).catch((error: unknown) => {
            logger.warn({ error: (error as Error).message }, 'kamatera server details unavailable')
            return new Map<string, KamateraServerInfo>()
          }),
        ])
        return servers.map((server) => mapServer(server, byId.get(server.id)))
      }),

    getServer: (nativeId: string, { signal }: CallOptions) =>
      guard(async () => {
        if (!SERVER_ID.test(nativeId)) return undefined
        const info = await serverInfo(nativeId, signal)
        return info ? mapServer(info, info) : undefined
      }),

    listResources: ({ signal }: CallOptions) =>
      guard(async () => {
        const [servers, byId] = await Promise.all([
          client.request('GET', '/service/servers', { schema: serverListSchema, signal, read: true }),
          allDetails(signal),
        ])
        return mapResources(servers.map((server) => mapServer(server, byId.get(server.id))))
      }),

    power: (nativeId: string, action: PowerAction, { signal }: CallOptions) =>
      guard(async () => {
        await checkPowerState(nativeId, action, signal)
        return act(POWER_PATHS[action], nativeId, {}, signal)
      }),

    // `force` terminates a powered-on server too, as every official client does.
    destroy: (nativeId: string, { signal }: CallOptions) =>
      guard(() => act('/service/server/terminate', nativeId, { force: true }, signal)),

    createServer: (spec: ServerSpec, { signal }: CallOptions) =>
      guard(() => createKamateraServer(creating, spec, { signal })),

    resizeServer: (nativeId: string, change: ServerChange, { signal }: CallOptions) =>
      guard(async () => {
        if (!SERVER_ID.test(nativeId)) throw new NotFoundError(`${name}: no server ${nativeId}`, { provider: name })
        return resizeKamateraServer(creating, nativeId, change, { signal })
      }),

    cloneServer: (nativeId: string, spec: CloneSpec, { signal }: CallOptions) =>
      guard(async () => {
        if (!SERVER_ID.test(nativeId)) throw new NotFoundError(`${name}: no server ${nativeId}`, { provider: name })
        return cloneKamateraServer(creating, nativeId, spec, { signal })
      }),

    listSnapshots: (nativeId: string, { signal }: CallOptions) =>
      onServer(
        nativeId,
        async (): Promise<SnapshotInfo[]> =>
          (await listKamateraSnapshots(snapshots, nativeId, { signal })).map(({ id: _id, ...info }) => info),
      ),

    createSnapshot: (nativeId: string, spec: SnapshotSpec, { signal }: CallOptions) =>
      onServer(nativeId, () => createKamateraSnapshot(snapshots, nativeId, spec, { signal })),

    rollbackSnapshot: (nativeId: string, snapshotName: string, { signal }: CallOptions) =>
      onServer(nativeId, () => rollbackKamateraSnapshot(snapshots, nativeId, snapshotName, { signal })),

    deleteSnapshot: (nativeId: string, snapshotName: string, { signal }: CallOptions) =>
      onServer(nativeId, () => deleteKamateraSnapshot(snapshots, nativeId, snapshotName, { signal })),

    catalog: (location: string | undefined, { signal }: CallOptions) =>
      guard(() => kamateraCatalog(client, location, { signal })),

    provisionGuest: (spec: GuestSpec, { signal }: CallOptions) =>
      guard(() => provisionKamateraGuest(provisioning, spec, { signal })),

    // A create resumes with its command; only the servers listed before it are lost, so a create
    // whose answer was lost cannot be told apart from an older server of that name any more.
    resumeTask: (ref: string): TaskHandle => {
      if (isProvisionRef(ref)) return resumeKamateraProvisioning(provisioning, ref)
      const create = /^create:(\d+):(.+)$/.exec(ref)
      if (create) return followCreate(creating, { commandId: create[1]!, name: create[2]! })
      if (/^\d+$/.test(ref)) return command(ref)
      return lostCreateHandle(ref, ref.replace(/^lost-create:/, ''), options.pollIntervalMs)
    },

    close: () => client.close(),
  }
}
