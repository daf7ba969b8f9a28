import type { GuestSpec, TaskHandle } from 'hangar/provider-kit'
import type { z } from 'zod'
import { cloudInitStep, growDiskStep } from './cloned-vm-steps.js'
import { copyGuestSteps } from './copy-guest-steps.js'
import { net0MacOf, pickAgentAddress } from './guest-address.js'
import type { ProxmoxOptions } from './options.js'
import { describeError, PhaseFailure, seconds, type Phase } from './provision-phase.js'
import { guestPathOf, onceStep, startStep, type GuestUnderWay } from './provision-steps.js'
import { createProvisionTask } from './provision-task.js'
import { ProxmoxApiError, ProxmoxNetworkError } from './proxmox-api-error.js'
import type { ProxmoxClient } from './proxmox-client.js'
import {
  agentInterfacesSchema,
  clusterResourcesSchema,
  guestConfigSchema,
  type ClusterResource,
} from './upstream-schemas.js'

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

/** Waits for the guest agent to report a usable IPv4; agent errors mean "not up yet". */
function agentAddressPhase(guest: GuestUnderWay, timeoutMs: number, found: (ip: string) => void): Phase {
  let mac: string | undefined
  let lastAnswer: string | undefined
  let announced = false
  return {
    label: 'address',
    timeoutMs,
    get timeoutMessage() {
      return (
        `no address from the guest agent within ${seconds(timeoutMs)} ` +
        `s${lastAnswer ? ` (last answer: ${lastAnswer})` : ''}`
      )
    },
    async advance({ client, signal, log }) {
      if (!announced) {
        log('waiting for the guest agent to report an address')
        announced = true
        const config = await client.request('GET', `${guestPathOf(guest)}/config`, {
          schema: guestConfigSchema,
          signal,
        })
        mac = net0MacOf(config.net0)
      }
      let answer: z.infer<typeof agentInterfacesSchema>
      try {
        answer = await client.request('GET', `${guestPathOf(guest)}/agent/network-get-interfaces`, {
          schema: agentInterfacesSchema,
          signal,
          idempotent: false,
        })
      } catch (error) {
        if (signal?.aborted) throw error
        // 403 will not go away by waiting; a not-yet-running agent (500) or a blip will.
        if (error instanceof ProxmoxApiError && error.status === 403) throw error
        if (!(error instanceof ProxmoxApiError) && !(error instanceof ProxmoxNetworkError)) throw error
        const why = describeError(error)
        if (why !== lastAnswer) log(`guest agent: ${why}`)
        lastAnswer = why
        return false
      }
      const ip = pickAgentAddress(answer.result, mac)
      if (!ip) {
        if (lastAnswer !== 'no IPv4 address yet') log('the guest agent is up; waiting for an IPv4 address')
        lastAnswer = 'no IPv4 address yet'
        return false
      }
      log(`the guest agent reports ${ip}`)
      found(ip)
      return true
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
  let ip = ''

  const phases: Phase[] = [
    onceStep('template lookup', taskMs, async ({ client, signal, log }) => {
      const resources = await client.request('GET', '/cluster/resources', {
        params: { type: 'vm' },
        schema: clusterResourcesSchema,
        signal,
      })
      template = chooseTemplate(resources, options.vmTemplate)
      log(`using template ${template.vmid} (${template.name}) on ${template.node}`)
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
    agentAddressPhase(guest, options.addressTimeoutMs, (address) => {
      ip = address
    }),
  ]

  return createProvisionTask(client, {
    guest,
    phases,
    access: () => ({
      nativeId: `qemu/${guest.vmid}`,
      location: guest.node ?? null,
      ip,
      sshPort: options.guestSshPort,
      sshUser: VM_USER,
    }),
    pollIntervalMs: poll,
    timeoutMs: options.provisionTimeoutMs,
    taskTimeoutMs: taskMs,
  })
}
