import type { ProxmoxClient } from './proxmox-client.js'
import { clusterResourcesSchema, type ClusterResource } from './upstream-schemas.js'

/** The cluster's VMs and containers as `/cluster/resources?type=vm` lists them: node, name, lock, status. */
export function listClusterGuests(client: ProxmoxClient, signal?: AbortSignal): Promise<ClusterResource[]> {
  return client.request('GET', '/cluster/resources', { params: { type: 'vm' }, schema: clusterResourcesSchema, signal })
}
