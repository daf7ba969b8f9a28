import type { ProxmoxClient } from './proxmox-client.js'
import { nodeStoragesSchema } from './upstream-schemas.js'

/** Config keys that hold a guest's volumes (`unusedN` too: a migration moves them as well). */
const VOLUME_KEY = /^(?:scsi|virtio|sata|ide|efidisk|tpmstate|unused|mp)\d+$|^rootfs$/

/**
 * The storages a guest's volumes live on (`local-lvm` of `local-lvm:vm-107-disk-0,size=32G`).
 * CD-ROMs are left out, except a cloud-init drive, which is a volume of its own.
 */
export function volumeStorages(config: Record<string, unknown>): string[] {
  const storages = new Set<string>()
  for (const [key, value] of Object.entries(config)) {
    if (!VOLUME_KEY.test(key) || typeof value !== 'string') continue
    const volume = value.split(',')[0] ?? ''
    if (/media=cdrom/.test(value) && !/cloudinit/.test(volume)) continue
    const storage = /^([A-Za-z][A-Za-z0-9._-]*):/.exec(volume)?.[1]
    if (storage) storages.add(storage)
  }
  return [...storages].sort()
}

/** The storages of `node` that every node of the cluster reaches (`shared: 1`). */
export async function sharedStorages(client: ProxmoxClient, node: string, signal?: AbortSignal): Promise<Set<string>> {
  const storages = await client.request('GET', `/nodes/${node}/storage`, { schema: nodeStoragesSchema, signal })
  return new Set(storages.filter((storage) => Number(storage.shared ?? 0) === 1).map((storage) => storage.storage))
}

/**
 * The storages among `storages` that only their own node reaches: a guest with volumes there is
 * copied to another node by cloning it on its own node and migrating the copy.
 */
export async function localStoragesOf(
  client: ProxmoxClient,
  node: string,
  storages: string[],
  signal?: AbortSignal,
): Promise<string[]> {
  if (storages.length === 0) return []
  const shared = await sharedStorages(client, node, signal)
  return storages.filter((storage) => !shared.has(storage))
}
