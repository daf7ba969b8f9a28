import type { GuestSpec, TaskHandle } from 'hangar/provider-kit'
import { cloudInitStep, growDiskStep } from './cloned-vm-steps.js'
import { copyGuestSteps } from './copy-guest-steps.js'
import { net0MacOf, pickAgentAddress } from './guest-address.js'
import type { ProxmoxOptions } from './options.js'
import { type AddressSource, deploymentGuestTask } from './deployment-guest.js'
import { PhaseFailure, type Phase } from './provision-phase.js'
import { clusterGuests, guestPathOf, onceStep, startStep, type GuestUnderWay } from './provision-steps.js'
import type { ProxmoxClient } from './proxmox-client.js'
import { agentInterfacesSchema, guestConfigSchema, type ClusterResource } from './upstream-schemas.js'

/** The cloud-init user the deployment's key is authorised for. */
const VM_USER = 'deploy'

/** A template as chosen: where it lives and what it is called. */
interface ChosenTemplate {
  vmid: number
  node: string
  name: string
}

/** The template named by `vmTemplate` (a vmid or a name), else the first VM template. */
function chooseTemplate(resources: ClusterResource[], wanted: number | string | undefined): ChosenTemplate {
  const templates = resources.filter(
    (item) => item.type === 'qemu' && item.template === 1 && item.node && item.vmid !== undefined,
  )
  const byId = typeof wanted === 'number' || /^\d+$/.test(wanted ?? '') ? Number(wanted) : undefined
  const found =
    wanted === undefined
      ? [...templates].sort((a, b) => a.vmid! - b.vmid!)[0]
      : templates.find((item) => (byId !== undefined ? item.vmid === byId : item.name === wanted))
  if (!found) {
    const known = templates.map((item) => `${item.vmid} (${item.name ?? 'unnamed'})`).join(', ') || 'none'
    throw new PhaseFailure(
      wanted === undefined
        ? 'no VM template to clone: the cluster has no QEMU guest with template=1 (set the vmTemplate option)'
        : `no VM template '${wanted}' to clone (templates: ${known})`,
    )
  }
  return { vmid: found.vmid!, node: found.node!, name: found.name ?? `VM ${found.vmid}` }
}

/** The guest agent's answers: an IPv4 on the interface with net0's MAC. */
function agentAddress(guest: GuestUnderWay): AddressSource {
  let mac: string | undefined
  return {
    who: () => 'the guest agent',
    waitingLine: 'waiting for the guest agent to report an address',
    async prepare({ client, signal }) {
      const config = await client.request('GET', `${guestPathOf(guest)}/config`, { schema: guestConfigSchema, signal })
      mac = net0MacOf(config.net0)
    },
    async read({ client, signal }) {
      const answer = await client.request('GET', `${guestPathOf(guest)}/agent/network-get-interfaces`, {
        schema: agentInterfacesSchema,
        signal,
        idempotent: false,
      })
      return pickAgentAddress(answer.result, mac)
    },
    noAddressYet: 'no IPv4 address yet',
    foundLine: (ip) => `the guest agent reports ${ip}`,
    answerLines: {
      error: (why) => `guest agent: ${why}`,
      noAddress: 'the guest agent is up; waiting for an IPv4 address',
    },
  }
}

/**
 * Makes a deployment VM: clones the template (full clone) under a vmid from `/cluster/nextid`
 * onto the node asked for (migrated there when its disks are local: see `copy-guest-steps.ts`),
 * sets cores, memory, the cloud-init user and key, DHCP and the guest agent in one config POST,
 * grows the disk to `diskGb` (never shrinks), starts it and waits for the guest agent to report
 * an address.
 */
export function provisionVm(client: ProxmoxClient, options: ProxmoxOptions, spec: GuestSpec): TaskHandle {
  const guest: GuestUnderWay = { type: 'qemu', name: spec.name, created: false }
  const taskMs = options.taskTimeoutMs
  const poll = options.pollIntervalMs
  let template: ChosenTemplate | undefined

  const phases: Phase[] = [
    onceStep('template lookup', taskMs, async (context) => {
      template = chooseTemplate(await clusterGuests(context), options.vmTemplate)
      context.log(`using template ${template.vmid} (${template.name}) on ${template.node}`)
    }),
    ...copyGuestSteps(options, guest, {
      source: () => ({ type: 'qemu', vmid: template!.vmid, node: template!.node }),
      target: () => spec.location ?? options.node ?? template!.node,
      sourceLock: { label: 'template lock wait', what: () => `template ${template!.vmid}` },
      describe: (vmid) => `cloning template ${template!.vmid} to ${vmid} on ${guest.node}`,
      volumesWord: () => "the template's disks",
      params: { name: spec.name },
      storage: options.storage,
    }),
    cloudInitStep(
      guest,
      {
        cpu: spec.cpu,
        memoryMb: spec.memoryMb,
        user: VM_USER,
        sshKey: spec.sshPublicKey,
        loginWords: 'with the deployment key',
      },
      taskMs,
      poll,
    ),
    growDiskStep(guest, spec.diskGb, taskMs, poll),
    startStep(guest, true, taskMs, poll, () => String(guest.vmid)),
  ]

  return deploymentGuestTask(client, options, guest, { phases, address: agentAddress(guest), sshUser: VM_USER })
}
