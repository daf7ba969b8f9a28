/** A non-2xx answer from Proxmox: the message comes from the status line (or the body on PVE 8.4+). */
export class ProxmoxApiError extends Error {
  /** HTTP status; 595-599 are pveproxy's pseudo-statuses for an unreachable node. */
  readonly status: number
  /** Per-parameter messages of a 400 `Parameter verification failed.`. */
  readonly errors: Record<string, string>

  constructor(status: number, message: string, errors: Record<string, string> = {}) {
    super(message)
    this.name = 'ProxmoxApiError'
    this.status = status
    this.errors = errors
  }
}

/** The request never got an answer: refused connection, TLS failure, timeout. */
export class ProxmoxNetworkError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options)
    this.name = 'ProxmoxNetworkError'
  }
}
