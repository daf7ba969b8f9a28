import { z } from 'zod'
import { BadInputError } from 'hangar/provider-kit'

/** A DNS label: PVE refuses other VM names and container hostnames. */
export const HOSTNAME = /^[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?$/

/** One public key per line, OpenSSH format: type, key, optional comment. */
const PUBLIC_KEY = /^(?:ssh-|ecdsa-|sk-)[A-Za-z0-9@.-]+ [A-Za-z0-9+/=]+(?: [^\r\n]*)?$/

const bad = (field: string, message: string): never => {
  throw new BadInputError(`${field}: ${message}`, { field })
}

/** Refuses a server name Proxmox would refuse as a VM name or container hostname. */
export function checkGuestName(name: string, field = 'input.name'): void {
  if (!HOSTNAME.test(name))
    bad(
      field,
      `Proxmox takes a host name: letters, digits and dashes (no "_"), not starting or ending with a dash: '${name}'`,
    )
}

/**
 * Refuses a password or key Proxmox would refuse, before anything is made. The message names the
 * rule, never the password.
 */
export function checkLogin(password: string | undefined, sshKey: string | undefined): void {
  // PVE's `password` of a container takes at least 5 characters; a line break would end the value.
  if (password !== undefined && (password.length < 5 || /[\r\n]/.test(password)))
    bad('input.password', 'at least 5 characters, on one line')
  if (sshKey !== undefined) {
    const lines = sshKey
      .split(/\r?\n/)
      .map((line) => line.trim())
      .filter(Boolean)
    if (lines.length === 0 || !lines.every((line) => PUBLIC_KEY.test(line)))
      bad('input.sshKey', 'one or more public keys in OpenSSH format (type, key, optional comment), one per line')
  }
}

const ID = /^[A-Za-z][A-Za-z0-9._-]*$/

/** What only Proxmox understands in `input.options` of `createServer` and `cloneServer`. */
export const proxmoxServerOptionsSchema = z
  .object({
    /** The storage new disks go to (default: the template's for a clone, `local-lvm` for a new disk). */
    storage: z.string().regex(ID, 'a Proxmox storage id such as local-lvm').optional(),
    /** The bridge the first network card is on (default `vmbr0`). */
    bridge: z.string().regex(ID, 'a bridge such as vmbr0').optional(),
    /** The cloud-init user of a VM made from a template (default `root`). */
    user: z
      .string()
      .regex(/^[a-z_][a-z0-9_-]{0,31}$/, 'a Linux user name such as root or admin')
      .optional(),
    /** A container copied while it runs is copied from this snapshot of it. */
    snapshot: z
      .string()
      .regex(/^[A-Za-z][A-Za-z0-9_-]{0,39}$/, "the name of one of the container's snapshots")
      .optional(),
  })
  .strict()

export type ProxmoxServerOptions = z.infer<typeof proxmoxServerOptionsSchema>

/** Reads `input.options`, naming the first wrong key (`input.options.bridge`). */
export function readServerOptions(options: Record<string, unknown> | undefined): ProxmoxServerOptions {
  const parsed = proxmoxServerOptionsSchema.safeParse(options ?? {})
  if (parsed.success) return parsed.data
  const issue = parsed.error.issues[0]!
  const key = issue.code === 'unrecognized_keys' ? issue.keys[0] : issue.path.join('.')
  const field = key ? `input.options.${key}` : 'input.options'
  const message =
    issue.code === 'unrecognized_keys'
      ? `not a Proxmox option; these are: ${Object.keys(proxmoxServerOptionsSchema.shape).join(', ')}`
      : issue.message
  return bad(field, message)
}
