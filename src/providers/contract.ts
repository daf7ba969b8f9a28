/**
 * The provider contract: everything the Hangar core knows about a provider.
 *
 * A provider is one configured instance of a plugin (for example the `proxmox` plugin pointed at
 * the cluster the config calls `pve-lab`). The core never talks to an upstream API itself: it
 * asks a {@link Provider} for servers and resources, and asks it to start long-running work, which
 * comes back as a {@link TaskHandle} that the core follows (polls) until it ends, with a deadline
 * and an `AbortSignal`.
 *
 * Guarantees the core gives a provider:
 * - mutating calls (`power`, `destroy`) for one server are never made concurrently: the core
 *   queues them per server and only issues the next one once the previous task has ended;
 * - every call gets an `AbortSignal`; a provider passes it on to its HTTP client;
 * - server ids given back to the provider are the `nativeId` it reported.
 *
 * Errors: a provider throws the kit's error classes (`NotFoundError`, `ConflictError`,
 * `BadInputError`, `ProviderUnavailableError`, `ProviderError`, `UnsupportedError`) so that the
 * client sees the public code (`NOT_FOUND`, `CONFLICT`, ...). They are recognised by a mark and
 * their `code`, not by class identity, so a plugin's own copy of the kit works. Anything else is
 * treated as an internal error and masked.
 *
 * @example A minimal plugin module (published as its own package, loaded by specifier; see
 * `examples/provider-template/`):
 * ```ts
 * import { z } from 'zod'
 * import type { ProviderPlugin } from 'hangar/provider-kit'
 *
 * const plugin: ProviderPlugin<{ url: string }> = {
 *   name: 'acme',
 *   optionsSchema: z.object({ url: z.string().url() }),
 *   create: (instance, options) => createAcmeProvider(instance, options),
 * }
 * export default plugin
 * ```
 */
import type { StandardSchemaV1 } from '../provider-kit/standard-schema.js'

/** What a provider can do. Core checks these before calling optional members. */
export type Capability =
  | 'power'
  | 'destroy'
  | 'create'
  | 'resize'
  | 'clone'
  | 'deploy:vm'
  | 'deploy:lxc'
  | 'snapshot'
  | (string & {})

export type PowerAction = 'start' | 'stop' | 'reboot'

export type ServerState = 'RUNNING' | 'STOPPED' | 'PAUSED' | 'PROVISIONING' | 'UNKNOWN'
export type ServerKindName = 'VM' | 'CONTAINER'

/** One server as a provider reports it. */
export interface ServerInfo {
  /** The provider's own id, stable across restarts (for Proxmox: `qemu/101`, `lxc/201`). */
  nativeId: string
  name: string
  kind: ServerKindName
  status: ServerState
  /** Kamatera datacenter, Proxmox node. */
  location?: string | null
  /** Cores. */
  cpu?: number | null
  memoryMb?: number | null
  diskGb?: number | null
  ips: string[]
  /** Every property the upstream reports, for a "show everything" view. Never secrets. */
  details: Record<string, unknown>
}

/** One compute host: a Proxmox node, a Kamatera datacenter. */
export interface ResourceInfo {
  name: string
  status: 'online' | 'offline' | 'unknown'
  cpu: { cores: number | null; usage: number | null }
  /** GiB. */
  memory: { total: number | null; used: number | null; free: number | null }
  vms: { total: number; running: number }
  containers: { total: number; running: number }
}

/** Options every provider call receives. */
export interface CallOptions {
  signal?: AbortSignal
}

/** What one poll of a task tells the core. */
export interface TaskProgress {
  state: 'running' | 'succeeded' | 'failed'
  /** Log lines that appeared since the previous poll, in order, without the upstream's numbering. */
  lines: string[]
  /** Why the task failed, when `state` is `failed`. */
  error?: string
  /**
   * A new reference to resume this task by, when the handle moved on to another upstream task
   * (a destroy that first stops the guest runs two).
   */
  ref?: string
  /** The server the task made (create, clone), once the provider knows its id. */
  serverNativeId?: string
  /** How to reach a guest made by `provisionGuest`, on its final (succeeded) poll. */
  guest?: GuestAccess
}

/** A guest for a deployment, as the engine asks a provider with `deploy:vm` / `deploy:lxc` for one. */
export interface GuestSpec {
  kind: ServerKindName
  /** Hostname and guest name. */
  name: string
  cpu: number
  memoryMb: number
  diskGb: number
  /** The deployment's own public key (OpenSSH format), authorised for `sshUser`. */
  sshPublicKey: string
  /** Where to put it (a Proxmox node); the provider's default when left out. */
  location?: string
}

/** How the engine reaches a provisioned guest over SSH. */
export interface GuestAccess {
  nativeId: string
  /** Proxmox node, Kamatera datacenter. */
  location: string | null
  ip: string
  sshPort: number
  /** The user the public key was authorised for (`deploy` on a VM, `root` in a container). */
  sshUser: string
}

/**
 * Long-running upstream work (a Proxmox UPID, a Kamatera command id). The core polls it every
 * `pollIntervalMs` until it is no longer `running`, the deadline passes or the signal aborts.
 */
export interface TaskHandle {
  /** An opaque string the provider can resume the task from after a gateway restart. */
  readonly ref: string
  /** How often the core should poll. */
  readonly pollIntervalMs: number
  /** When the core gives up on the task and records it as failed. */
  readonly deadline: Date
  /** Reads the task's state and the log lines that appeared since the last poll. */
  poll(options: CallOptions): Promise<TaskProgress>
}

/**
 * A new server, the same for every provider. What only one provider understands goes in
 * `options`, which the plugin validates (Kamatera: CPU type, billing, backups, ...).
 */
export interface ServerSpec {
  name: string
  /** Kamatera datacenter, Proxmox node; the provider's default when left out. */
  location?: string
  /** An image (or template) id from the catalog, or its name. */
  image: string
  /** Cores. */
  cpu: number
  memoryMb: number
  diskGb: number
  /** A secret: never logged, never stored by Hangar. */
  password?: string
  /** A public key to log in with. */
  sshKey?: string
  /** Power the server on once made (default true). */
  powerOn?: boolean
  /** VM or container; left out, what the image makes (a container template makes a container), else VM. */
  kind?: ServerKindName
  options?: Record<string, unknown>
}

/**
 * One change to a server's size: providers such as Kamatera take one per call. `diskGb` is the
 * new total size of the main disk, grow only (a provider refuses a shrink with BAD_USER_INPUT).
 */
export type ServerChange = { cpu: number } | { memoryMb: number } | { diskGb: number }

/** One snapshot of a server, as its provider reports it. */
export interface SnapshotInfo {
  /** The id within its server (Proxmox snapname; Kamatera's snapshot name). */
  name: string
  description: string | null
  createdAt: Date | null
  /** The snapshot it was taken after, when the provider says. */
  parent: string | null
  /** A VM snapshot with RAM state (Proxmox vmstate). */
  includesMemory: boolean
}

/** A snapshot to take. The core has checked `name` (a letter, then letters, digits, `-` or `_`; at most 40). */
export interface SnapshotSpec {
  name: string
  description?: string
  /** With RAM state, for running VMs of providers that keep it. */
  includeMemory?: boolean
}

/** A copy of a server under a new name; unset sizes are copied from the source. */
export interface CloneSpec {
  name: string
  /** Where the copy goes (a Proxmox node); the source's own when left out. */
  location?: string
  cpu?: number
  memoryMb?: number
  powerOn?: boolean
  options?: Record<string, unknown>
}

/** What a create form offers for one provider (and location). */
export interface Catalog {
  locations: { id: string; name: string }[]
  images: { id: string; name: string; os: string | null; location: string }[]
  cpuTypes: { id: string; name: string; description: string | null; cores: number[]; memoryMb: number[] }[]
  diskSizesGb: number[]
  /** Where new disks can go, per location (Proxmox storages); left out by providers without a choice. */
  storages?: CatalogStorage[]
  /** What a new server's network card can join, per location (Proxmox bridges). */
  networks?: CatalogNetwork[]
}

/** One storage of a location, as a create form offers it. */
export interface CatalogStorage {
  /** `local-lvm`; what `options.storage` takes. */
  id: string
  location: string
  /** `lvmthin`, `dir`, `nfs`, ... */
  type: string
  /** What it holds: `images`, `rootdir`, `iso`, `vztmpl`, ... */
  content: string[]
  /** Reached by every location (a copy onto another node needs no migration). */
  shared: boolean
  /** Free space, GB; null when the provider does not say. */
  availableGb: number | null
}

/** One network of a location, e.g. a Proxmox bridge; what `options.bridge` takes. */
export interface CatalogNetwork {
  id: string
  location: string
  /** The bridge's address or comment, when it has one. */
  description: string | null
}

/** A configured provider instance. */
export interface Provider {
  /** Instance name from the config, e.g. `pve-lab`. Prefix of every server id. */
  readonly name: string
  /** The plugin that made it, e.g. `proxmox`. */
  readonly plugin: string
  readonly capabilities: readonly Capability[]

  /**
   * Checks that the upstream can be reached and that the credentials work. Throws a
   * `ProviderUnavailableError` explaining why not (never including a secret).
   */
  checkConnection(options: CallOptions): Promise<void>

  /** Every server (templates excluded). */
  listServers(options: CallOptions): Promise<ServerInfo[]>

  /** One server, or `undefined` when the provider has none with that id. */
  getServer(nativeId: string, options: CallOptions): Promise<ServerInfo | undefined>

  /** Compute hosts with their usage. */
  listResources(options: CallOptions): Promise<ResourceInfo[]>

  /** Starts a power action; requires the `power` capability. */
  power?(nativeId: string, action: PowerAction, options: CallOptions): Promise<TaskHandle>

  /** Destroys a server, stopping it first when needed; requires the `destroy` capability. */
  destroy?(nativeId: string, options: CallOptions): Promise<TaskHandle>

  /** Makes a new server; requires the `create` capability. Never retried blindly: a lost answer may have made one. */
  createServer?(spec: ServerSpec, options: CallOptions): Promise<TaskHandle>

  /** Changes one size of a server; requires the `resize` capability. */
  resizeServer?(nativeId: string, change: ServerChange, options: CallOptions): Promise<TaskHandle>

  /** Copies a server; requires the `clone` capability. */
  cloneServer?(nativeId: string, spec: CloneSpec, options: CallOptions): Promise<TaskHandle>

  /**
   * Makes and starts a guest for a deployment, authorises its SSH key, and waits until it has an
   * address; the handle's final poll carries {@link TaskProgress.guest}. A guest left half-made by
   * a failure is destroyed by the provider before the handle reports the failure. Requires
   * `deploy:vm` or `deploy:lxc` for the kind.
   */
  provisionGuest?(spec: GuestSpec, options: CallOptions): Promise<TaskHandle>

  /** The server's snapshots, oldest first; requires the `snapshot` capability. */
  listSnapshots?(nativeId: string, options: CallOptions): Promise<SnapshotInfo[]>

  /** Takes a snapshot; requires `snapshot`. A server locked by other work is CONFLICT. */
  createSnapshot?(nativeId: string, spec: SnapshotSpec, options: CallOptions): Promise<TaskHandle>

  /** Rolls the server back to the snapshot named `name`; requires `snapshot`. Unknown name: NOT_FOUND. */
  rollbackSnapshot?(nativeId: string, name: string, options: CallOptions): Promise<TaskHandle>

  /** Deletes the snapshot named `name`; requires `snapshot`. Unknown name: NOT_FOUND. */
  deleteSnapshot?(nativeId: string, name: string, options: CallOptions): Promise<TaskHandle>

  /** Locations, images and CPU types a create form needs (one location's, when given). */
  catalog?(location: string | undefined, options: CallOptions): Promise<Catalog>

  /** Rebuilds a handle from {@link TaskHandle.ref} after a gateway restart. */
  resumeTask?(ref: string): TaskHandle

  /** Releases sockets and timers. */
  close?(): Promise<void>
}

/** What a plugin module exports as default: how to build a provider from its options. */
export interface ProviderPlugin<Options = unknown> {
  /** The plugin's name as used in config (`"plugin": "proxmox"`). */
  readonly name: string
  /**
   * Validates the instance's options (from the config file or the environment): any Standard
   * Schema (zod 3.24+, Valibot, ArkType, ...). An issue's path names the option.
   */
  readonly optionsSchema: StandardSchemaV1<unknown, Options>
  /** Builds one instance. Must not do network I/O: the core calls `checkConnection` later. */
  create(instanceName: string, options: Options, context: ProviderContext): Provider
}

/**
 * The logger a plugin is given: structured fields first, then the message. Hangar hands a pino
 * logger, which has more; a plugin needs only these.
 */
export interface ProviderLogger {
  debug(fields: object, message?: string): void
  info(fields: object, message?: string): void
  warn(fields: object, message?: string): void
  error(fields: object, message?: string): void
  child(bindings: Record<string, unknown>): ProviderLogger
}

/** One call a provider plugin made to its upstream API (one HTTP attempt). */
export interface UpstreamCall {
  /** `GET`, `POST`, ... */
  method: string
  /** The HTTP status, when an answer came. */
  status?: number
  /** `ok` for a 2xx answer; `error` for any other answer or none (timeout, refused connection). */
  outcome: 'ok' | 'error'
  /** How long the attempt took. */
  seconds: number
}

/**
 * What a provider plugin tells the gateway of its upstream calls, for `GET /metrics`. Handed to a
 * plugin in its `ProviderContext`; a plugin that does not call it simply has no upstream figures.
 */
export interface UpstreamObserver {
  observe(call: UpstreamCall): void
}

/** What the core hands a plugin when it builds a provider. */
export interface ProviderContext {
  /** The instance's logger (already bound to `provider: <instance name>`). Never log a secret. */
  logger: ProviderLogger
  /**
   * Told of every HTTP attempt the plugin makes to its upstream (method, status, duration), for the
   * gateway's `GET /metrics`. Optional for a plugin; the built-in clients report every attempt.
   */
  upstream?: UpstreamObserver
}
