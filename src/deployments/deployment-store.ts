import type { Kysely, Selectable, Transaction, Updateable } from 'kysely'
import { dateOrNull } from '../db/nullable-date.js'
import type { DeploymentsTable, HangarTables } from '../db/tables.js'
import { BadInputError, NotFoundError } from '../errors/index.js'
import { createJobLog, deploymentJobId, type JobLog, type JobLogLine } from '../jobs/job-log.js'
import { endJob, insertJob } from '../jobs/job-store.js'
import { isSealed, type SecretBox } from '../secrets/secret-box.js'
import type { DeploymentVariable, VariableInput } from './deployment-variables.js'
import { MAX_VARIABLES } from './deployment-variables.js'

export type DeploymentStatus = 'PENDING' | 'CREATING' | 'RUNNING' | 'FAILED' | 'STOPPED' | 'DELETED'
export type DeploymentType = 'VM' | 'LXC'
export type LogStream = 'PROVISION' | 'DEPLOY' | 'SYSTEM'

/** Statuses a deployment rests in: its job has ended. */
const RESTING = new Set<DeploymentStatus>(['RUNNING', 'STOPPED', 'FAILED', 'DELETED'])

/** The guest a deployment runs on, once provisioned. */
export interface DeploymentGuest {
  nativeId: string
  location: string | null
  ip: string | null
  sshPort: number | null
  sshUser: string | null
}

/** A deployment as the rest of Hangar sees it. The private key is not part of it. */
export interface DeploymentRecord {
  id: number
  name: string
  type: DeploymentType
  framework: string
  githubUrl: string
  branch: string | null
  cpu: number
  memory: number
  disk: number
  provider: string
  status: DeploymentStatus
  step: string | null
  error: string | null
  createdAt: Date
  updatedAt: Date
  deployedAt: Date | null
  guest: DeploymentGuest | null
  /** The guest's recorded SSH host key (public), once first contacted. */
  sshHostKey: string | null
  /**
   * The provider's ref of the provisioning under way, stored before each upstream create is sent:
   * after a killed gateway it names the guest a lost answer may have made.
   */
  provisionRef: string | null
  /** Fetched over SSH with the deployment's own deploy key. */
  privateRepo: boolean
  /** The deploy key's public half, to add to the repository's deploy keys (private repositories only). */
  deployKey: string | null
}

/** One stored log line. */
export interface DeploymentLogLine {
  seq: number
  at: Date
  stream: LogStream
  line: string
}

export type NewDeployment = Pick<
  DeploymentRecord,
  'name' | 'type' | 'framework' | 'githubUrl' | 'branch' | 'cpu' | 'memory' | 'disk' | 'provider'
> & { privateRepo?: boolean }

/** The fields a transition or a step may change. */
export interface DeploymentPatch {
  status?: DeploymentStatus
  step?: string | null
  error?: string | null
  deployedAt?: Date | null
  guest?: DeploymentGuest | null
  sshHostKey?: string | null
  provisionRef?: string | null
}

/** Which deployments the deployment store's list answers. */
export interface DeploymentListOptions {
  /** Only deployments in this status. */
  status?: DeploymentStatus
  /** How many at the most. */
  first: number
  /** The id of the last deployment of the previous page. */
  before?: number
}

/** What the deployment store's list answers. */
export interface DeploymentPage {
  deployments: DeploymentRecord[]
  hasMore: boolean
  totalCount: number
}

function toRecord(row: Selectable<DeploymentsTable>): DeploymentRecord {
  // Rows deleted before `update` cleared the address on DELETED may still hold one: never show it.
  const ip = row.status === 'DELETED' ? null : row.guest_ip
  return {
    id: row.id,
    name: row.name,
    type: row.type as DeploymentType,
    framework: row.framework,
    githubUrl: row.github_url,
    branch: row.branch,
    cpu: row.cpu,
    memory: row.memory,
    disk: row.disk,
    provider: row.provider,
    status: row.status as DeploymentStatus,
    step: row.step,
    error: row.error,
    createdAt: new Date(row.created_at),
    updatedAt: new Date(row.updated_at),
    deployedAt: dateOrNull(row.deployed_at),
    guest: row.guest_native_id
      ? {
          nativeId: row.guest_native_id,
          location: row.guest_location,
          ip,
          sshPort: row.ssh_port,
          sshUser: row.ssh_user,
        }
      : null,
    sshHostKey: row.ssh_host_key,
    provisionRef: row.provision_ref ?? null,
    privateRepo: row.private_repo === 1,
    deployKey: row.deploy_public_key ?? null,
  }
}

/** What each sealed column is for (bound to the ciphertext: a value copied elsewhere does not open). */
const PRIVATE_KEY_PURPOSE = 'deployment-ssh-private-key'
const DEPLOY_KEY_PURPOSE = 'deployment-deploy-key'
const variablePurpose = (id: number, key: string) => `deployment-variable:${id}:${key}`

/**
 * Deployments, their variables and their logs on SQLite or PostgreSQL. Log lines are appended in
 * batches (one transaction for many lines) and numbered on from the largest stored `seq`, so a
 * line once stored keeps its number for ever. The deployments' SSH private keys and their
 * variables' values are stored sealed by `box`.
 */
export function createDeploymentStore(db: Kysely<HangarTables>, box: SecretBox): DeploymentStore {
  const log = createJobLog(db)

  /** The deployment's variables by key; a secret's value is null. */
  async function variables(id: number): Promise<DeploymentVariable[]> {
    const rows = await db
      .selectFrom('deployment_variables')
      .selectAll()
      .where('deployment_id', '=', id)
      .orderBy('key')
      .execute()
    return rows.map((row) => ({
      key: row.key,
      value: row.secret ? null : box.open(row.value, variablePurpose(id, row.key)),
      secret: row.secret === 1,
      updatedAt: new Date(row.updated_at),
    }))
  }

  async function writeVariables(
    trx: Transaction<HangarTables>,
    id: number,
    set: readonly VariableInput[],
    unset: readonly string[],
  ): Promise<void> {
    const now = new Date().toISOString()
    const present = new Set(
      (await trx.selectFrom('deployment_variables').select('key').where('deployment_id', '=', id).execute()).map(
        (row) => row.key,
      ),
    )
    unset.forEach((key, index) => {
      if (!present.has(key))
        throw new BadInputError(`unset[${index}]: deployment ${id} has no variable ${key}`, {
          field: `unset[${index}]`,
        })
      if (set.some((variable) => variable.key === key))
        throw new BadInputError(`unset[${index}]: ${key} is also being set`, { field: `unset[${index}]` })
    })
    const after = new Set([...present, ...set.map((variable) => variable.key)])
    for (const key of unset) after.delete(key)
    if (after.size > MAX_VARIABLES)
      throw new BadInputError(`variables: at most ${MAX_VARIABLES} per deployment`, { field: 'variables' })
    if (unset.length > 0)
      await trx
        .deleteFrom('deployment_variables')
        .where('deployment_id', '=', id)
        .where('key', 'in', [...unset])
        .execute()
    for (const variable of set) {
      const row = {
        value: box.seal(variable.value, variablePurpose(id, variable.key)),
        secret: variable.secret ? 1 : 0,
        updated_at: now,
      }
      await trx
        .insertInto('deployment_variables')
        .values({ deployment_id: id, key: variable.key, ...row })
        .onConflict((oc) => oc.columns(['deployment_id', 'key']).doUpdateSet(row))
        .execute()
    }
  }

  async function get(id: number): Promise<DeploymentRecord | undefined> {
    const row = await db.selectFrom('deployments').selectAll().where('id', '=', id).executeTakeFirst()
    return row ? toRecord(row) : undefined
  }

  return {
    get,

    /**
     * Inserts a deployment (status PENDING) with its variables and its job, QUEUED and leased to `lease.owner` when
     * given; the database gives its id, the next number.
     */
    async create(
      deployment: NewDeployment,
      keys: { publicKey: string; privateKey: string },
      lease?: { owner: string; leaseMs: number },
      initial: readonly VariableInput[] = [],
      deployKey?: { publicKey: string; privateKey: string },
    ): Promise<DeploymentRecord> {
      const now = new Date().toISOString()
      // The database numbers it (an identity column; SQLite's rowid): two gateways never take one id twice.
      const row = await db.transaction().execute(async (trx) => {
        const inserted = await trx
          .insertInto('deployments')
          .values({
            name: deployment.name,
            type: deployment.type,
            framework: deployment.framework,
            github_url: deployment.githubUrl,
            branch: deployment.branch,
            cpu: deployment.cpu,
            memory: deployment.memory,
            disk: deployment.disk,
            provider: deployment.provider,
            status: 'PENDING',
            step: null,
            error: null,
            created_at: now,
            updated_at: now,
            deployed_at: null,
            guest_native_id: null,
            guest_location: null,
            guest_ip: null,
            ssh_port: null,
            ssh_user: null,
            ssh_public_key: keys.publicKey,
            ssh_private_key: box.seal(keys.privateKey, PRIVATE_KEY_PURPOSE),
            ssh_host_key: null,
            provision_ref: null,
            private_repo: deployment.privateRepo ? 1 : 0,
            deploy_public_key: deployKey?.publicKey ?? null,
            deploy_private_key: deployKey ? box.seal(deployKey.privateKey, DEPLOY_KEY_PURPOSE) : null,
          })
          .returningAll()
          .executeTakeFirstOrThrow()
        if (initial.length > 0) await writeVariables(trx, inserted.id, initial, [])
        await insertJob(trx, {
          id: deploymentJobId(inserted.id),
          kind: 'deployment',
          queueKey: null,
          owner: lease?.owner ?? null,
          leaseMs: lease?.leaseMs ?? 0,
          queuedAt: new Date(now),
        })
        return inserted
      })
      return toRecord(row)
    },

    async update(id: number, patch: DeploymentPatch): Promise<DeploymentRecord> {
      const changes: Updateable<DeploymentsTable> = { updated_at: new Date().toISOString() }
      if (patch.status !== undefined) changes.status = patch.status
      if (patch.step !== undefined) changes.step = patch.step
      if (patch.error !== undefined) changes.error = patch.error
      if (patch.deployedAt !== undefined) changes.deployed_at = patch.deployedAt?.toISOString() ?? null
      if (patch.sshHostKey !== undefined) changes.ssh_host_key = patch.sshHostKey
      if (patch.provisionRef !== undefined) changes.provision_ref = patch.provisionRef
      if (patch.guest !== undefined) {
        changes.guest_native_id = patch.guest?.nativeId ?? null
        changes.guest_location = patch.guest?.location ?? null
        changes.guest_ip = patch.guest?.ip ?? null
        changes.ssh_port = patch.guest?.sshPort ?? null
        changes.ssh_user = patch.guest?.sshUser ?? null
      }
      // A deleted deployment's guest is gone and its address may already be a newer guest's:
      // forget the address (the guest's id and node stay, for the record).
      if (patch.status === 'DELETED') changes.guest_ip = null
      const row = await db.transaction().execute(async (trx) => {
        const updated = await trx
          .updateTable('deployments')
          .set(changes)
          .where('id', '=', id)
          .returningAll()
          .executeTakeFirst()
        // Resting (RUNNING, STOPPED, FAILED, DELETED) ends its job in the same transaction.
        if (updated && patch.status !== undefined && RESTING.has(patch.status)) await endJob(trx, deploymentJobId(id))
        // Its job takes its turns on its guest, like every other job on that server.
        if (updated && patch.guest !== undefined) {
          const queueKey = patch.guest ? `${updated.provider}:${patch.guest.nativeId}` : null
          await trx.updateTable('jobs').set({ queue_key: queueKey }).where('id', '=', deploymentJobId(id)).execute()
        }
        return updated
      })
      if (!row) throw new NotFoundError(`id: no deployment ${id}`, { field: 'id' })
      return toRecord(row)
    },

    /** The deployment's key pair, for the engine's SSH client only. */
    async keys(id: number): Promise<{ publicKey: string; privateKey: string } | undefined> {
      const row = await db
        .selectFrom('deployments')
        .select(['ssh_public_key', 'ssh_private_key'])
        .where('id', '=', id)
        .executeTakeFirst()
      if (!row?.ssh_private_key || !row.ssh_public_key) return undefined
      // Keys stored before sealing existed are sealed at start (see sealStoredKeys); read either.
      const privateKey = isSealed(row.ssh_private_key)
        ? box.open(row.ssh_private_key, PRIVATE_KEY_PURPOSE)
        : row.ssh_private_key
      return { publicKey: row.ssh_public_key, privateKey }
    },

    /** The deploy key's private half, for the guest's fetch only. */
    async deployKey(id: number): Promise<string | undefined> {
      const row = await db
        .selectFrom('deployments')
        .select('deploy_private_key')
        .where('id', '=', id)
        .executeTakeFirst()
      return row?.deploy_private_key ? box.open(row.deploy_private_key, DEPLOY_KEY_PURPOSE) : undefined
    },

    /** Seals the private keys a Hangar from before sealing stored in clear; answers how many. */
    async sealStoredKeys(): Promise<number> {
      const rows = await db
        .selectFrom('deployments')
        .select(['id', 'ssh_private_key'])
        .where('ssh_private_key', 'is not', null)
        .where('ssh_private_key', 'not like', 'hgs1:%')
        .execute()
      for (const row of rows) {
        await db
          .updateTable('deployments')
          .set({ ssh_private_key: box.seal(row.ssh_private_key!, PRIVATE_KEY_PURPOSE) })
          .where('id', '=', row.id)
          .where('ssh_private_key', '=', row.ssh_private_key)
          .execute()
      }
      return rows.length
    },

    variables,

    /** Every variable with its value, secrets included: for the guest's environment file only. */
    async environment(id: number): Promise<Record<string, string>> {
      const rows = await db
        .selectFrom('deployment_variables')
        .select(['key', 'value'])
        .where('deployment_id', '=', id)
        .orderBy('key')
        .execute()
      return Object.fromEntries(rows.map((row) => [row.key, box.open(row.value, variablePurpose(id, row.key))]))
    },

    /**
     * Sets and unsets variables in one transaction (validated by the caller): all of it or none.
     * Unsetting a key the deployment does not have is refused, naming it; so is going past
     * {@link MAX_VARIABLES}.
     */
    async setVariables(
      id: number,
      set: readonly VariableInput[],
      unset: readonly string[] = [],
    ): Promise<DeploymentVariable[]> {
      await db.transaction().execute((trx) => writeVariables(trx, id, set, unset))
      return variables(id)
    },

    async list({ status, first, before }: DeploymentListOptions): Promise<DeploymentPage> {
      let query = db.selectFrom('deployments')
      if (status) query = query.where('status', '=', status)
      const { count } = await query.select((eb) => eb.fn.countAll<number>().as('count')).executeTakeFirstOrThrow()
      const page = before === undefined ? query : query.where('id', '<', before)
      const rows = await page
        .selectAll()
        .orderBy('id', 'desc')
        .limit(first + 1)
        .execute()
      return {
        deployments: rows.slice(0, first).map(toRecord),
        hasMore: rows.length > first,
        totalCount: Number(count),
      }
    },

    /** Deployments that rest on a guest (RUNNING, STOPPED, FAILED with one), to check it still exists. */
    async listWithGuests(): Promise<DeploymentRecord[]> {
      const rows = await db
        .selectFrom('deployments')
        .selectAll()
        .where('status', 'in', ['RUNNING', 'STOPPED', 'FAILED'])
        .where('guest_native_id', 'is not', null)
        .orderBy('id', 'asc')
        .execute()
      return rows.map(toRecord)
    },

    async counts(): Promise<Record<DeploymentStatus, number>> {
      const rows = await db
        .selectFrom('deployments')
        .select(['status', (eb) => eb.fn.countAll<number>().as('count')])
        .groupBy('status')
        .execute()
      const counts = { PENDING: 0, CREATING: 0, RUNNING: 0, FAILED: 0, STOPPED: 0, DELETED: 0 }
      for (const row of rows) counts[row.status as DeploymentStatus] = Number(row.count)
      return counts
    },

    /** Appends lines to the deployment's job log, numbered on from the last stored one; returns them numbered. */
    async appendLogs(
      id: number,
      lines: readonly { stream: LogStream; line: string; at?: Date }[],
    ): Promise<DeploymentLogLine[]> {
      return (await log.append(deploymentJobId(id), lines)) as DeploymentLogLine[]
    },

    /** Appends to several deployments' job logs in one transaction (`JobLog.appendMany`). */
    appendLogBatches(batches: Parameters<JobLog['appendMany']>[0]) {
      return log.appendMany(batches)
    },

    async logs(
      id: number,
      { after = 0, limit = 1000 }: { after?: number; limit?: number } = {},
    ): Promise<DeploymentLogLine[]> {
      return (await log.read(deploymentJobId(id), { after, limit })) as DeploymentLogLine[]
    },
  }
}

/** The deployments table and its log lines, variables and secrets. */
export interface DeploymentStore {
  /** One deployment, or undefined for an unknown id. */
  get(id: number): Promise<DeploymentRecord | undefined>
  /**
   * Inserts a deployment (status PENDING) with its variables and its job, QUEUED and leased to `lease.owner` when
   * given; the database gives its id, the next number.
   */
  create(
    deployment: NewDeployment,
    keys: { publicKey: string; privateKey: string },
    lease?: { owner: string; leaseMs: number },
    initial?: readonly VariableInput[],
    deployKey?: { publicKey: string; privateKey: string },
  ): Promise<DeploymentRecord>
  /** Changes some fields and answers the whole deployment; NOT_FOUND for an unknown id. */
  update(id: number, patch: DeploymentPatch): Promise<DeploymentRecord>
  /** The deployment's key pair, for the engine's SSH client only. */
  keys(id: number): Promise<{ publicKey: string; privateKey: string } | undefined>
  /** The deploy key's private half, for the guest's fetch only. */
  deployKey(id: number): Promise<string | undefined>
  /** Seals the private keys a Hangar from before sealing stored in clear; answers how many. */
  sealStoredKeys(): Promise<number>
  /** The deployment's variables by key; a secret's value is null. */
  variables(id: number): Promise<DeploymentVariable[]>
  /** Every variable with its value, secrets included: for the guest's environment file only. */
  environment(id: number): Promise<Record<string, string>>
  /**
   * Sets and unsets variables in one transaction (validated by the caller): all of it or none.
   * Unsetting a key the deployment does not have is refused, naming it; so is going past
   * {@link MAX_VARIABLES}.
   */
  setVariables(id: number, set: readonly VariableInput[], unset?: readonly string[]): Promise<DeploymentVariable[]>
  /** Newest first, `first` of them (with `status` only, when given). */
  list(options: DeploymentListOptions): Promise<DeploymentPage>
  /** Deployments that rest on a guest (RUNNING, STOPPED, FAILED with one), to check it still exists. */
  listWithGuests(): Promise<DeploymentRecord[]>
  /** How many deployments are in each status. */
  counts(): Promise<Record<DeploymentStatus, number>>
  /**
   * Appends lines to the deployment's job log, numbered on from the last stored one; returns them numbered.
   */
  appendLogs(id: number, lines: readonly { stream: LogStream; line: string; at?: Date }[]): Promise<DeploymentLogLine[]>
  /** Appends to several deployments' job logs in one transaction (`JobLog.appendMany`). */
  appendLogBatches(batches: Parameters<JobLog['appendMany']>[0]): Promise<(JobLogLine[] | undefined)[]>
  /** Stored log lines with seq > `after`, oldest first, at most `limit`. */
  logs(id: number, page?: { after?: number; limit?: number }): Promise<DeploymentLogLine[]>
}
