import type { PowerAction, Provider, ServerChange, SnapshotSpec, TaskHandle } from '../providers/contract.js'

/**
 * What an operation asks of its provider, as data: stored with its job, so that any gateway can
 * make the call when the operation's turn comes, also one that took the job over from a gateway
 * that stopped while the operation waited. Creates and clones are not among them: their input may
 * hold a password, which is never stored; one of those left waiting fails saying so.
 */
export type OperationRequest =
  | { kind: 'power'; nativeId: string; action: PowerAction }
  | { kind: 'destroy'; nativeId: string }
  | { kind: 'resize'; nativeId: string; change: ServerChange }
  | { kind: 'snapshot'; nativeId: string; spec: SnapshotSpec }
  | { kind: 'snapshot-rollback'; nativeId: string; name: string }
  | { kind: 'snapshot-delete'; nativeId: string; name: string }

/** The upstream call a request makes, through `provider`. */
export function callFor(provider: Provider, request: OperationRequest): (signal: AbortSignal) => Promise<TaskHandle> {
  switch (request.kind) {
    case 'power':
      return (signal) => provider.power!(request.nativeId, request.action, { signal })
    case 'destroy':
      return (signal) => provider.destroy!(request.nativeId, { signal })
    case 'resize':
      return (signal) => provider.resizeServer!(request.nativeId, request.change, { signal })
    case 'snapshot':
      return (signal) => provider.createSnapshot!(request.nativeId, request.spec, { signal })
    case 'snapshot-rollback':
      return (signal) => provider.rollbackSnapshot!(request.nativeId, request.name, { signal })
    case 'snapshot-delete':
      return (signal) => provider.deleteSnapshot!(request.nativeId, request.name, { signal })
  }
}

const KINDS = new Set(['power', 'destroy', 'resize', 'snapshot', 'snapshot-rollback', 'snapshot-delete'])

/** A stored request read back; undefined for none or one this version does not know. */
export function parseRequest(stored: string | null): OperationRequest | undefined {
  if (!stored) return undefined
  try {
    const request = JSON.parse(stored) as OperationRequest
    return KINDS.has(request.kind) && typeof request.nativeId === 'string' ? request : undefined
  } catch {
    return undefined
  }
}
