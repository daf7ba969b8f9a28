import { BadInputError, type GuestSpec, type TaskHandle } from 'hangar/provider-kit'
import type { ProxmoxOptions } from './options.js'
import { provisionLxc } from './provision-lxc.js'
import { createProvisionTask, parseProvisionRef } from './provision-task.js'
import { provisionVm } from './provision-vm.js'
import { HOSTNAME } from './server-spec-rules.js'
import type { ProxmoxClient } from './proxmox-client.js'

/** Refuses a spec Proxmox would refuse, before anything is made. */
function checkSpec(spec: GuestSpec): void {
  const bad = (field: string, message: string): never => {
    throw new BadInputError(`${field} ${message}`, { field })
  }
  if (!HOSTNAME.test(spec.name))
    bad('name', `must be a host name (letters, digits and dashes, at most 63): '${spec.name}'`)
  if (!Number.isInteger(spec.cpu) || spec.cpu < 1) bad('cpu', 'must be a whole number of cores, at least 1')
  if (!Number.isInteger(spec.memoryMb) || spec.memoryMb < 16)
    bad('memoryMb', 'must be a whole number of MiB, at least 16')
  if (!Number.isInteger(spec.diskGb) || spec.diskGb < 1) bad('diskGb', 'must be a whole number of GiB, at least 1')
  if (!/^\S+ \S+/.test(spec.sshPublicKey.trim()) || /[\r\n]/.test(spec.sshPublicKey.trim())) {
    bad('sshPublicKey', 'must be one public key in OpenSSH format (type, key, optional comment)')
  }
}

/** Starts provisioning a deployment guest: a VM cloned from a template, or a container. */
export function provisionGuest(client: ProxmoxClient, options: ProxmoxOptions, spec: GuestSpec): TaskHandle {
  checkSpec(spec)
  return spec.kind === 'CONTAINER' ? provisionLxc(client, options, spec) : provisionVm(client, options, spec)
}

/**
 * Rebuilds a provisioning handle after a gateway restart. The phases in between cannot be picked
 * up again, so the half-made guest is deleted (also one whose create was on its way when the
 * gateway stopped: the ref names the vmid it asked for, and a guest there with the asked-for name
 * is ours) and the provisioning reported failed, saying what it found.
 */
export function resumeProvisioning(client: ProxmoxClient, options: ProxmoxOptions, ref: string): TaskHandle {
  const guest = parseProvisionRef(ref)
  return createProvisionTask(client, {
    guest,
    phases: [],
    pollIntervalMs: options.pollIntervalMs,
    timeoutMs: options.provisionTimeoutMs,
    taskTimeoutMs: options.taskTimeoutMs,
    resumed: { uncertain: guest.uncertain },
  })
}
