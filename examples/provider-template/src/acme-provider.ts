import {
  hasErrorCode,
  ProviderError,
  type CallOptions,
  type PowerAction,
  type Provider,
  type ProviderLogger,
  type ResourceInfo,
  type ServerInfo,
  type ServerState,
  type TaskHandle,
  type UpstreamObserver,
} from 'hangar/provider-kit'
import { call, createAcmeClient } from './acme-client.js'
import { operationTask } from './operation-task.js'
import type { AcmeOptions } from './options.js'

/** A server as `GET /v1/servers` lists it. */
interface AcmeServer {
  id: string
  name: string
  state: string
  region: string
  cpus: number
  memory_mb: number
  disk_gb: number
  ipv4: string[]
}

/** A region as `GET /v1/regions` lists it. */
interface AcmeRegion {
  id: string
  cpus: number
  memory_gb: number
  memory_gb_used: number
}

const STATES: Record<string, ServerState> = {
  running: 'RUNNING',
  stopped: 'STOPPED',
  starting: 'PROVISIONING',
  stopping: 'RUNNING',
}

/** Acme ids are `srv-` and a number: anything else names no server, without asking. */
const SERVER_ID = /^srv-[1-9][0-9]{0,8}$/

/** Reads one listed server at the edge: what does not have the expected shape is refused, not guessed at. */
function toServerInfo(server: AcmeServer, instance: string): ServerInfo {
  if (typeof server?.id !== 'string' || typeof server.name !== 'string' || !Array.isArray(server.ipv4)) {
    throw new ProviderError(`${instance}: unexpected server in Acme's answer`, { provider: instance })
  }
  return {
    nativeId: server.id,
    name: server.name,
    kind: 'VM',
    status: STATES[server.state] ?? 'UNKNOWN',
    location: server.region,
    cpu: server.cpus,
    memoryMb: server.memory_mb,
    diskGb: server.disk_gb,
    ips: server.ipv4,
    details: { ...server },
  }
}

/**
 * One configured Acme account. Every call passes the caller's signal on; power and destroy answer
 * an operation, which the gateway follows through {@link operationTask}.
 */
export function createAcmeProvider(
  instance: string,
  options: AcmeOptions,
  logger: ProviderLogger,
  upstream?: UpstreamObserver,
): Provider {
  const client = createAcmeClient(options, logger, upstream)
  const task = (id: string) => operationTask(client, instance, id, options)

  async function listServers({ signal }: CallOptions): Promise<ServerInfo[]> {
    const { servers } = await call<{ servers: AcmeServer[] }>(client, instance, {
      method: 'GET',
      path: '/servers',
      signal,
    })
    return servers.map((server) => toServerInfo(server, instance))
  }

  async function startOperation(request: Parameters<typeof call>[2]): Promise<TaskHandle> {
    const { operation } = await call<{ operation: { id: string } }>(client, instance, request)
    return task(operation.id)
  }

  return {
    name: instance,
    plugin: 'acme',
    capabilities: ['power', 'destroy'],

    async checkConnection({ signal }) {
      await call(client, instance, { method: 'GET', path: '/regions', signal })
    },

    listServers,

    async getServer(nativeId, { signal }) {
      if (!SERVER_ID.test(nativeId)) return undefined
      try {
        const { server } = await call<{ server: AcmeServer }>(client, instance, {
          method: 'GET',
          path: `/servers/${nativeId}`,
          signal,
        })
        return toServerInfo(server, instance)
      } catch (error) {
        if (hasErrorCode(error, 'NOT_FOUND')) return undefined
        throw error
      }
    },

    async listResources({ signal }): Promise<ResourceInfo[]> {
      const [{ regions }, servers] = await Promise.all([
        call<{ regions: AcmeRegion[] }>(client, instance, { method: 'GET', path: '/regions', signal }),
        listServers({ signal }),
      ])
      return regions.map((region) => {
        const here = servers.filter((server) => server.location === region.id)
        return {
          name: region.id,
          status: 'online',
          cpu: { cores: region.cpus, usage: null },
          memory: {
            total: region.memory_gb,
            used: region.memory_gb_used,
            free: region.memory_gb - region.memory_gb_used,
          },
          vms: { total: here.length, running: here.filter((server) => server.status === 'RUNNING').length },
          containers: { total: 0, running: 0 },
        }
      })
    },

    // Starting work is not idempotent: the kit never repeats these calls, whatever happened to the answer.
    power(nativeId, action: PowerAction, { signal }) {
      return startOperation({
        method: 'POST',
        path: `/servers/${encodeURIComponent(nativeId)}/actions`,
        json: { type: action },
        signal,
      })
    },

    destroy(nativeId, { signal }) {
      return startOperation({
        method: 'DELETE',
        path: `/servers/${encodeURIComponent(nativeId)}`,
        // Already the default for anything but GET and HEAD; said here because a DELETE is often
        // thought idempotent: this one starts an operation, which a repeat would start again.
        idempotent: false,
        signal,
      })
    },

    resumeTask: (ref) => task(ref),

    close: () => client.close(),
  }
}
