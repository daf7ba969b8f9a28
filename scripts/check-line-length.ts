/**
 * `npm run lint` (after Biome): no line of the project's own source over 120 characters. Biome's
 * formatter wraps code at 120 columns but leaves strings and comments as they are; this catches
 * those. Generated code (GraphQL codegen's `gql/` folders, the Proxmox API schema) is left out.
 */
import { execFileSync } from 'node:child_process'
import { readFileSync } from 'node:fs'

const LIMIT = 120
const SOURCE = /\.(ts|tsx|js|mjs|css|html)$/
const GENERATED = /(^|\/)gql\/(graphql|gql|fragment-masking|index)\.ts$/

const listed = execFileSync('git', ['ls-files', '--cached', '--others', '--exclude-standard'], { encoding: 'utf8' })
const files = listed.split('\n').filter((file) => SOURCE.test(file) && !GENERATED.test(file))
const long: string[] = []
for (const file of files) {
  let text: string
  try {
    text = readFileSync(file, 'utf8')
  } catch {
    continue // listed by git but deleted in the working tree
  }
  text.split('\n').forEach((line, index) => {
    if (line.length > LIMIT) long.push(`${file}:${index + 1}: ${line.length} characters`)
  })
}
if (long.length > 0) {
  console.error(`${long.length} line(s) over ${LIMIT} characters:\n${long.join('\n')}`)
  process.exit(1)
}
console.log(`no line over ${LIMIT} characters in ${files.length} files`)
