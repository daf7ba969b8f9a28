import type { Generated } from 'kysely'

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

/** A deployment of an app onto a guest; the guest columns fill in as it is provisioned. */
export interface DeploymentsTable {
  /** A number, as the seed's REST API shows it; the database gives it (identity, SQLite rowid). */
  id: Generated<number>
  name: string
  /** `VM` or `LXC`. */
  type: string
  framework: string
  github_url: string
  branch: string | null
  /** Cores. */
  cpu: number
  /** MB. */
  memory: number
  /** GB. */
  disk: number
  provider: string
  status: string
  /** Finer progress: `provision`, `runtime`, `fetch`, `dependencies`, `build`, `service`, `health-check`, ... */
  step: string | null
  error: string | null
  created_at: string
  updated_at: string
  deployed_at: string | null
  guest_native_id: string | null
  guest_location: string | null
  guest_ip: string | null
  ssh_port: number | null
  ssh_user: string | null
  ssh_public_key: string | null
  /** The deployment's own private key: never in an answer or a log. */
  ssh_private_key: string | null
  /** The guest's host key, recorded on first contact and checked after. */
  ssh_host_key: string | null
  /** The provider's ref of the provisioning under way (it names the guest a create is making). */
  provision_ref: string | null
}

/** One log line of a deployment; `seq` counts from 1 per deployment with no gaps, never renumbered. */
export interface DeploymentLogsTable {
  deployment_id: number
  seq: number
  at: string
  /** `PROVISION`, `DEPLOY` or `SYSTEM`. */
  stream: string
  line: string
}

/** Facts about the database itself, such as which kind of gateway used it last. */
export interface HangarMetaTable {
  key: string
  value: string
}

/** Every table Hangar stores, as Kysely's `DB` type parameter. */
export interface HangarTables {
  operations: OperationsTable
  operation_logs: OperationLogsTable
  api_tokens: ApiTokensTable
  audit_log: AuditLogTable
  deployments: DeploymentsTable
  deployment_logs: DeploymentLogsTable
  hangar_meta: HangarMetaTable
}
