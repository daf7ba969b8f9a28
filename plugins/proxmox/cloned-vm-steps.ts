import type { Phase } from './provision-phase.js'
import { guestPathOf, taskStep, type GuestUnderWay } from './provision-steps.js'
import { rootDisk, VM_DISK_KEYS } from './root-disk.js'
import { guestConfigSchema, upidOrNullSchema } from './upstream-schemas.js'

/** What {@link cloudInitStep} writes into a VM cloned from a template. */
export interface CloudInitSettings {
  cpu: number
  memoryMb: number
  user: string
  /** A secret: sent as `cipassword`, never logged (PVE's own task log hides it too). */
  password?: string
  /** One or more public keys, one per line. */
  sshKey?: string
  /** How the log line names the login: "with the deployment key". */
  loginWords: string
}

/**
 * Sets cores, memory, the cloud-init user, password and keys, DHCP and the guest agent of a
 * freshly cloned VM with one `POST .../config` (a `qmconfig` task). The values are absolute, so
 * a repeated write changes nothing.
 */
export function cloudInitStep(
  guest: GuestUnderWay,
  settings: CloudInitSettings,
  timeoutMs: number,
  pollIntervalMs: number,
): Phase {
  return taskStep('configure', timeoutMs, pollIntervalMs, async ({ client, signal, log }) => {
    log(
      `configuring ${guest.type}/${guest.vmid}: ${settings.cpu} cores, ${settings.memoryMb} MiB, ` +
        `user ${settings.user}${settings.loginWords ? ` ${settings.loginWords}` : ''}, DHCP, guest agent on`,
    )
    return client.request('POST', `${guestPathOf(guest)}/config`, {
      params: {
        cores: settings.cpu,
        memory: settings.memoryMb,
        ciuser: settings.user,
        cipassword: settings.password,
        // PVE checks `sshkeys` against the urlencoded format, then decodes it.
        sshkeys: settings.sshKey === undefined ? undefined : encodeURIComponent(settings.sshKey.trim()),
        ipconfig0: 'ip=dhcp',
        agent: '1',
      },
      schema: upidOrNullSchema,
      signal,
      idempotent: true,
    })
  })
}

/** Grows a cloned VM's boot disk to `diskGb` GiB (`PUT .../resize`, absolute); PVE cannot shrink one. */
export function growDiskStep(guest: GuestUnderWay, diskGb: number, timeoutMs: number, pollIntervalMs: number): Phase {
  return taskStep('resize', timeoutMs, pollIntervalMs, async ({ client, signal, log }) => {
    const config = await client.request('GET', `${guestPathOf(guest)}/config`, { schema: guestConfigSchema, signal })
    const disk = rootDisk('qemu', config)
    if (!disk) throw new Error(`the template has no disk to grow (looked for ${VM_DISK_KEYS.join(', ')})`)
    if (disk.sizeGb >= diskGb) {
      log(
        `disk ${disk.key} is already ${Math.round(disk.sizeGb * 100) / 100} GiB; ` +
          `not resizing (PVE cannot shrink disks)`,
      )
      return null
    }
    log(`growing disk ${disk.key} to ${diskGb} GiB`)
    return client.request('PUT', `${guestPathOf(guest)}/resize`, {
      params: { disk: disk.key, size: `${diskGb}G` },
      schema: upidOrNullSchema,
      signal,
      // An absolute size: sending it twice changes nothing.
      idempotent: true,
    })
  })
}
