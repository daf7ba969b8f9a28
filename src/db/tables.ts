/**
 * The Kysely table interfaces of Hangar's own database. Columns are the portable subset of
 * SQLite and PostgreSQL: timestamps are ISO-8601 text (`Date#toISOString()`), so they sort as text
 * and read back the same on both dialects.
 */

/** One long-running upstream action (create, start, delete, ...) that the gateway follows. */
export interface OperationsTable {
  /** A uuid made by the caller. */
  id: string
  /** The provider instance name, e.g. `pve-lab`. */
  provider: string
  /** The public server id like `pve-lab:qemu/101`; null for actions not tied to one server. */
  server_id: string | null
  /** What was asked for, e.g. `START`. */
  action: string
  /** `PENDING`, `RUNNING`, `SUCCEEDED` or `FAILED` (a CHECK constraint holds it to these). */
  status: string
  /** The upstream task reference, e.g. a Proxmox UPID. */
  ref: string | null
  /** ISO-8601 text. */
  started_at: string
  /** ISO-8601 text; null while the operation runs. */
  finished_at: string | null
  /** Why the operation failed; never holds a secret. */
  error: string | null
}

/** One log line of an operation; `seq` counts from 1 per operation with no gaps. */
export interface OperationLogsTable {
  /** References `operations.id`; rows go when their operation goes. */
  operation_id: string
  /** 1, 2, 3, ... per operation. */
  seq: number
  /** ISO-8601 text. */
  at: string
  line: string
}

/** An API token; the token itself is never stored, only its SHA-256. */
export interface ApiTokensTable {
  id: string
  /** Who or what uses it, e.g. `ci`; shown in the audit log. */
  name: string
  /** `viewer`, `operator` or `admin`. */
  role: string
  /** Hex SHA-256 of the token. */
  token_hash: string
  created_at: string
  /** ISO-8601 text; null for a token that does not expire. */
  expires_at: string | null
  /** Set when revoked; a revoked token is refused at once. */
  revoked_at: string | null
  last_used_at: string | null
}

/** One action, allowed or refused: who, what, on what, and how it ended. Never holds a secret. */
export interface AuditLogTable {
  /** Sorts by time: newer entries have greater ids. */
  id: string
  at: string
  /** The token's name, `anonymous`, or `local` (no tokens yet, loopback only). */
  actor: string
  role: string | null
  /** The mutation or REST action, e.g. `stopServer`, `POST /api/stop`. */
  action: string
  /** The server or object acted on, e.g. `pve-lab:qemu/101`. */
  target: string | null
  /** `ALLOWED`, `DENIED` or `FAILED`. */
  outcome: string
  /** The operation the action started, when it started one. */
  operation_id: string | null
  /** `graphql`, `rest` or `cli`. */
  source: string
  /** The error code and message of a refused or failed action. */
  detail: string | null
}

/** Every table Hangar stores, as Kysely's `DB` type parameter. */
export interface HangarTables {
  operations: OperationsTable
  operation_logs: OperationLogsTable
  api_tokens: ApiTokensTable
  audit_log: AuditLogTable
}
