import { BadInputError, type Catalog, type CatalogNetwork, type CatalogStorage } from 'hangar/provider-kit'
import type { ProxmoxClient } from './proxmox-client.js'
import { nodeVolumes } from './storage-volumes.js'
import {
  clusterResourcesSchema,
  guestConfigSchema,
  nodeNetworkSchema,
  nodeStoragesSchema,
  type ClusterResource,
} from './upstream-schemas.js'

const MIB = 1024 * 1024

/** Proxmox takes any disk size: these are the steps a create form offers. */
const DISK_SIZES_GB = [8, 16, 32, 64, 128, 256, 512]

/** The smallest memory step offered, in MiB. */
const MIN_MEMORY_MB = 512

/** Labels of PVE's `ostype` codes (qm.conf(5)); an unknown code is shown as it is. */
const OS_TYPES: Record<string, string> = {
  l24: 'Linux 2.4',
  l26: 'Linux',
  solaris: 'Solaris',
  other: 'Other',
  wxp: 'Windows XP',
  w2k: 'Windows 2000',
  w2k3: 'Windows Server 2003',
  w2k8: 'Windows Server 2008',
  wvista: 'Windows Vista',
  win7: 'Windows 7',
  win8: 'Windows 8',
  win10: 'Windows 10',
  win11: 'Windows 11',
}

type CatalogImage = Catalog['images'][number]

/** The file part of a volid: `local:iso/debian.iso` → `debian.iso`. */
function fileOf(volid: string): string {
  return volid.slice(volid.lastIndexOf('/') + 1)
}

/**
 * A VM template, with its OS from its config (one read per template: clusters have few). The
 * config of a template on a node that is not online cannot be read: its OS is then null.
 */
async function vmTemplateImage(
  client: ProxmoxClient,
  template: ClusterResource & { node: string },
  online: boolean,
  signal?: AbortSignal,
): Promise<CatalogImage> {
  const config = online
    ? await client.request('GET', `/nodes/${template.node}/qemu/${template.vmid}/config`, {
        schema: guestConfigSchema,
        signal,
      })
    : {}
  const ostype = typeof config.ostype === 'string' ? config.ostype : undefined
  return {
    id: String(template.vmid),
    name: template.name ?? `VM template ${template.vmid}`,
    os: ostype ? (OS_TYPES[ostype] ?? ostype) : null,
    location: template.node,
  }
}

/** The container templates and ISO images on one node's storages (their OS is not told: null). */
async function volumeImages(client: ProxmoxClient, node: string, signal?: AbortSignal): Promise<CatalogImage[]> {
  const images: CatalogImage[] = []
  for await (const volid of nodeVolumes(client, node, 'vztmpl', signal))
    images.push({ id: volid, name: `${fileOf(volid)} (container template)`, os: null, location: node })
  for await (const volid of nodeVolumes(client, node, 'iso', signal))
    images.push({ id: volid, name: `${fileOf(volid)} (ISO image)`, os: null, location: node })
  return images
}

const GIB = 1024 ** 3

/** The enabled storages of one node, with what they hold and their free space. */
async function nodeStorages(client: ProxmoxClient, node: string, signal?: AbortSignal): Promise<CatalogStorage[]> {
  const storages = await client.request('GET', `/nodes/${node}/storage`, {
    params: { enabled: true },
    schema: nodeStoragesSchema,
    signal,
  })
  return storages
    .map((storage) => ({
      id: storage.storage,
      location: node,
      type: storage.type ?? 'unknown',
      content: (storage.content ?? '').split(',').filter(Boolean).sort(),
      shared: Number(storage.shared ?? 0) === 1,
      availableGb: storage.avail === undefined ? null : Math.floor(storage.avail / GIB),
    }))
    .sort((a, b) => a.id.localeCompare(b.id))
}

/** The bridges of one node (Linux and OVS), described by their address or comment. */
async function nodeBridges(client: ProxmoxClient, node: string, signal?: AbortSignal): Promise<CatalogNetwork[]> {
  const interfaces = await client.request('GET', `/nodes/${node}/network`, {
    params: { type: 'any_bridge' },
    schema: nodeNetworkSchema,
    signal,
  })
  return interfaces
    .map((bridge) => ({
      id: bridge.iface,
      location: node,
      description: [bridge.cidr, bridge.comments?.trim()].filter(Boolean).join(', ') || null,
    }))
    .sort((a, b) => a.id.localeCompare(b.id))
}

/** Powers of two from {@link MIN_MEMORY_MB} up to `totalMb`. */
function memorySteps(totalMb: number): number[] {
  const steps: number[] = []
  for (let size = MIN_MEMORY_MB; size <= totalMb; size *= 2) steps.push(size)
  return steps
}

/**
 * The one CPU type of a node: guests get the node's own cores (`host`), at most as many as it
 * has (PVE refuses more vCPUs than the node's CPUs), with memory in powers of two up to its total.
 * Proxmox takes any size in between; the steps only fill a form. None for a node that does not say.
 */
function hostCpuType(node: ClusterResource): Catalog['cpuTypes'] {
  const maxcpu = node.maxcpu === undefined ? 0 : Math.floor(node.maxcpu)
  const totalMb = node.maxmem === undefined ? 0 : Math.floor(node.maxmem / MIB)
  if (maxcpu < 1 || totalMb < MIN_MEMORY_MB) return []
  return [
    {
      id: 'host',
      name: `host (${node.node})`,
      description:
        `The CPUs of node ${node.node}: 1 to ${maxcpu} cores; ` +
        `memory up to its ${totalMb} MiB (any size is taken, these are steps)`,
      cores: Array.from({ length: maxcpu }, (_, index) => index + 1),
      memoryMb: memorySteps(totalMb),
    },
  ]
}

/**
 * The catalog of a cluster: its nodes as locations; VM templates (of every node, whatever the
 * location: a VM is cloned from one onto any node) and container templates and ISO images,
 * storages and bridges (of every node, or of `location` only) as images; with a location, its
 * CPU type and the disk sizes. Storages of a node that is not online are not read (Proxmox cannot reach them).
 */
export async function proxmoxCatalog(
  client: ProxmoxClient,
  location: string | undefined,
  signal?: AbortSignal,
): Promise<Catalog> {
  const resources = await client.request('GET', '/cluster/resources', { schema: clusterResourcesSchema, signal })
  const nodes = resources
    .filter((item) => item.type === 'node' && item.node)
    .sort((a, b) => a.node!.localeCompare(b.node!))
  const locations = nodes.map((node) => ({ id: node.node!, name: `${node.node} (${node.status ?? 'unknown'})` }))
  const chosen = location === undefined ? undefined : nodes.find((node) => node.node === location)
  if (location !== undefined && !chosen) {
    throw new BadInputError(
      `location: no node "${location}" in this cluster; one of ${locations.map((entry) => entry.id).join(', ')}`,
      { field: 'location' },
    )
  }
  const wanted = chosen ? [chosen] : nodes
  const online = new Set(nodes.filter((node) => node.status === 'online').map((node) => node.node!))
  const templates = resources
    .filter((item) => item.type === 'qemu' && item.template === 1 && item.node && item.vmid !== undefined)
    .sort((a, b) => a.vmid! - b.vmid!) as (ClusterResource & { node: string })[]
  const reachable = wanted.filter((node) => online.has(node.node!)).map((node) => node.node!)
  const [vmImages, volumes, storages, networks] = await Promise.all([
    Promise.all(templates.map((template) => vmTemplateImage(client, template, online.has(template.node), signal))),
    Promise.all(reachable.map((node) => volumeImages(client, node, signal))),
    Promise.all(reachable.map((node) => nodeStorages(client, node, signal))),
    Promise.all(reachable.map((node) => nodeBridges(client, node, signal))),
  ])
  return {
    locations,
    images: [...vmImages, ...volumes.flat()],
    cpuTypes: chosen ? hostCpuType(chosen) : [],
    diskSizesGb: DISK_SIZES_GB,
    storages: storages.flat(),
    networks: networks.flat(),
  }
}
