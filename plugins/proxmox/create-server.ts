import { BadInputError, type ServerSpec, type TaskHandle } from 'hangar/provider-kit'
import { cloudInitStep, growDiskStep } from './cloned-vm-steps.js'
import { copyGuestSteps } from './copy-guest-steps.js'
import type { ProxmoxOptions } from './options.js'
import type { Phase } from './provision-phase.js'
import { DEFAULT_CT_STORAGE } from './provision-lxc.js'
import {
  createStep,
  guestPathOf,
  madeStep,
  nativeIdOf,
  startStep,
  unlockStep,
  type GuestUnderWay,
} from './provision-steps.js'
import { createProvisionTask } from './provision-task.js'
import type { ProxmoxClient } from './proxmox-client.js'
import {
  chooseNode,
  clusterResources,
  findServerImage,
  kindOf,
  templateDiskGb,
  templateNamed,
  type ServerImage,
} from './server-image.js'
import { checkGuestName, checkLogin, readServerOptions, type ProxmoxServerOptions } from './server-spec-rules.js'
import { upidSchema } from './upstream-schemas.js'

/** The cloud-init user of a VM made from a template, unless `options.user` names another. */
export const DEFAULT_CLOUD_INIT_USER = 'root'

/** The bridge a new guest's first network card is on, unless `options.bridge` names another. */
export const DEFAULT_BRIDGE = 'vmbr0'

/** MiB of swap a new container gets. */
const CT_SWAP_MB = 512

const bad = (field: string, message: string): never => {
  throw new BadInputError(`${field}: ${message}`, { field })
}

/** "with a password and an SSH key", for the configure step's log line. */
function loginWordsOf(spec: ServerSpec): string {
  const login = [spec.password !== undefined && 'a password', spec.sshKey !== undefined && 'an SSH key']
    .filter(Boolean)
    .join(' and ')
  return login ? `with ${login}` : ''
}

/** The parts of a create every kind of image shares. */
interface CreatePlan {
  client: ProxmoxClient
  options: ProxmoxOptions
  spec: ServerSpec
  extra: ProxmoxServerOptions
  node: string
  guest: GuestUnderWay
}

/**
 * A VM cloned from a template: a full clone under a vmid from `/cluster/nextid` (a taken one is
 * replaced, a lost answer looked up), straight onto the node asked for when the template's disks
 * are on shared storage, else on the template's node and then migrated there; then cores, memory,
 * the cloud-init user, password and keys, DHCP and the guest agent in one config write; the disk
 * grown to the size asked for; and a start.
 */
function fromTemplate(plan: CreatePlan, image: Extract<ServerImage, { source: 'template' }>): Phase[] {
  const { options, spec, extra, node, guest } = plan
  const taskMs = options.taskTimeoutMs
  const poll = options.pollIntervalMs
  const copy = copyGuestSteps(options, guest, {
    source: () => ({ type: 'qemu', vmid: image.vmid, node: image.node, config: image.config }),
    target: () => node,
    sourceLock: { label: 'template lock wait', what: () => `template ${image.vmid}` },
    describe: (vmid) =>
      `cloning template ${image.vmid} (${image.name}) ` +
      `to ${vmid} on ${guest.node}${guest.node !== image.node ? ` from ${image.node}` : ''} (full clone)`,
    volumesWord: () => "the template's disks",
    params: { name: spec.name },
    storage: extra.storage ?? options.storage,
  })
  return [
    ...copy,
    cloudInitStep(
      guest,
      {
        cpu: spec.cpu,
        memoryMb: spec.memoryMb,
        user: extra.user ?? DEFAULT_CLOUD_INIT_USER,
        password: spec.password,
        sshKey: spec.sshKey,
        loginWords: loginWordsOf(spec),
      },
      taskMs,
      poll,
    ),
    growDiskStep(guest, spec.diskGb, taskMs, poll),
    startStep(guest, spec.powerOn !== false, options.taskTimeoutMs, options.pollIntervalMs),
    madeStep(guest, 'VM'),
  ]
}

/**
 * A guest made in one task on its node (`POST /nodes/{node}/lxc` or `/qemu`) under a vmid from
 * `/cluster/nextid`, then waited for until its `create` lock is gone.
 */
function madeInOneTask(
  plan: CreatePlan,
  what: 'VM' | 'container',
  describe: (vmid: number) => string,
  params: Record<string, string | number | boolean | undefined>,
): Phase[] {
  const { options, node, guest } = plan
  guest.node = node
  return [
    createStep({
      label: 'create',
      timeoutMs: options.taskTimeoutMs,
      pollIntervalMs: options.pollIntervalMs,
      guest,
      describe,
      create: (vmid, { client, signal }) =>
        client.request('POST', `/nodes/${node}/${guest.type}`, {
          params: { vmid, ...params },
          schema: upidSchema,
          signal,
        }),
    }),
    unlockStep(
      'create',
      options.taskTimeoutMs,
      () => guestPathOf(guest),
      () => nativeIdOf(guest),
    ),
    madeStep(guest, what),
  ]
}

/** Where the new disk of a guest made from scratch goes: the server's, else the provider's storage. */
function newDiskStorage({ extra, options }: CreatePlan): string {
  return extra.storage ?? options.storage ?? DEFAULT_CT_STORAGE
}

/** A container from a `vztmpl`, made (and started) by one `vzcreate` task. */
function fromContainerTemplate(plan: CreatePlan, volid: string): Phase[] {
  const { spec, extra, node } = plan
  const storage = newDiskStorage(plan)
  return madeInOneTask(
    plan,
    'container',
    (vmid) =>
      `creating container ${vmid} (${spec.name}) on ${node} from ${volid}: ${spec.cpu} ` +
      `cores, ${spec.memoryMb} MiB, ${spec.diskGb} GiB on ${storage}`,
    {
      hostname: spec.name,
      ostemplate: volid,
      cores: spec.cpu,
      memory: spec.memoryMb,
      swap: CT_SWAP_MB,
      rootfs: `${storage}:${spec.diskGb}`,
      net0: `name=eth0,bridge=${extra.bridge ?? DEFAULT_BRIDGE},ip=dhcp`,
      unprivileged: true,
      features: 'nesting=1',
      password: spec.password,
      // Plain text, one key per line (unlike the urlencoded `sshkeys` of a VM).
      'ssh-public-keys': spec.sshKey?.trim(),
      start: spec.powerOn !== false,
    },
  )
}

/** A VM with an empty disk and the ISO in its CD-ROM drive, booting the installer. */
function fromIso(plan: CreatePlan, volid: string): Phase[] {
  const { spec, extra, node } = plan
  const storage = newDiskStorage(plan)
  return madeInOneTask(
    plan,
    'VM',
    (vmid) =>
      `creating VM ${vmid} (${spec.name}) on ${node}: ${spec.cpu} cores, ${spec.memoryMb} MiB, ` +
      `an empty ${spec.diskGb} GiB disk on ${storage}, booting ${volid}`,
    {
      name: spec.name,
      cores: spec.cpu,
      memory: spec.memoryMb,
      ostype: 'l26',
      scsihw: 'virtio-scsi-single',
      scsi0: `${storage}:${spec.diskGb}`,
      ide2: `${volid},media=cdrom`,
      boot: 'order=scsi0;ide2;net0',
      net0: `virtio,bridge=${extra.bridge ?? DEFAULT_BRIDGE}`,
      start: spec.powerOn !== false,
    },
  )
}

/**
 * Starts making a server from the catalog: a VM from a template or an ISO, or a container from a
 * container template, on the node `location` names. Everything the caller got wrong (an unknown
 * image or node, a kind the image cannot make, a disk smaller than the template's, a login an
 * ISO cannot take) is refused before anything is made. A failure after the guest was made deletes
 * it before the handle reports the failure.
 */
export async function createServer(
  client: ProxmoxClient,
  options: ProxmoxOptions,
  spec: ServerSpec,
  signal?: AbortSignal,
): Promise<TaskHandle> {
  checkGuestName(spec.name)
  checkLogin(spec.password, spec.sshKey)
  const extra = readServerOptions(spec.options)
  const resources = await clusterResources(client, signal)
  const node = chooseNode(resources, spec.location, options.node ?? templateNamed(resources, spec.image)?.node)
  const image = await findServerImage(client, resources, spec.image, node, signal)
  const kind = kindOf(image)
  if (spec.kind !== undefined && spec.kind !== kind)
    bad(
      'input.kind',
      `${spec.image} makes a ${kind === 'VM' ? 'VM' : 'container'}, not a ${spec.kind === 'VM' ? 'VM' : 'container'}`,
    )
  const smallest = templateDiskGb(image)
  if (smallest !== undefined && spec.diskGb < smallest)
    bad('input.diskGb', `the template's disk is ${Math.ceil(smallest)} GB; a copy of it cannot be smaller`)
  if (image.source === 'iso') {
    if (spec.password !== undefined)
      bad('input.password', 'an ISO image installs its own system, whose installer asks for the password; leave it out')
    if (spec.sshKey !== undefined)
      bad('input.sshKey', 'an ISO image installs its own system, whose installer sets up logins; leave it out')
  }
  const guest: GuestUnderWay = { type: kind === 'CONTAINER' ? 'lxc' : 'qemu', name: spec.name, created: false }
  const plan: CreatePlan = { client, options, spec, extra, node, guest }
  const phases =
    image.source === 'template'
      ? fromTemplate(plan, image)
      : image.source === 'vztmpl'
        ? fromContainerTemplate(plan, image.volid)
        : fromIso(plan, image.volid)
  return createProvisionTask(client, {
    guest,
    phases,
    pollIntervalMs: options.pollIntervalMs,
    timeoutMs: options.provisionTimeoutMs,
    taskTimeoutMs: options.taskTimeoutMs,
  })
}
