import { UpstreamNetworkError } from 'hangar/provider-kit'
import { ProxmoxApiError } from './proxmox-api-error.js'

/** A guest or file lock is held by other work; the call was refused before it did anything. */
export function isLockError(error: unknown): boolean {
  return (
    error instanceof ProxmoxApiError &&
    error.status >= 500 &&
    /is locked|can't lock file|got timeout/i.test(error.message)
  )
}

/** The proxy or the network failed; the request may or may not have reached the node. */
export function isTransientError(error: unknown): boolean {
  if (error instanceof UpstreamNetworkError) return true
  if (!(error instanceof ProxmoxApiError)) return false
  return (
    error.status >= 595 ||
    error.status === 502 ||
    error.status === 503 ||
    error.status === 504 ||
    (error.status >= 500 && error.status !== 501 && !isDefiniteRefusal(error))
  )
}

const DEFINITE_REFUSAL = new RegExp(
  [
    'does not exist',
    'already running',
    'not running',
    'is running',
    'already exists',
    'already used',
    'no such',
    'not configured',
    'not a template',
    'is a template',
  ].join('|'),
  'i',
)

/**
 * 500s that state a fact about the guest; asking again cannot change the answer. (501: a method this PVE does not
 * have.)
 */
function isDefiniteRefusal(error: ProxmoxApiError): boolean {
  return DEFINITE_REFUSAL.test(error.message)
}
