import type { OperationRecord } from '../db/operation-store.js'

/** An operation with its log, as the API shows it and its events carry it. */
export interface OperationView extends OperationRecord {
  logs: string[]
}
