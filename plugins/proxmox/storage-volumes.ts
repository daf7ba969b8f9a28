import type { ProxmoxClient } from './proxmox-client.js'
import { nodeStoragesSchema, storageContentSchema } from './upstream-schemas.js'

/**
 * The volids of one content type (`vztmpl`, `iso`) on a node's enabled storages, storage by
 * storage, so that a caller wanting only the first stops reading there.
 */
export async function* nodeVolumes(
  client: ProxmoxClient,
  node: string,
  content: 'vztmpl' | 'iso',
  signal?: AbortSignal,
): AsyncGenerator<string> {
  const storages = await client.request('GET', `/nodes/${node}/storage`, {
    params: { content, enabled: true },
    schema: nodeStoragesSchema,
    signal,
  })
  for (const { storage } of storages) {
    const volumes = await client.request('GET', `/nodes/${node}/storage/${storage}/content`, {
      params: { content },
      schema: storageContentSchema,
      signal,
    })
    for (const volume of volumes) if ((volume.content ?? content) === content) yield volume.volid
  }
}
