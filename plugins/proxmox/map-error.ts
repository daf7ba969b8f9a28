import {
  ConflictError,
  NotFoundError,
  ProviderError,
  ProviderUnavailableError,
  toProviderError,
} from 'hangar/provider-kit'
import { isLockError } from './error-classes.js'
import { ProxmoxApiError } from './proxmox-api-error.js'

/** Turns what the Proxmox client threw into the public error of CONTRACT.md. */
export function mapProxmoxError(error: unknown, providerName: string): unknown {
  return toProviderError(error, providerName, {
    kind: ProxmoxApiError,
    upstream: 'Proxmox',
    classify: (error, detail) => {
      if (error.status >= 595)
        return new ProviderUnavailableError(
          `${providerName}: Proxmox could not reach the node (${error.status} ${error.message})`,
          detail,
        )
      if (isLockError(error)) return new ConflictError(`${providerName}: ${error.message}`, detail)
      if (/does not exist/i.test(error.message)) return new NotFoundError(`${providerName}: ${error.message}`, detail)
      if (/already running|not running|already exists|already used/i.test(error.message))
        return new ConflictError(`${providerName}: ${error.message}`, detail)
      const fields = Object.keys(error.errors).length > 0 ? { ...detail, fields: error.errors } : detail
      return new ProviderError(`${providerName}: ${error.message}`, fields)
    },
  })
}
