import {
  type CallOptions,
  type CloneSpec,
  type GuestSpec,
  NotFoundError,
  type PowerAction,
  type Provider,
  type ProviderLogger as Logger,
  type ServerChange,
  type ServerInfo,
  type ServerSpec,
  type SnapshotSpec,
  type TaskHandle,
  UnsupportedError,
  type UpstreamObserver,
} from 'hangar/provider-kit'
import { cloneServer } from './clone-server.js'
import { listClusterGuests } from './cluster-guests.js'
import { createServer } from './create-server.js'
import { createGuestAddressCache } from './guest-address-cache.js'
import { findGuestIps, readGuestIps } from './guest-ips.js'
import { waitUntilUnlocked } from './guest-lock-wait.js'
import {
  checkProxmoxSnapshotName,
  createGuestSnapshot,
  listGuestSnapshots,
  startSnapshotTask,
} from './guest-snapshots.js'
import { mapProxmoxError } from './map-error.js'
import { mapResources } from './map-resources.js'
import { guestState, isListedGuest, mapGuest } from './map-server.js'
import type { ProxmoxOptions } from './options.js'
import { provisionGuest, resumeProvisioning } from './provision-guest.js'
import { proxmoxCatalog } from './proxmox-catalog.js'
import { isProvisionRef } from './provision-task.js'
import { createProxmoxClient, type ProxmoxClient } from './proxmox-client.js'
import { createProxmoxTask, type NextStep } from './proxmox-task.js'
import { resizeGuest } from './resize-guest.js'
import {
  clusterResourcesSchema,
  guestConfigSchema,
  guestStatusSchema,
  upidSchema,
  versionSchema,
  type ClusterResource,
} from './upstream-schemas.js'

/** Server ids are Proxmox's own resource ids: `qemu/101`, `lxc/201`. */
const NATIVE_ID = /^(qemu|lxc)\/(\d{3,9})$/

/** Config keys whose values are secrets and never leave the plugin. */
const SECRET_CONFIG_KEYS = new Set(['cipassword', 'password'])

/** Marks a ref whose task is a stop to be followed by a delete (see `resumeTask`). */
const THEN_DELETE = '#then=delete:'

/** The ref of a change Proxmox made at once (a container's config PUT answers null). */
const DONE = 'done:'

/**
 * Builds the provider of one Proxmox VE cluster. Its only I/O of its own is the background read
 * of the running guests' addresses (every `addressRefreshMs`), which `close()` stops.
 */
export function createProxmoxProvider(
  name: string,
  options: ProxmoxOptions,
  logger: Logger,
  upstream?: UpstreamObserver,
): Provider {
  const client: ProxmoxClient = createProxmoxClient(options, logger, upstream)

  /** Runs an upstream call and maps its failure to the public error codes. */
  async function guard<T>(work: () => Promise<T>): Promise<T> {
    try {
      return await work()
    } catch (error) {
      throw mapProxmoxError(error, name)
    }
  }

  async function guests(signal?: AbortSignal): Promise<ClusterResource[]> {
    return (await listClusterGuests(client, signal)).filter(isListedGuest)
  }

  /** Finds the node a guest lives on now (guests migrate), or throws NOT_FOUND. */
  async function locate(
    nativeId: string,
    signal?: AbortSignal,
  ): Promise<ClusterResource & { node: string; vmid: number }> {
    const found = NATIVE_ID.test(nativeId) ? (await guests(signal)).find((item) => item.id === nativeId) : undefined
    if (!found?.node || found.vmid === undefined)
      throw new NotFoundError(`${name}: no guest ${nativeId}`, { provider: name })
    return found as ClusterResource & { node: string; vmid: number }
  }

  function guestPath(guest: { node: string; type: string; vmid: number }): string {
    return `/nodes/${guest.node}/${guest.type}/${guest.vmid}`
  }

  // The list shows addresses from here: asking every guest's agent on each list would be slow.
  const addresses = createGuestAddressCache({
    listGuests: guests,
    readIps: (guest, signal) => readGuestIps(client, guest, signal),
    refreshMs: options.addressRefreshMs,
    callTimeoutMs: options.requestTimeoutMs,
    logger,
  })

  function task(upid: string, then?: NextStep, refSuffix?: string): TaskHandle {
    return createProxmoxTask(client, upid, {
      pollIntervalMs: options.pollIntervalMs,
      deadline: new Date(Date.now() + options.taskTimeoutMs),
      then,
      refSuffix,
    })
  }

  /** A handle for work that ended with the call itself: its first poll says so. */
  function doneTask(what: string, lines: string[]): TaskHandle {
    return {
      ref: `${DONE}${what}`,
      pollIntervalMs: options.pollIntervalMs,
      deadline: new Date(Date.now() + options.taskTimeoutMs),
      poll: async () => ({ state: 'succeeded', lines }),
    }
  }

  /** The delete that ends a destroy, run once the guest is stopped. */
  function deleteStep(nativeId: string): NextStep {
    return async () => {
      const guest = await guard(() => locate(nativeId))
      const upid = await guard(() =>
        client.request('DELETE', guestPath(guest), {
          params: { purge: true, 'destroy-unreferenced-disks': true },
          schema: upidSchema,
        }),
      )
      return { upid, announce: `stopped; deleting ${nativeId}` }
    }
  }

  /** The guest once no other work holds its lock (CONFLICT after `retryDeadlineMs`). */
  function unlockedGuest(nativeId: string, signal?: AbortSignal) {
    return waitUntilUnlocked(() => locate(nativeId, signal), {
      deadlineMs: options.retryDeadlineMs,
      providerName: name,
      signal,
    })
  }

  /** Rolls back to, or deletes, a snapshot of the guest once no other work holds its lock. */
  async function snapshotTask(nativeId: string, action: 'rollback' | 'delete', snapshot: string, signal?: AbortSignal) {
    return task(await startSnapshotTask(client, await unlockedGuest(nativeId, signal), action, snapshot, name, signal))
  }

  return {
    name,
    plugin: 'proxmox',
    capabilities: ['power', 'destroy', 'create', 'clone', 'resize', 'deploy:vm', 'deploy:lxc', 'snapshot'],

    checkConnection: ({ signal }: CallOptions) =>
      guard(async () => {
        await client.request('GET', '/version', { schema: versionSchema, signal })
      }),

    listServers: ({ signal }: CallOptions) =>
      // A guest that is not running shows no address, even before the next refresh drops it.
      guard(async () =>
        (await guests(signal)).map((item) => mapGuest(item, item.status === 'running' ? addresses.ips(item.id) : [])),
      ),

    getServer: (nativeId: string, { signal }: CallOptions) =>
      guard(async (): Promise<ServerInfo | undefined> => {
        if (!NATIVE_ID.test(nativeId)) return undefined
        const found = (await guests(signal)).find((item) => item.id === nativeId)
        if (!found?.node || found.vmid === undefined) return undefined
        const guest = { ...found, node: found.node, vmid: found.vmid }
        const [status, config] = await Promise.all([
          client.request('GET', `${guestPath(guest)}/status/current`, { schema: guestStatusSchema, signal }),
          client.request('GET', `${guestPath(guest)}/config`, { schema: guestConfigSchema, signal }),
        ])
        const ips = status.status === 'running' ? await findGuestIps(client, guest, config, signal) : []
        const visibleConfig = Object.fromEntries(Object.entries(config).filter(([key]) => !SECRET_CONFIG_KEYS.has(key)))
        const server = mapGuest(guest, ips)
        return {
          ...server,
          status: guestState(status.status, status.lock ?? guest.lock, status.qmpstatus),
          details: { ...server.details, qmpstatus: status.qmpstatus, lock: status.lock, config: visibleConfig },
        }
      }),

    listResources: ({ signal }: CallOptions) =>
      guard(async () =>
        mapResources(await client.request('GET', '/cluster/resources', { schema: clusterResourcesSchema, signal })),
      ),

    power: (nativeId: string, action: PowerAction, { signal }: CallOptions) =>
      guard(async () => {
        const guest = await locate(nativeId, signal)
        const upid = await client.request('POST', `${guestPath(guest)}/status/${action}`, {
          schema: upidSchema,
          signal,
        })
        return task(upid)
      }),

    destroy: (nativeId: string, { signal }: CallOptions) =>
      guard(async () => {
        const guest = await locate(nativeId, signal)
        addresses.forget(nativeId)
        if (guest.status === 'running') {
          // Proxmox refuses to delete a running VM: stop it (a hard power-off) first.
          const upid = await client.request('POST', `${guestPath(guest)}/status/stop`, {
            schema: upidSchema,
            signal,
            idempotent: true,
          })
          return task(upid, deleteStep(nativeId), `${THEN_DELETE}${nativeId}`)
        }
        const upid = await client.request('DELETE', guestPath(guest), {
          params: { purge: true, 'destroy-unreferenced-disks': true },
          schema: upidSchema,
          signal,
        })
        return task(upid)
      }),

    createServer: (spec: ServerSpec, { signal }: CallOptions) =>
      guard(() => createServer(client, options, spec, signal)),

    cloneServer: (nativeId: string, spec: CloneSpec, { signal }: CallOptions) =>
      guard(async () => {
        const source = await locate(nativeId, signal)
        return cloneServer(
          client,
          options,
          {
            provider: name,
            type: source.type as 'qemu' | 'lxc',
            vmid: source.vmid,
            node: source.node,
            status: source.status,
            name: source.name,
          },
          spec,
          signal,
        )
      }),

    resizeServer: (nativeId: string, change: ServerChange, { signal }: CallOptions) =>
      guard(async () => {
        const guest = await locate(nativeId, signal)
        const started = await resizeGuest(
          client,
          { provider: name, node: guest.node, type: guest.type, vmid: guest.vmid },
          change,
          signal,
        )
        // No task means the change is already made (a container's config PUT is synchronous).
        if (started.upid === null) return doneTask(nativeId, [`${started.summary}: done`])
        return task(started.upid)
      }),

    listSnapshots: (nativeId: string, { signal }: CallOptions) =>
      guard(async () => listGuestSnapshots(client, await locate(nativeId, signal), signal)),

    createSnapshot: (nativeId: string, spec: SnapshotSpec, { signal }: CallOptions) =>
      guard(async () => {
        // A name Proxmox refuses is the caller's mistake, told at once rather than after a lock wait.
        checkProxmoxSnapshotName(spec.name)
        return task(await createGuestSnapshot(client, await unlockedGuest(nativeId, signal), spec, name, signal))
      }),

    rollbackSnapshot: (nativeId: string, snapshot: string, { signal }: CallOptions) =>
      guard(() => snapshotTask(nativeId, 'rollback', snapshot, signal)),

    deleteSnapshot: (nativeId: string, snapshot: string, { signal }: CallOptions) =>
      guard(() => snapshotTask(nativeId, 'delete', snapshot, signal)),

    catalog: (location: string | undefined, { signal }: CallOptions) =>
      guard(() => proxmoxCatalog(client, location, signal)),

    provisionGuest: async (spec: GuestSpec) => {
      if (spec.kind !== 'VM' && spec.kind !== 'CONTAINER')
        throw new UnsupportedError(`${name}: cannot provision a guest of kind ${String(spec.kind)}`)
      return provisionGuest(client, options, spec)
    },

    resumeTask(ref: string): TaskHandle {
      if (isProvisionRef(ref)) return resumeProvisioning(client, options, ref)
      if (ref.startsWith(DONE)) return doneTask(ref.slice(DONE.length), [])
      const [upid, deleteAfter] = ref.split(THEN_DELETE)
      return deleteAfter ? task(upid!, deleteStep(deleteAfter), `${THEN_DELETE}${deleteAfter}`) : task(upid!)
    },

    async close() {
      await addresses.close()
      await client.close()
    },
  }
}
