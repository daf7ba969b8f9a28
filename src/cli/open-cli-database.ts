import { gatewayEnvSchema } from '../config/config-schema.js'
import { openDatabase, type Database } from '../db/open-database.js'

/** The database the CLI's local commands work on: DATABASE_URL, as `hangar serve` reads it. */
export async function openCliDatabase(env: NodeJS.ProcessEnv = process.env): Promise<Database> {
  const parsed = gatewayEnvSchema.pick({ DATABASE_URL: true }).parse(env)
  return openDatabase(parsed.DATABASE_URL)
}
