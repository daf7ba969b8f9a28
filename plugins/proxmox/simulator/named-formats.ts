import type { ParamSchema } from './schema-types.js'

/**
 * Validators for the named string formats of `PVE::JSONSchema` that the served endpoints use.
 * Each throws the same text PVE dies with (a trailing newline included, as Perl does);
 * formats not listed here are accepted as they are.
 */
const VALIDATORS: Record<string, (value: string) => void> = {
  'pve-node': (v) => {
    if (!/^[a-zA-Z0-9](?:[a-zA-Z0-9-]*[a-zA-Z0-9])?$/.test(v)) fail('value does not look like a valid node name')
  },
  'pve-vmid': (v) => {
    if (!/^[1-9][0-9]{2,8}$/.test(v)) fail('value does not look like a valid VM ID')
  },
  // pve-common's $CONFIGID_RE: case-insensitive, hyphens allowed (snapshot names such as `pre-Upgrade`).
  'pve-configid': (v) => {
    if (!/^[a-z][a-z0-9_-]+$/i.test(v)) fail(`invalid configuration ID '${v}'`)
  },
  'pve-storage-id': (v) => {
    if (!/^[a-z][a-z0-9\-_.]*[a-z0-9]$/i.test(v)) fail(`storage ID '${v}' contains illegal characters`)
  },
  'pve-poolid': (v) => {
    if (!/^[A-Za-z0-9_\-/]+$/.test(v)) fail(`pool name '${v}' contains illegal characters`)
  },
  'dns-name': (v) => {
    if (!/^(?:[a-zA-Z0-9](?:[a-zA-Z0-9-]*[a-zA-Z0-9])?\.)*[a-zA-Z0-9](?:[a-zA-Z0-9-]*[a-zA-Z0-9])?$/.test(v)) {
      fail('value does not look like a valid DNS name')
    }
  },
  urlencoded: (v) => {
    if (!/^[-%a-zA-Z0-9_.!~*'()]*$/.test(v)) fail(`invalid urlencoded string: ${v}`)
  },
  'pve-tag': (v) => {
    if (!/^[a-z0-9_][a-z0-9_\-+.]*$/i.test(v)) fail('invalid characters in tag')
  },
  'mac-addr': (v) => {
    if (!/^[a-f0-9]{2}(?::[a-f0-9]{2}){5}$/i.test(v) || (parseInt(v.slice(0, 2), 16) & 1) === 1) {
      fail('value does not look like a valid unicast MAC address')
    }
  },
  'disk-size': (v) => {
    if (!/^\d+(?:\.\d+)?[KMGT]?$/.test(v)) fail(`value '${v}' is not a valid disk size`)
  },
  'pve-volume-id': (v) => {
    if (!/^[a-z][a-z0-9\-_.]*[a-z0-9]:.+$/i.test(v)) fail(`unable to parse volume ID '${v}'`)
  },
}

/** Named property-string formats whose keys the schema dump only shows as a name. */
export const NAMED_PROPERTY_FORMATS: Record<string, Record<string, ParamSchema>> = {
  'pve-qm-ipconfig': {
    ip: { type: 'string', optional: true },
    gw: { type: 'string', optional: true },
    ip6: { type: 'string', optional: true },
    gw6: { type: 'string', optional: true },
  },
}

function fail(message: string): never {
  throw new FormatError(`${message}\n`)
}

/** A named-format check failed; `message` is PVE's text. */
export class FormatError extends Error {
  override readonly name = 'FormatError'
}

/** PVE's `split_list`: the separators of `-list` formats. */
export function splitList(value: string): string[] {
  return value.split(/[,;\s\0]+/).filter((part) => part !== '')
}

/**
 * Checks `value` against a named string format (`pve-node`, `pve-configid-list`, ...).
 * Throws a {@link FormatError} carrying PVE's message.
 */
export function checkNamedFormat(format: string, value: string): void {
  const suffix = /^(.*)-(list|opt)$/.exec(format)
  if (suffix && !VALIDATORS[format]) {
    const [, base = '', kind] = suffix
    const validate = VALIDATORS[base]
    if (!validate) return
    if (kind === 'opt') {
      if (value !== '') validate(value)
      return
    }
    for (const part of splitList(value)) validate(part)
    return
  }
  VALIDATORS[format]?.(value)
}
