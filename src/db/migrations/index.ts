import type { Migration, MigrationProvider } from 'kysely'
import * as operations from './0001-operations.js'
import * as access from './0002-access.js'
import * as deployments from './0003-deployments.js'
import * as recovery from './0004-recovery.js'
import * as identityIds from './0005-identity-ids.js'
import * as jobs from './0006-jobs.js'
import * as deploymentVariables from './0007-deployment-variables.js'
import * as releases from './0008-releases.js'
import * as webhooks from './0009-deployment-webhooks.js'
import * as privateRepositories from './0010-private-repositories.js'

/**
 * Every migration, keyed by the name Kysely records in `kysely_migration`. Names sort in the
 * order they run; a migration, once released, is never edited, only followed by a new one.
 */
export const migrations: Readonly<Record<string, Migration>> = {
  '0001-operations': operations,
  '0002-access': access,
  '0003-deployments': deployments,
  '0004-recovery': recovery,
  '0005-identity-ids': identityIds,
  '0006-jobs': jobs,
  '0007-deployment-variables': deploymentVariables,
  '0008-releases': releases,
  '0009-deployment-webhooks': webhooks,
  '0010-private-repositories': privateRepositories,
}

/** Hands {@link migrations} to Kysely's `Migrator`, so no files are read at run time. */
export const inCodeMigrationProvider: MigrationProvider = {
  getMigrations: async () => ({ ...migrations }),
}
