/** Writes `schema.graphql` from the Pothos builder; a test fails when the committed file is stale. */
import { writeFileSync } from 'node:fs'
import { lexicographicSortSchema, printSchema } from 'graphql'
import { schema } from '../src/schema/index.js'

export const printedSchema = (): string => `${printSchema(lexicographicSortSchema(schema))}\n`

if (import.meta.url === `file://${process.argv[1]}`) {
  writeFileSync(new URL('../schema.graphql', import.meta.url), printedSchema())
  console.log('wrote schema.graphql')
}
