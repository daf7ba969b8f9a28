import ssh2 from 'ssh2'
import type { ParsedKey } from 'ssh2'

/** Who may log in to a guest over SSH: one user, with its authorised keys and, optionally, a password. */
export interface GuestLogin {
  user: string
  /** The authorised public keys, parsed; lines that are not keys are left out. */
  keys: ParsedKey[]
  /** A password the user may log in with as well (a Kamatera server's root password); none when undefined. */
  password?: string
}

/** The key part of an `authorized_keys` line, options (`from="..."`, `no-pty`) dropped. */
function parseAuthorizedKey(line: string): ParsedKey | undefined {
  const trimmed = line.trim()
  if (trimmed === '' || trimmed.startsWith('#')) return undefined
  const start = trimmed.search(/(?:^|\s)(?:ssh-(?:rsa|dss|ed25519)|ecdsa-sha2-nistp\d+|sk-\S+)\s/)
  const parsed = ssh2.utils.parseKey(start <= 0 ? trimmed : trimmed.slice(start).trim())
  return parsed instanceof Error ? undefined : parsed
}

/** The keys of an `authorized_keys` text (one per line; comments, blanks and junk left out). */
export function parseAuthorizedKeys(text: string): ParsedKey[] {
  return text
    .split(/\r?\n/)
    .map(parseAuthorizedKey)
    .filter((key): key is ParsedKey => key !== undefined)
}
