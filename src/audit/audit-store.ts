import { randomBytes } from 'node:crypto'
import type { Kysely, Selectable } from 'kysely'
import type { AuditLogTable, HangarTables } from '../db/tables.js'

export type AuditOutcome = 'ALLOWED' | 'DENIED' | 'FAILED'

/** One recorded action. */
export interface AuditEntry {
  id: string
  at: Date
  /** The token's name, `anonymous`, or `local` (open mode on loopback). */
  actor: string
  role: string | null
  action: string
  target: string | null
  outcome: AuditOutcome
  operationId: string | null
  source: 'graphql' | 'rest' | 'cli'
  /** Error code and message of a refusal or failure; never a secret. */
  detail: string | null
}

export type NewAuditEntry = Omit<AuditEntry, 'id' | 'at'> & { at?: Date }

/** Options of {@link AuditStore.list}. */
export interface AuditQuery {
  actor?: string
  action?: string
  /** Page size (default 50). */
  first?: number
  /** The id of the last entry of the previous page: entries older than it. */
  before?: string
}

/** The audit log: append-only, newest first. */
export interface AuditStore {
  record(entry: NewAuditEntry): Promise<AuditEntry>
  /** One page, newest first, and how many entries match in all. */
  list(query?: AuditQuery): Promise<{ entries: AuditEntry[]; hasMore: boolean; totalCount: number }>
}

let lastStamp = 0
/** Ids that sort by time (newest greatest), across processes, with randomness against clashes. */
function sortableId(at: Date): string {
  const stamp = Math.max(at.getTime(), lastStamp + 1)
  lastStamp = stamp
  return `aud_${stamp.toString(36).padStart(10, '0')}${randomBytes(4).toString('hex')}`
}

function toEntry(row: Selectable<AuditLogTable>): AuditEntry {
  return {
    id: row.id,
    at: new Date(row.at),
    actor: row.actor,
    role: row.role,
    action: row.action,
    target: row.target,
    outcome: row.outcome as AuditOutcome,
    operationId: row.operation_id,
    source: row.source as AuditEntry['source'],
    detail: row.detail,
  }
}

export function createAuditStore(db: Kysely<HangarTables>): AuditStore {
  return {
    async record(entry) {
      const at = entry.at ?? new Date()
      const row = await db
        .insertInto('audit_log')
        .values({
          id: sortableId(at),
          at: at.toISOString(),
          actor: entry.actor,
          role: entry.role,
          action: entry.action,
          target: entry.target,
          outcome: entry.outcome,
          operation_id: entry.operationId,
          source: entry.source,
          detail: entry.detail,
        })
        .returningAll()
        .executeTakeFirstOrThrow()
      return toEntry(row)
    },

    async list({ actor, action, first = 50, before } = {}) {
      let query = db.selectFrom('audit_log')
      if (actor) query = query.where('actor', '=', actor)
      if (action) query = query.where('action', '=', action)
      const { count } = await query.select((eb) => eb.fn.countAll<number>().as('count')).executeTakeFirstOrThrow()
      const page = before ? query.where('id', '<', before) : query
      const rows = await page
        .selectAll()
        .orderBy('id', 'desc')
        .limit(first + 1)
        .execute()
      return { entries: rows.slice(0, first).map(toEntry), hasMore: rows.length > first, totalCount: Number(count) }
    },
  }
}
