import type { ProviderPlugin } from 'hangar/provider-kit'
import { proxmoxOptionsSchema, type ProxmoxOptions } from './options.js'
import { createProxmoxProvider } from './proxmox-provider.js'

export { createProxmoxProvider } from './proxmox-provider.js'
export { proxmoxOptionsSchema, type ProxmoxOptions } from './options.js'

/** The Proxmox VE plugin: QEMU VMs and LXC containers of every node of a cluster. */
const proxmoxPlugin = {
  name: 'proxmox',
  optionsSchema: proxmoxOptionsSchema,
  create: (instanceName, options, { logger, upstream }) =>
    createProxmoxProvider(instanceName, options, logger, upstream),
} satisfies ProviderPlugin<ProxmoxOptions>

export default proxmoxPlugin
