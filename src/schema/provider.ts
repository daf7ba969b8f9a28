import type { Provider as ProviderInstance } from '../providers/contract.js'
import { builder } from './builder.js'
import { hostsOf, Resource } from './resource.js'

/** A configured provider instance and whether it answers. */
export const Provider = builder.objectRef<ProviderInstance>('Provider').implement({
  description: 'A configured provider instance (a Proxmox cluster, a Kamatera account).',
  fields: (t) => ({
    name: t.exposeString('name', { description: 'Instance name from the config, e.g. "pve-lab".' }),
    plugin: t.exposeString('plugin', { description: '"proxmox", "kamatera" or a third-party plugin name.' }),
    connected: t.boolean({
      description: 'Whether the upstream answers and accepts our credentials (checked at most every few seconds).',
      resolve: async (provider, _args, { hangar }) => (await hangar.providerStatus.check(provider)).connected,
    }),
    error: t.string({
      nullable: true,
      description: 'Why the provider is not connected; never a secret.',
      resolve: async (provider, _args, { hangar }) => (await hangar.providerStatus.check(provider)).error,
    }),
    capabilities: t.stringList({ resolve: (provider) => [...provider.capabilities] }),
    resources: t.field({
      type: [Resource],
      nullable: true,
      description:
        "This provider's compute hosts; null, with an error at this path saying why, when it does not answer. " +
        "Asked of every provider at once, one that is down hides no other's hosts.",
      resolve: (provider) => hostsOf(provider),
    }),
  }),
})

builder.queryField('providers', (t) =>
  t.field({
    type: [Provider],
    authScopes: { viewer: true },
    description: 'Every configured provider instance.',
    resolve: (_root, _args, { hangar }) => [...hangar.providers],
  }),
)
