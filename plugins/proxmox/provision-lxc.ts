import type { GuestSpec, TaskHandle } from 'hangar/provider-kit'
import { pickContainerAddress } from './guest-address.js'
import type { ProxmoxOptions } from './options.js'
import { type AddressSource, deploymentGuestTask } from './deployment-guest.js'
import { PhaseFailure, type Phase, type PhaseContext } from './provision-phase.js'
import { createStep, guestPathOf, onceStep, unlockStep, type GuestUnderWay } from './provision-steps.js'
import type { ProxmoxClient } from './proxmox-client.js'
import { nodeVolumes } from './storage-volumes.js'
import { clusterResourcesSchema, lxcInterfacesSchema, upidSchema } from './upstream-schemas.js'

/** Containers are reached as root: `ssh-public-keys` authorises root's key. */
const CT_USER = 'root'

/** Where container root disks go when the `storage` option is not set. */
export const DEFAULT_CT_STORAGE = 'local-lvm'

/** MiB of swap every deployment container gets. */
const CT_SWAP_MB = 512

/** The first online node, when neither the spec nor the options name one. */
async function firstOnlineNode({ client, signal }: PhaseContext): Promise<string> {
  const nodes = (
    await client.request('GET', '/cluster/resources', {
      params: { type: 'node' },
      schema: clusterResourcesSchema,
      signal,
    })
  )
    .filter((item) => item.type === 'node' && item.status === 'online' && item.node)
    .map((item) => item.node!)
    .sort()
  if (!nodes[0]) throw new PhaseFailure('no online node to create the container on')
  return nodes[0]
}

/** The first `vztmpl` volume on the node's storages. */
async function firstContainerTemplate({ client, signal }: PhaseContext, node: string): Promise<string> {
  for await (const volid of nodeVolumes(client, node, 'vztmpl', signal)) return volid
  throw new PhaseFailure(
    `no container template (vztmpl) on the storages of ${node} (download one, or set the lxcTemplate option)`,
  )
}

/** The container's `eth0` as the host reads it (no agent needed; a starting container answers 500). */
function containerAddress(guest: GuestUnderWay): AddressSource {
  return {
    who: () => `container ${guest.vmid}`,
    waitingLine: 'waiting for the container to report an address on eth0',
    async read({ client, signal }) {
      const interfaces = await client.request('GET', `${guestPathOf(guest)}/interfaces`, {
        schema: lxcInterfacesSchema,
        signal,
        idempotent: false,
      })
      return pickContainerAddress(interfaces)
    },
    noAddressYet: 'eth0 has no IPv4 address yet',
    foundLine: (ip) => `the container reports ${ip} on eth0`,
  }
}

/**
 * Makes a deployment container: creates it from a `vztmpl` under a vmid from `/cluster/nextid`
 * (unprivileged, nesting on, DHCP on `eth0`, the deployment key for root, started at once), then
 * waits for `eth0` to get an address.
 */
export function provisionLxc(client: ProxmoxClient, options: ProxmoxOptions, spec: GuestSpec): TaskHandle {
  const guest: GuestUnderWay = { type: 'lxc', name: spec.name, created: false }
  const taskMs = options.taskTimeoutMs
  const poll = options.pollIntervalMs
  const storage = options.storage ?? DEFAULT_CT_STORAGE
  let ostemplate = ''

  const phases: Phase[] = [
    onceStep('template lookup', taskMs, async (context) => {
      guest.node = spec.location ?? options.node ?? (await firstOnlineNode(context))
      ostemplate = options.lxcTemplate ?? (await firstContainerTemplate(context, guest.node))
      context.log(`using container template ${ostemplate} on ${guest.node}`)
    }),
    createStep({
      label: 'create',
      timeoutMs: taskMs,
      pollIntervalMs: poll,
      guest,
      describe: (vmid) =>
        `creating container ${vmid} (${spec.name}) on ${guest.node}: ${spec.cpu} ` +
        `cores, ${spec.memoryMb} MiB, ${spec.diskGb} GiB on ${storage}`,
      create: (vmid, { client, signal }) =>
        client.request('POST', `/nodes/${guest.node}/lxc`, {
          params: {
            vmid,
            hostname: spec.name,
            ostemplate,
            cores: spec.cpu,
            memory: spec.memoryMb,
            swap: CT_SWAP_MB,
            rootfs: `${storage}:${spec.diskGb}`,
            net0: 'name=eth0,bridge=vmbr0,ip=dhcp',
            unprivileged: true,
            features: 'nesting=1',
            // Plain text, one key per line (unlike the urlencoded `sshkeys` of a VM).
            'ssh-public-keys': spec.sshPublicKey.trim(),
            start: true,
          },
          schema: upidSchema,
          signal,
        }),
    }),
    unlockStep(
      'create',
      taskMs,
      () => guestPathOf(guest),
      () => `container ${guest.vmid}`,
    ),
  ]

  return deploymentGuestTask(client, options, guest, { phases, address: containerAddress(guest), sshUser: CT_USER })
}
