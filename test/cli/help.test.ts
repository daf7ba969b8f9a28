import { execFile } from 'node:child_process'
import { readFile } from 'node:fs/promises'
import { describe, expect, it } from 'vitest'

const root = new URL('../..', import.meta.url).pathname
const { version } = JSON.parse(await readFile(new URL('../../package.json', import.meta.url), 'utf8')) as {
  version: string
}

/**
 * Runs a command from the checkout. The database is a file that cannot exist: help must not need one.
 * npm stays offline, so `npx hangar` can only ever run this checkout's bin, never a registry package.
 */
function run(command: string, args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const env = {
      ...process.env,
      NO_COLOR: '1',
      DATABASE_URL: 'sqlite:/nonexistent/hangar-help/h.db',
      npm_config_offline: 'true',
      npm_config_update_notifier: 'false',
    }
    const child = execFile(command, args, { cwd: root, env, timeout: 60_000 }, (error, stdout, stderr) => {
      resolve({ code: error ? ((error as { code?: number }).code ?? 1) : 0, stdout, stderr })
    })
    child.stdin?.end()
  })
}
const hangar = (...args: string[]) => run('node', ['bin/hangar.js', ...args])

describe('hangar --version and --help', () => {
  it('--version and -V print the package version and exit 0', async () => {
    for (const flag of ['--version', '-V']) {
      const answer = await hangar(flag)
      expect(answer).toEqual({ code: 0, stdout: `${version}\n`, stderr: '' })
    }
  })

  it('npx hangar works from the checkout, as the README says', async () => {
    const help = await run('npx', ['hangar', '--help'])
    expect(help.code).toBe(0)
    expect(help.stdout).toMatch(/^Usage: hangar \[options\] \[command\]/)
    expect(help.stdout).toContain('--version')
    expect((await run('npx', ['hangar', '--version'])).stdout).toBe(`${version}\n`)
  }, 60_000)
})

describe('help of the commands that parse their own arguments', () => {
  it.each(['token', 'token help', 'token --help', 'token -h', 'token create --help', 'token revoke -h', 'help token'])(
    'hangar %s prints the token usage and exits 0',
    async (line) => {
      const answer = await hangar(...line.split(' '))
      expect(answer.code).toBe(0)
      expect(answer.stderr).toBe('')
      expect(answer.stdout).toMatch(/^Usage:\n {2}hangar token create --role viewer\|operator\|admin --name NAME/)
      expect(answer.stdout).toContain('hangar token revoke ID')
    },
  )

  it.each(['audit --help', 'audit -h', 'audit help', 'help audit'])(
    'hangar %s prints the audit usage and exits 0',
    async (line) => {
      const answer = await hangar(...line.split(' '))
      expect(answer.code).toBe(0)
      expect(answer.stderr).toBe('')
      expect(answer.stdout).toMatch(
        /^Usage:\n {2}hangar audit \[--json\] \[--actor NAME\] \[--action NAME\] \[--limit N\]/,
      )
    },
  )

  it('a usage mistake still exits 2, with the usage on stderr', async () => {
    const token = await hangar('token', 'frob')
    expect(token.code).toBe(2)
    expect(token.stderr).toMatch(/^hangar token: unknown action "frob"\n\nUsage:/)
    const audit = await hangar('audit', '--frob')
    expect(audit.code).toBe(2)
    expect(audit.stderr).toMatch(/^hangar audit: Unknown option '--frob'.*\n\nUsage:/)
  })
})
