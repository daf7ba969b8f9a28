import {
  freeGuestPort,
  type GuestEndpointView,
  type GuestExecMode,
  GuestRuntime,
  listenSimulator,
  randomGuestSubnet,
  SimulatorRouter,
} from 'hangar/provider-kit/testing'
import { randomBytes } from 'node:crypto'
import { CommandQueue } from './commands.js'
import type { SimCommand } from './commands.js'
import { KamateraFaults } from './faults.js'
import { kamateraGuestLifecycle } from './kamatera-guests.js'
import { queueItem } from './routes/queue.js'
import { allRoutes } from './routes/index.js'
import { buildState, demoSeed, emptySeed } from './seed.js'
import type { KamateraSeed } from './seed.js'
import { handleControlRequest } from './control-api.js'
import { handleApiRequest, type PipelineDeps } from './request-pipeline.js'
import type { KamateraState, SimNetwork, SimServer } from './state.js'

export type { CommandStatus, SimCommand } from './commands.js'
export type { FaultsPatch } from './control-api.js'
export type { DropRule, FaultRule, FaultSnapshot, RateLimitRule } from './faults.js'
export type { KamateraSeed, SeedServer, SeedVlan } from './seed.js'
export type { SimNetwork, SimServer, SimVlan } from './state.js'
export { KamateraFaults, SERVERS_INFO_FAILURE, TOO_MANY_ATTEMPTS } from './faults.js'
export { demoSeed, emptySeed } from './seed.js'
export { stableServerId } from './ids.js'
export { publicAddressOf } from './kamatera-guests.js'
export type { GuestEndpointView, GuestExecMode } from 'hangar/provider-kit/testing'

/** Options of {@link createKamateraSimulator}; every one has a default. */
export interface KamateraSimulatorOptions {
  /** Interface to listen on. Default `127.0.0.1`. */
  host?: string
  /** Port; default 0 (a free one). */
  port?: number
  /** Initial account: `demo` (default), `empty`, or a custom seed. */
  seed?: 'demo' | 'empty' | KamateraSeed
  /** How long each command takes from `pending` to `complete`, in ms. Default 1500. */
  commandDurationMs?: number
  /** The `AuthClientId` to accept. Default `hangar-client`. */
  clientId?: string
  /** The `AuthSecret` to accept. Default: random per instance. */
  secret?: string
  /** A create whose name is taken gets the final name `name(1)` (`name(2)`, ...). Default true. */
  nameClashSuffix?: boolean
  /**
   * Port of the SSH endpoint every powered-on server gets at its public address. Default 2222;
   * `0` picks one free port at start, shared by all servers (read it from `guestSshPort`): use
   * that when simulators may run side by side.
   */
  guestSshPort?: number
  /**
   * Second octet of the public addresses, `127.<guestSubnet>.<datacenter>.<host>`. Default:
   * picked at random per simulator (240-254; the Proxmox simulator's are 40-239).
   */
  guestSubnet?: number
  /**
   * How servers run the commands they get over SSH: `playback` (default) prints plausible output
   * and starts a stand-in app answering 200 `ok`; `execute` runs them with `bash -c` in a
   * throwaway home directory per server (see `plugins/simulated-guest`).
   */
  guestExec?: GuestExecMode
  /** Extra environment for `execute` mode commands (e.g. `GIT_CONFIG_*` to redirect clones). */
  guestEnv?: Record<string, string>
}

/** A server as tests see it: a copy taken at the time of the read. */
export type ServerView = SimServer

/** A command as tests see it: the queue item, plus the server id it acts on. */
export interface CommandView extends Omit<SimCommand, 'log'> {
  /** Lines joined by `\n`, as the queue shows it. */
  log: string
}

/** One API request as the simulator saw it, for assertions on order and spacing. */
export interface SimRequest {
  /** When it arrived (ms since the epoch). */
  at: number
  method: string
  path: string
  /** The HTTP status answered; undefined while unanswered or when the connection was dropped. */
  status?: number
}

/** Read access to the simulated account, for assertions. Each read is a fresh snapshot. */
export interface KamateraStateView {
  /** Every server by id, in list order. */
  readonly servers: ReadonlyMap<string, ServerView>
  /** One server by id. */
  server(id: string): ServerView | undefined
  /** The servers with exactly this name (no regex). */
  serversNamed(name: string): ServerView[]
  /** Every command, oldest first. */
  readonly commands: readonly CommandView[]
  /** One command by id (number or the string the API answered). */
  command(id: number | string): CommandView | undefined
  /** A server's SSH endpoint (address, port, host key, whether it listens), once it has been powered on. */
  guestEndpoint(id: string): GuestEndpointView | undefined
  /** The live internal state, for tests that need more (mutations show up in the API). */
  readonly raw: KamateraState
}

/** A running Kamatera cloudcli API simulator. */
export interface KamateraSimulator {
  /** `http://127.0.0.1:PORT` (plain HTTP on loopback); use it as the cloudcli API base URL. */
  url: string
  /** The accepted `AuthClientId`. */
  clientId: string
  /** The accepted `AuthSecret`. */
  secret: string
  /** Fault injection; `faults.reset()` clears everything. */
  faults: KamateraFaults
  state: KamateraStateView
  /** Number of `/service/...` and `/server/...` requests received so far (retries show up here). */
  readonly requests: number
  /** The latest of those requests (up to 10,000), oldest first (a copy). */
  readonly requestLog: readonly SimRequest[]
  /** The port of every server's SSH endpoint. */
  guestSshPort: number
  /** The public addresses are `127.<guestSubnet>.x.y`. */
  guestSubnet: number
  /** Resolves once the SSH endpoints and stand-in apps being started or stopped are settled. */
  guestsSettled(): Promise<void>
  /** Stops the API, every guest endpoint and process, and removes the guests' home directories. */
  close(): Promise<void>
}

const REQUEST_LOG_SIZE = 10_000

function copyServer(s: SimServer): ServerView {
  return {
    ...s,
    diskSizes: [...s.diskSizes],
    networks: s.networks.map((n: SimNetwork) => ({ network: n.network, ips: [...n.ips] })),
    tags: [...s.tags],
  }
}

function commandView(c: SimCommand): CommandView {
  const item = queueItem(c)
  return { ...(item as Omit<CommandView, 'serverId'>), serverId: c.serverId }
}

/**
 * Starts a loopback Kamatera cloudcli API (`https://cloudcli.cloudwm.com` look-alike) for tests and local development.
 */
export async function createKamateraSimulator(options: KamateraSimulatorOptions = {}): Promise<KamateraSimulator> {
  const {
    host = '127.0.0.1',
    port = 0,
    seed = 'demo',
    commandDurationMs = 1500,
    clientId = 'hangar-client',
    secret = randomBytes(18).toString('base64url'),
    nameClashSuffix = true,
    guestSshPort: requestedSshPort = 2222,
    guestSubnet = randomGuestSubnet(240, 15),
    guestExec = 'playback',
    guestEnv = {},
  } = options
  const world = buildState(seed === 'demo' ? demoSeed() : seed === 'empty' ? emptySeed() : seed, guestSubnet)
  const guestSshPort = requestedSshPort === 0 ? await freeGuestPort(guestSubnet) : requestedSshPort
  const runtime = new GuestRuntime({ sshPort: guestSshPort, mode: guestExec, env: guestEnv })
  world.lifecycle = kamateraGuestLifecycle(runtime)
  for (const server of world.servers.values()) if (server.power === 'on') world.lifecycle.started(server)
  await runtime.settled()
  const commands = new CommandQueue(commandDurationMs)
  const faults = new KamateraFaults()
  // Bounded: the demo gateway runs this simulator for as long as it serves.
  const requestLog: SimRequest[] = []
  let requests = 0
  const deps: PipelineDeps = {
    router: new SimulatorRouter(allRoutes()),
    key: { clientId, secret },
    state: world,
    commands,
    faults,
    behaviour: { nameClashSuffix },
    recordRequest: (method, path) => {
      const entry: SimRequest = { at: Date.now(), method, path }
      requests += 1
      requestLog.push(entry)
      if (requestLog.length > REQUEST_LOG_SIZE) requestLog.shift()
      return entry
    },
  }
  const server = await listenSimulator({
    host,
    port,
    control: (req, res) => handleControlRequest(req, res, faults),
    api: (req, res) => handleApiRequest(req, res, deps),
    crashed: (res, err) => {
      res.statusCode = 500
      res.setHeader('Content-Type', 'application/json')
      res.end(JSON.stringify({ message: String(err) }))
    },
  })
  return {
    url: server.url,
    clientId,
    secret,
    faults,
    state: {
      get servers() {
        return new Map([...world.servers].map(([id, s]) => [id, copyServer(s)]))
      },
      server: (id) => {
        const s = world.servers.get(id)
        return s ? copyServer(s) : undefined
      },
      serversNamed: (name) => [...world.servers.values()].filter((s) => s.name === name).map(copyServer),
      get commands() {
        return commands.commands.map(commandView)
      },
      command: (id) => {
        const c = commands.find(Number(id))
        return c ? commandView(c) : undefined
      },
      guestEndpoint: (id) => runtime.endpoint(id),
      raw: world,
    },
    get requests() {
      return requests
    },
    get requestLog() {
      return requestLog.map((entry) => ({ ...entry }))
    },
    guestSshPort,
    guestSubnet,
    guestsSettled: () => runtime.settled(),
    close: async () => {
      commands.dispose()
      await Promise.all([server.close(), runtime.close()])
    },
  }
}
