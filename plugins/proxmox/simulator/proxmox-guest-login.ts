import { type GuestLogin, parseAuthorizedKeys } from 'hangar/provider-kit/testing'
import type { SimGuest } from './state.js'

/** The user cloud-init creates when `ciuser` is not set (Hangar's templates leave it to the config). */
export const DEFAULT_CI_USER = 'deploy'

function decodeSshKeys(encoded: string): string {
  try {
    return decodeURIComponent(encoded)
  } catch {
    return ''
  }
}

/**
 * The login of a Proxmox guest, as cloud-init (VM) or `pct create` (CT) set it up: QEMU `ciuser`
 * (default `deploy`) with the keys of `sshkeys`, which PVE stores URL-encoded; LXC `root` with the
 * `ssh-public-keys` given at create time. Read at each login, so keys set after the start count
 * too (cloud-init would need a reboot; tests need not).
 */
export function proxmoxGuestLogin(guest: SimGuest): GuestLogin {
  const text = guest.type === 'qemu' ? decodeSshKeys(guest.config.sshkeys ?? '') : (guest.sshPublicKeys ?? '')
  const user = guest.type === 'qemu' ? guest.config.ciuser || DEFAULT_CI_USER : 'root'
  return { user, keys: parseAuthorizedKeys(text) }
}
