import type { Kysely, Selectable, Updateable } from 'kysely'
import type { DeploymentsTable, HangarTables } from '../db/tables.js'
import { NotFoundError } from '../errors/index.js'
import { createJobLog, deploymentJobId } from '../jobs/job-log.js'
import { endJob, insertJob } from '../jobs/job-store.js'

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
}

/** One stored log line. */
export interface DeploymentLogLine {
  seq: number
  at: Date
  stream: LogStream
  line: string
}

export type NewDeployment = Pick<DeploymentRecord, 'name' | 'type' | 'framework' | 'githubUrl' | 'branch' | 'cpu' | 'memory' | 'disk' | 'provider'>

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

/** What the deployment store's list answers. */
export interface DeploymentPage {
  deployments: DeploymentRecord[]
  hasMore: boolean
  totalCount: number
}

function toRecord(row: Selectable<DeploymentsTable>): DeploymentRecord {
  // Rows deleted before `update` cleared the address on DELETED may still hold one: never show it.
  const ip = row.status === 'DELETED' ? null : row.guest_ip
  const date = (value: string | null) => (value === null ? null : new Date(value))
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
    deployedAt: date(row.deployed_at),
    guest: row.guest_native_id
      ? { nativeId: row.guest_native_id, location: row.guest_location, ip, sshPort: row.ssh_port, sshUser: row.ssh_user }
      : null,
    sshHostKey: row.ssh_host_key,
    provisionRef: row.provision_ref ?? null,
  }
}

/**
 * Deployments and their logs on SQLite or PostgreSQL. Log lines are appended in batches (one
 * transaction for many lines) and numbered on from the largest stored `seq`, so a line once
 * stored keeps its number for ever.
 */
export function createDeploymentStore(db: Kysely<HangarTables>) {
  const log = createJobLog(db)

  async function get(id: number): Promise<DeploymentRecord | undefined> {
    const row = await db.selectFrom('deployments').selectAll().where('id', '=', id).executeTakeFirst()
    return row ? toRecord(row) : undefined
  }

  return {
    get,

    /**
     * Inserts a deployment (status PENDING) with its job, QUEUED and leased to `lease.owner` when
     * given; the database gives its id, the next number.
     */
    async create(deployment: NewDeployment, keys: { publicKey: string; privateKey: string }, lease?: { owner: string; leaseMs: number }): Promise<DeploymentRecord> {
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
            ssh_private_key: keys.privateKey,
            ssh_host_key: null,
            provision_ref: null,
          })
          .returningAll()
          .executeTakeFirstOrThrow()
        await insertJob(trx, { id: deploymentJobId(inserted.id), kind: 'deployment', queueKey: null, owner: lease?.owner ?? null, leaseMs: lease?.leaseMs ?? 0, queuedAt: new Date(now) })
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
        const updated = await trx.updateTable('deployments').set(changes).where('id', '=', id).returningAll().executeTakeFirst()
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
      const row = await db.selectFrom('deployments').select(['ssh_public_key', 'ssh_private_key']).where('id', '=', id).executeTakeFirst()
      return row?.ssh_private_key && row.ssh_public_key ? { publicKey: row.ssh_public_key, privateKey: row.ssh_private_key } : undefined
    },

    /** Newest first; `before` is the id of the last deployment of the previous page. */
    async list({ status, first, before }: { status?: DeploymentStatus; first: number; before?: number }): Promise<DeploymentPage> {
      let query = db.selectFrom('deployments')
      if (status) query = query.where('status', '=', status)
      const { count } = await query.select((eb) => eb.fn.countAll<number>().as('count')).executeTakeFirstOrThrow()
      const page = before === undefined ? query : query.where('id', '<', before)
      const rows = await page.selectAll().orderBy('id', 'desc').limit(first + 1).execute()
      return { deployments: rows.slice(0, first).map(toRecord), hasMore: rows.length > first, totalCount: Number(count) }
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
      const rows = await db.selectFrom('deployments').select(['status', (eb) => eb.fn.countAll<number>().as('count')]).groupBy('status').execute()
      const counts = { PENDING: 0, CREATING: 0, RUNNING: 0, FAILED: 0, STOPPED: 0, DELETED: 0 }
      for (const row of rows) counts[row.status as DeploymentStatus] = Number(row.count)
      return counts
    },

    /** Appends lines to the deployment's job log, numbered on from the last stored one; returns them numbered. */
    async appendLogs(id: number, lines: readonly { stream: LogStream; line: string; at?: Date }[]): Promise<DeploymentLogLine[]> {
      return (await log.append(deploymentJobId(id), lines)) as DeploymentLogLine[]
    },

    async logs(id: number, { after = 0, limit = 1000 }: { after?: number; limit?: number } = {}): Promise<DeploymentLogLine[]> {
      return (await log.read(deploymentJobId(id), { after, limit })) as DeploymentLogLine[]
    },
  }
}

export type DeploymentStore = ReturnType<typeof createDeploymentStore>
