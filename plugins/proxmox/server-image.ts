import { BadInputError, type ServerKindName } from 'hangar/provider-kit'
import type { ProxmoxClient } from './proxmox-client.js'
import { rootDisk } from './root-disk.js'
import { nodeVolumes } from './storage-volumes.js'
import { clusterResourcesSchema, guestConfigSchema, type ClusterResource } from './upstream-schemas.js'

/** What a new server is made from, as {@link findServerImage} found it. */
export type ServerImage =
  /** A VM template (`template: 1`), fully cloned; its config holds its disks and their sizes. */
  | { source: 'template'; vmid: number; node: string; name: string; config: Record<string, unknown> }
  /** A container template volume (`local:vztmpl/debian-12-standard_12.7-1_amd64.tar.zst`). */
  | { source: 'vztmpl'; volid: string }
  /** An installer ISO (`local:iso/debian-12.iso`), booted from a CD-ROM in front of an empty disk. */
  | { source: 'iso'; volid: string }

/** A volume id as PVE writes it: `storage:content/file`. */
const VOLID = /^[A-Za-z][A-Za-z0-9._-]*:(vztmpl|iso)\/\S+$/

/** A vmid as people write it: no sign, no leading zero, no exponent. */
const VMID = /^[1-9]\d{2,8}$/

/** The kind of server an image makes. */
export function kindOf(image: ServerImage): ServerKindName {
  return image.source === 'vztmpl' ? 'CONTAINER' : 'VM'
}

const bad = (field: string, message: string): never => {
  throw new BadInputError(`${field}: ${message}`, { field })
}

/** The file part of a volid, `debian-12.iso` of `local:iso/debian-12.iso`. */
const fileOf = (volid: string) => volid.slice(volid.lastIndexOf('/') + 1)

/**
 * The node a new server goes to: the one asked for (which must exist and be online), else the
 * provider's default, else the template's own node, else the first online node.
 */
export function chooseNode(
  resources: ClusterResource[],
  asked: string | undefined,
  fallback: string | undefined,
  field = 'input.location',
): string {
  const nodes = resources.filter((item) => item.type === 'node' && item.node)
  const online = nodes
    .filter((item) => item.status === 'online')
    .map((item) => item.node!)
    .sort()
  if (asked !== undefined) {
    const node = nodes.find((item) => item.node === asked)
    if (!node)
      bad(
        field,
        `no node "${asked}" in this cluster; one of ${nodes
          .map((item) => item.node)
          .sort()
          .join(', ')}`,
      )
    if (node!.status !== 'online')
      bad(field, `node "${asked}" is ${node!.status ?? 'not online'}; an online one: ${online.join(', ') || 'none'}`)
    return asked
  }
  if (fallback !== undefined && online.includes(fallback)) return fallback
  if (!online[0]) bad(field, 'no node of this cluster is online')
  return online[0]!
}

const templatesOf = (resources: ClusterResource[]) =>
  resources.filter((item) => item.type === 'qemu' && item.template === 1 && item.node && item.vmid !== undefined)

/** The VM template `image` names by vmid or by name, if any; a name two templates share is refused. */
export function templateNamed(
  resources: ClusterResource[],
  image: string,
): (ClusterResource & { node: string; vmid: number }) | undefined {
  const trimmed = image.trim()
  const templates = templatesOf(resources)
  const matches = VMID.test(trimmed)
    ? templates.filter((item) => item.vmid === Number(trimmed))
    : templates.filter((item) => item.name === trimmed)
  if (matches.length > 1)
    bad(
      'input.image',
      `${matches.length} VM templates are named "${trimmed}"; ` +
        `give one's vmid: ${matches.map((item) => item.vmid).join(', ')}`,
    )
  return matches[0] as (ClusterResource & { node: string; vmid: number }) | undefined
}

/**
 * Finds what `image` names, as the catalog lists it: a VM template by vmid or name, or a
 * container template or ISO volume of `node` by volid or file name. Nothing found (or a name
 * two templates share) is the caller's mistake, told with what there is.
 */
export async function findServerImage(
  client: ProxmoxClient,
  resources: ClusterResource[],
  image: string,
  node: string,
  signal?: AbortSignal,
): Promise<ServerImage> {
  const trimmed = image.trim()
  if (VOLID.test(trimmed)) {
    const content = VOLID.exec(trimmed)![1] as 'vztmpl' | 'iso'
    for await (const volid of nodeVolumes(client, node, content, signal))
      if (volid === trimmed) return { source: content, volid }
    return bad(
      'input.image',
      `no ${content === 'iso' ? 'ISO image' : 'container template'} ${trimmed} ` +
        `on node ${node} (see \`catalog\` with location ${node})`,
    )
  }
  const template = templateNamed(resources, trimmed)
  if (template) {
    const config = await client.request('GET', `/nodes/${template.node}/qemu/${template.vmid}/config`, {
      schema: guestConfigSchema,
      signal,
    })
    return {
      source: 'template',
      vmid: template.vmid,
      node: template.node,
      name: template.name ?? `VM ${template.vmid}`,
      config,
    }
  }
  for (const content of ['vztmpl', 'iso'] as const) {
    for await (const volid of nodeVolumes(client, node, content, signal))
      if (fileOf(volid) === trimmed) return { source: content, volid }
  }
  const known =
    templatesOf(resources)
      .map((item) => `${item.vmid} (${item.name ?? 'unnamed'})`)
      .join(', ') || 'none'
  return bad(
    'input.image',
    `no image "${trimmed}": not a VM template (templates: ${known}), ` +
      `nor a container template or ISO image on node ${node} (see \`catalog\`)`,
  )
}

/** The template's main disk size in GiB; a clone cannot be made smaller than it. */
export function templateDiskGb(image: ServerImage): number | undefined {
  return image.source === 'template' ? rootDisk('qemu', image.config)?.sizeGb : undefined
}

/** Reads the cluster's nodes and guests once, for {@link chooseNode} and {@link findServerImage}. */
export function clusterResources(client: ProxmoxClient, signal?: AbortSignal): Promise<ClusterResource[]> {
  return client.request('GET', '/cluster/resources', { schema: clusterResourcesSchema, signal })
}
