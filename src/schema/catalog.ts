import type { Catalog as CatalogShape } from '../providers/contract.js'
import { UnsupportedError } from '../errors/index.js'
import { builder } from './builder.js'
import { CatalogNetwork } from './catalog-network.js'
import { CatalogStorage } from './catalog-storage.js'
import { providerNamed } from './run-operation.js'

const Location = builder.objectRef<CatalogShape['locations'][number]>('Location').implement({
  description: 'Where a server can go: a Kamatera datacenter, a Proxmox node.',
  fields: (t) => ({ id: t.exposeString('id'), name: t.exposeString('name') }),
})

const Image = builder.objectRef<CatalogShape['images'][number]>('Image').implement({
  fields: (t) => ({
    id: t.exposeString('id'),
    name: t.exposeString('name'),
    os: t.exposeString('os', { nullable: true }),
    location: t.exposeString('location'),
  }),
})

const CpuType = builder.objectRef<CatalogShape['cpuTypes'][number]>('CpuType').implement({
  fields: (t) => ({
    id: t.exposeString('id'),
    name: t.exposeString('name'),
    description: t.exposeString('description', { nullable: true }),
    cores: t.exposeIntList('cores', { description: 'The core counts offered.' }),
    memoryMb: t.exposeIntList('memoryMb', { description: 'The memory sizes offered.' }),
  }),
})

const Catalog = builder.objectRef<CatalogShape & { provider: string }>('Catalog').implement({
  description:
    'What a create form offers: locations, and for one location its images, CPU types, disk sizes, storages and ' +
    'networks.',
  fields: (t) => ({
    provider: t.exposeString('provider'),
    locations: t.field({ type: [Location], resolve: (catalog) => catalog.locations }),
    images: t.field({ type: [Image], resolve: (catalog) => catalog.images }),
    cpuTypes: t.field({ type: [CpuType], resolve: (catalog) => catalog.cpuTypes }),
    diskSizesGb: t.exposeIntList('diskSizesGb'),
    storages: t.field({
      type: [CatalogStorage],
      description: 'Where new disks can go (Proxmox); empty where the provider offers no choice.',
      resolve: (catalog) => catalog.storages ?? [],
    }),
    networks: t.field({
      type: [CatalogNetwork],
      description: 'What a new network card can join (Proxmox bridges); empty where the provider offers no choice.',
      resolve: (catalog) => catalog.networks ?? [],
    }),
  }),
})

builder.queryField('catalog', (t) =>
  t.field({
    type: Catalog,
    authScopes: { viewer: true },
    description: 'The reference data a create form needs, for one provider (and location).',
    args: { provider: t.arg.string({ required: true }), location: t.arg.string() },
    resolve: async (_root, { provider: name, location }, { hangar }) => {
      // A catalog is reference data, not a capability: a provider may offer one before it can create.
      const provider = providerNamed(hangar, name, null)
      if (!provider.catalog)
        throw new UnsupportedError(`${name}: the ${provider.plugin} provider has no catalog`, { provider: name })
      return {
        provider: name,
        ...(await provider.catalog(location ?? undefined, { signal: AbortSignal.timeout(60_000) })),
      }
    },
  }),
)
