import type { KamateraClient } from './kamatera-client.js'
import { serverInfoListSchema, type KamateraServerInfo } from './upstream-schemas.js'

/** How {@link readServerInfo} asks. */
export interface ServerInfoRead {
  signal?: AbortSignal
  /**
   * Whether no such server is an answer (`undefined`, the default) rather than upstream's error.
   * Without it, upstream refuses an id that names no server, and its first server is answered.
   */
  allowNoServers?: boolean
}

/** The details of one server by id (`POST /service/server/info`); `undefined` when there is no such server. */
export async function readServerInfo(
  client: KamateraClient,
  nativeId: string,
  { signal, allowNoServers = true }: ServerInfoRead = {},
): Promise<KamateraServerInfo | undefined> {
  const infos = await client.request('POST', '/service/server/info', {
    body: allowNoServers ? { id: nativeId, 'allow-no-servers': true } : { id: nativeId },
    schema: serverInfoListSchema,
    signal,
    read: true,
  })
  return allowNoServers ? infos.find((info) => info.id === nativeId) : infos[0]
}
