/**
 * Builds the web dashboard (`web/`) into `dist/web/`, which the gateway serves at `/`.
 *
 *   npx tsx scripts/build-web.ts              # build
 *   npx tsx scripts/build-web.ts --if-stale   # build only when dist/web is missing or older than web/
 *
 * `npm install` runs it (the `prepare` script). An install without dev dependencies has no Vite;
 * then it says so and exits 0, and the gateway answers `/` with how to build.
 */
import { existsSync, readdirSync, statSync } from 'node:fs'
import { createRequire } from 'node:module'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'

const root = fileURLToPath(new URL('..', import.meta.url))
const webDirectory = join(root, 'web')
const builtIndex = join(root, 'dist/web/index.html')

/** The newest modification time of any file under `directory`, in ms. */
function newestChange(directory: string): number {
  let newest = 0
  for (const entry of readdirSync(directory, { withFileTypes: true })) {
    const path = join(directory, entry.name)
    newest = Math.max(newest, entry.isDirectory() ? newestChange(path) : statSync(path).mtimeMs)
  }
  return newest
}

/** Whether `dist/web` is missing or older than a source of the front end (or the lock file). */
export function dashboardIsStale(): boolean {
  if (!existsSync(builtIndex)) return true
  const sources = Math.max(newestChange(webDirectory), statSync(join(root, 'package-lock.json')).mtimeMs)
  return statSync(builtIndex).mtimeMs < sources
}

/** Builds the front end with Vite (`web/vite.config.ts`). */
export async function buildDashboard(): Promise<void> {
  const { build } = await import('vite')
  await build({ configFile: join(webDirectory, 'vite.config.ts'), logLevel: 'warn' })
}

function viteIsInstalled(): boolean {
  try {
    createRequire(import.meta.url).resolve('vite')
    return true
  } catch {
    return false
  }
}

/** Vite 8 runs on Node 20.19 or later; the gateway itself runs on any Node 20. */
function nodeCanBuild(): boolean {
  const [major = 0, minor = 0] = process.versions.node.split('.').map(Number)
  return major > 20 || (major === 20 && minor >= 19)
}

if (import.meta.url === `file://${process.argv[1]}`) {
  if (!nodeCanBuild()) {
    console.log(
      `web dashboard not built: building it needs Node 20.19 or later ` +
        `(this is ${process.versions.node}); the gateway runs without it`,
    )
  } else if (!viteIsInstalled()) {
    console.log(
      'web dashboard not built: Vite is not installed (dev dependencies ' +
        'were left out); `npm install` then `npm run build:web` builds it',
    )
  } else if (process.argv.includes('--if-stale') && !dashboardIsStale()) {
    console.log('web dashboard is up to date (dist/web)')
  } else {
    const started = Date.now()
    await buildDashboard()
    console.log(`built the web dashboard into dist/web in ${Date.now() - started} ms`)
  }
}
