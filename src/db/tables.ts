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
  /** 1: fetched over SSH with the deployment's deploy key. */
  private_repo: Generated<number>
  /** The deploy key's public half, to add to the repository. */
  deploy_public_key: string | null
  /** The deploy key's private half, sealed; handed to the guest only. */
  deploy_private_key: string | null
}

/** Where one operation or deployment is in its run, and which gateway holds it (see `src/jobs/`). */
export interface JobsTable {
  /** An operation's uuid, or `deployment:<id>`. */
  id: string
  /** `operation` or `deployment`. */
  kind: string
  /** The server the job waits its turn on (one job at a time per key, across gateways); null: none. */
  queue_key: string | null
  /** `QUEUED`, `RUNNING` or `DONE`. */
  state: string
  /** ISO-8601 text; jobs on one key take their turns in this order (then by id). */
  queued_at: string
  /** The gateway run holding the job (`<instance id>#<boot>`); null when nobody does. */
  lease_owner: string | null
  /** ISO-8601 text; past it, any gateway may take the job over. */
  lease_expires_at: string | null
  /** Set by a gateway asking the holder to stop the work: `cancelled` or `deleted`. */
  stop_requested: string | null
  /** How many times a gateway took the job over from one that stopped renewing its lease. */
  takeovers: Generated<number>
  /**
   * What an operation asks of its provider (JSON), so any gateway can make the call; null when it may not be stored.
   */
  request: string | null
}

/** One log line of a job; `seq` counts from 1 per job with no gaps, never renumbered. */
export interface JobLogsTable {
  job_id: string
  seq: number
  at: string
  /** `TASK` (an operation's provider task), `PROVISION`, `DEPLOY` or `SYSTEM`. */
  stream: string
  line: string
}

/** One variable of a deployment's app environment. */
export interface DeploymentVariablesTable {
  deployment_id: number
  /** `[A-Z_][A-Z0-9_]*`. */
  key: string
  /** Sealed (`hgs1:...`, see `src/secrets/secret-box.ts`), secret or not. */
  value: string
  /** 1: write-only, never shown again; 0: shown. */
  secret: number
  updated_at: string
}

/** One release of a deployment: a commit fetched and built in a directory of its own on the guest. */
export interface DeploymentReleasesTable {
  deployment_id: number
  /** 1, 2, 3... per deployment; a rollback makes no new one. */
  number: number
  /** What was asked for: a branch, a tag or a commit. */
  ref: string | null
  /** What was built, once fetched. */
  commit_sha: string | null
  /** `BUILDING`, `ACTIVE` (exactly one serves), `FAILED` or `SUPERSEDED`. */
  status: string
  created_at: string
  activated_at: string | null
  /** Why it failed. */
  error: string | null
  /** 1 while its directory is on the guest (the last five that built are kept). */
  kept: Generated<number>
}

/** A deployment's GitHub webhook. */
export interface DeploymentWebhooksTable {
  deployment_id: number
  /** Sealed (see `src/secrets/secret-box.ts`). */
  secret: string
  created_at: string
}

/** A webhook delivery answered, so a repeated one is not run twice. */
export interface WebhookDeliveriesTable {
  deployment_id: number
  /** GitHub's `X-GitHub-Delivery`. */
  delivery_id: string
  received_at: string
  /** What it did: `release 4 of 1a2b3c4 started`, `a push to refs/heads/dev: only main is deployed`, ... */
  outcome: string
}

/** Facts about the database itself, such as which kind of gateway used it last. */
export interface HangarMetaTable {
  key: string
  value: string
}

/** Every table Hangar stores, as Kysely's `DB` type parameter. */
export interface HangarTables {
  operations: OperationsTable
  api_tokens: ApiTokensTable
  audit_log: AuditLogTable
  deployments: DeploymentsTable
  jobs: JobsTable
  deployment_variables: DeploymentVariablesTable
  deployment_releases: DeploymentReleasesTable
  deployment_webhooks: DeploymentWebhooksTable
  webhook_deliveries: WebhookDeliveriesTable
  job_logs: JobLogsTable
  hangar_meta: HangarMetaTable
}
