import { UpstreamHttpError } from 'hangar/provider-kit'

/**
 * A non-2xx answer from Proxmox: the message comes from the status line (or the body on PVE 8.4+);
 * `status` 595-599 are pveproxy's pseudo-statuses for an unreachable node. A call that got no
 * answer (refused connection, TLS failure, timeout) throws the kit's `UpstreamNetworkError`.
 */
export class ProxmoxApiError extends UpstreamHttpError {
  /** Per-parameter messages of a 400 `Parameter verification failed.`. */
  readonly errors: Record<string, string>

  constructor(status: number, message: string, errors: Record<string, string> = {}) {
    super(status, message)
    this.name = 'ProxmoxApiError'
    this.errors = errors
  }
}
