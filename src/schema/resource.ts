import type { Provider, ResourceInfo } from '../providers/contract.js'
import { builder } from './builder.js'

type ResourceShape = ResourceInfo & { provider: string }

/** One provider's compute hosts, each named with the provider. */
export async function hostsOf(instance: Provider): Promise<ResourceShape[]> {
  const resources = await instance.listResources({ signal: AbortSignal.timeout(60_000) })
  return resources.map((resource) => ({ ...resource, provider: instance.name }))
}

const CpuUsage = builder.objectRef<ResourceInfo['cpu']>('CpuUsage').implement({
  fields: (t) => ({
    cores: t.exposeInt('cores', { nullable: true }),
    usage: t.exposeFloat('usage', { nullable: true, description: 'Percent.' }),
  }),
})

const MemoryUsage = builder.objectRef<ResourceInfo['memory']>('MemoryUsage').implement({
  description: 'GiB.',
  fields: (t) => ({
    total: t.exposeFloat('total', { nullable: true }),
    used: t.exposeFloat('used', { nullable: true }),
    free: t.exposeFloat('free', { nullable: true }),
  }),
})

const GuestCount = builder.objectRef<ResourceInfo['vms']>('GuestCount').implement({
  fields: (t) => ({ total: t.exposeInt('total'), running: t.exposeInt('running') }),
})

export const Resource = builder.objectRef<ResourceShape>('Resource').implement({
  description: 'One compute host: a Proxmox node, a Kamatera datacenter.',
  fields: (t) => ({
    provider: t.exposeString('provider'),
    name: t.exposeString('name'),
    status: t.exposeString('status', { description: '"online", "offline" or "unknown".' }),
    cpu: t.field({ type: CpuUsage, resolve: (resource) => resource.cpu }),
    memory: t.field({ type: MemoryUsage, resolve: (resource) => resource.memory }),
    vms: t.field({ type: GuestCount, resolve: (resource) => resource.vms }),
    containers: t.field({ type: GuestCount, resolve: (resource) => resource.containers }),
  }),
})

builder.queryField('resources', (t) =>
  t.field({
    type: [Resource],
    authScopes: { viewer: true },
    description:
      'Compute hosts of every provider (or of one), with their usage and guest counts; fails whole when a provider ' +
      'asked does not answer (`providers { name resources }` answers for each provider apart).',
    args: { provider: t.arg.string() },
    resolve: async (_root, { provider }, { hangar }) => {
      const chosen = provider ? [hangar.directory.provider(provider)] : hangar.providers
      return (await Promise.all(chosen.map(hostsOf))).flat()
    },
  }),
)
