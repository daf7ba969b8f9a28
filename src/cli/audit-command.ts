import { parseArgs } from 'node:util'
import { createAuditStore } from '../audit/audit-store.js'
import { asksForHelp, AUDIT_USAGE } from './local-command-help.js'
import { openCliDatabase } from './open-cli-database.js'
import { table } from './output.js'

/** `hangar audit [--json] [--actor NAME] [--action NAME] [--limit N]`: newest first, from DATABASE_URL. */
export async function runAudit(args: string[]): Promise<number> {
  if (asksForHelp(args, { whenEmpty: false })) {
    console.log(AUDIT_USAGE)
    return 0
  }
  let values: { json: boolean; actor?: string; action?: string; limit: string }
  try {
    values = parseArgs({
      args,
      options: {
        json: { type: 'boolean', default: false },
        actor: { type: 'string' },
        action: { type: 'string' },
        limit: { type: 'string', default: '50' },
      },
    }).values
  } catch (error) {
    console.error(`hangar audit: ${(error as Error).message}\n\n${AUDIT_USAGE}`)
    return 2
  }
  const limit = Number(values.limit)
  if (!Number.isInteger(limit) || limit < 1 || limit > 10_000) {
    console.error('hangar audit: --limit must be a whole number from 1 to 10000')
    return 2
  }
  const database = await openCliDatabase()
  try {
    const { entries, totalCount } = await createAuditStore(database.db).list({
      first: limit,
      actor: values.actor,
      action: values.action,
    })
    if (values.json) {
      console.log(JSON.stringify(entries.map((entry) => ({ ...entry, at: entry.at.toISOString() }))))
      return 0
    }
    table(
      ['AT (UTC)', 'ACTOR', 'ROLE', 'ACTION', 'TARGET', 'OUTCOME', 'OPERATION', 'DETAIL'],
      entries.map((entry) => [
        entry.at.toISOString().replace('T', ' ').slice(0, 19),
        entry.actor,
        entry.role ?? '-',
        entry.action,
        entry.target ?? '-',
        entry.outcome,
        entry.operationId ?? '-',
        entry.detail ?? '',
      ]),
    )
    if (totalCount > entries.length) console.log(`(${entries.length} of ${totalCount}; --limit N shows more)`)
    return 0
  } finally {
    await database.close()
  }
}
