import ssh2 from 'ssh2'
import type { ParsedKey } from 'ssh2'
import type { SimGuest } from './state.js'

/** Who may log in to a guest over SSH, as cloud-init (VM) or `pct create` (CT) set it up. */
export interface GuestLogin {
  user: string
  /** The authorised public keys, parsed; lines that are not keys are left out. */
  keys: ParsedKey[]
}

/** The user cloud-init creates when `ciuser` is not set (Hangar's templates leave it to the config). */
export const DEFAULT_CI_USER = 'deploy'

/** The key part of an `authorized_keys` line, options (`from="..."`, `no-pty`) dropped. */
function parseAuthorizedKey(line: string): ParsedKey | undefined {
  const trimmed = line.trim()
  if (trimmed === '' || trimmed.startsWith('#')) return undefined
  const start = trimmed.search(/(?:^|\s)(?:ssh-(?:rsa|dss|ed25519)|ecdsa-sha2-nistp\d+|sk-\S+)\s/)
  const parsed = ssh2.utils.parseKey(start <= 0 ? trimmed : trimmed.slice(start).trim())
  return parsed instanceof Error ? undefined : parsed
}

function decodeSshKeys(encoded: string): string {
  try {
    return decodeURIComponent(encoded)
  } catch {
    return ''
  }
}

/**
 * The login of a guest: QEMU `ciuser` (default `deploy`) with the keys of `sshkeys`, which PVE
 * stores URL-encoded; LXC `root` with the `ssh-public-keys` given at create time. Read at each
 * login, so keys set after the start count too (cloud-init would need a reboot; tests need not).
 */
export function guestLogin(guest: SimGuest): GuestLogin {
  const text = guest.type === 'qemu' ? decodeSshKeys(guest.config.sshkeys ?? '') : guest.sshPublicKeys ?? ''
  const keys = text.split(/\r?\n/).map(parseAuthorizedKey).filter((key): key is ParsedKey => key !== undefined)
  const user = guest.type === 'qemu' ? guest.config.ciuser || DEFAULT_CI_USER : 'root'
  return { user, keys }
}
