import { ConfigError } from '../config/load-config.js'
import type { Logger } from '../logger.js'
import type { Database } from './open-database.js'

/** Which kind of gateway uses a database: the demo (fresh simulators) or configured providers. */
export type GatewayMode = 'demo' | 'configured'

/** What a demo start found and cleared. */
export interface DemoReset {
  deployments: number
  operations: number
}

const MODE_KEY = 'gateway_mode'

/**
 * Records which kind of gateway uses the database, and keeps a demo's database in step with its
 * simulators. The demo's simulators start afresh every time, so the deployments and operations a
 * previous demo stored would point at guests that no longer exist: they are cleared (API tokens
 * and the audit log stay). A database a configured gateway used is never cleared: the demo refuses
 * it, since its fresh simulators would make every stored deployment look gone.
 */
export async function claimDatabase(
  database: Database,
  mode: GatewayMode,
  databaseName: string,
  logger: Logger,
): Promise<DemoReset | undefined> {
  const { db } = database
  const previous = (await db.selectFrom('hangar_meta').select('value').where('key', '=', MODE_KEY).executeTakeFirst())
    ?.value
  let reset: DemoReset | undefined
  if (mode === 'demo') {
    const count = async (table: 'deployments' | 'operations') =>
      Number(
        (
          await db
            .selectFrom(table)
            .select((eb) => eb.fn.countAll<number>().as('n'))
            .executeTakeFirstOrThrow()
        ).n,
      )
    const stored = { deployments: await count('deployments'), operations: await count('operations') }
    if (stored.deployments + stored.operations > 0) {
      if (previous !== 'demo') {
        throw new ConfigError(
          `DATABASE_URL: ${databaseName} holds ${stored.deployments} deployment(s) ` +
            `and ${stored.operations} operation(s) ` +
            'of a gateway with configured providers, ' +
            'and no provider is configured now, so the demo would start; ' +
            'its fresh simulators would make them all look gone. ' +
            'Configure the providers again (PROXMOX_*, KAMATERA_*, HANGAR_CONFIG), ' +
            'or give the demo a database of its own (DATABASE_URL=sqlite:./data/demo.db)',
        )
      }
      await db.transaction().execute(async (trx) => {
        await trx.deleteFrom('job_logs').execute()
        await trx.deleteFrom('jobs').execute()
        await trx.deleteFrom('deployment_variables').execute()
        await trx.deleteFrom('deployment_releases').execute()
        await trx.deleteFrom('webhook_deliveries').execute()
        await trx.deleteFrom('deployment_webhooks').execute()
        await trx.deleteFrom('deployments').execute()
        await trx.deleteFrom('operations').execute()
      })
      reset = stored
      logger.info(
        stored,
        `demo mode: the simulators start afresh, so the previous demo's ${stored.deployments} deployment(s) ` +
          `and ${stored.operations} operation(s) were cleared (API tokens and the audit log are kept)`,
      )
    }
  }
  if (previous !== mode) {
    await db
      .insertInto('hangar_meta')
      .values({ key: MODE_KEY, value: mode })
      .onConflict((oc) => oc.column('key').doUpdateSet({ value: mode }))
      .execute()
  }
  return reset
}
