import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { runHangar, startStackWithApp } from '../support/hangar-cli.js'
import type { Stack } from '../support/start-stack.js'

let stack: Stack
let id: string

beforeAll(async () => {
  ;({ stack, id } = await startStackWithApp('LXC', 'release-cli'))
}, 120_000)
afterAll(() => stack?.close())

const hangar = (args: string[], input = '') => runHangar(stack.url, args, { input })

describe('hangar redeploy, releases, rollback', () => {
  it("redeploy --follow prints the new release's lines only, and exits 0 once it serves", async () => {
    const redeployed = await hangar(['redeploy', id, '--ref', 'main', '--follow'])
    expect(redeployed.stderr).toContain(`release 2 of deployment ${id} asked (main)`)
    expect(redeployed.code).toBe(0)
    expect(redeployed.stderr).toMatch(new RegExp(`release 2 \\([0-9a-f]{7}\\) is serving on deployment ${id}`))
    const lines = redeployed.stdout.split('\n')
    expect(lines).toContain('release 2: main')
    expect(lines).toContain('release 2 is serving')
    expect(lines).not.toContain('release 1: main')
  }, 60_000)

  it('releases lists them newest first, as a table or JSON', async () => {
    const table = await hangar(['releases', id])
    expect(table.code).toBe(0)
    const [header, newest, oldest] = table.stdout.split('\n')
    expect(header).toMatch(/^RELEASE\s+STATUS\s+REF\s+COMMIT\s+CREATED\s+ACTIVATED\s+KEPT/)
    expect(newest).toMatch(/^2\s+ACTIVE\s+main\s+[0-9a-f]{7}\s/)
    expect(oldest).toMatch(/^1\s+SUPERSEDED\s+main\s/)
    const json = await hangar(['releases', id, '--json'])
    expect(
      (JSON.parse(json.stdout) as { number: number; status: string }[]).map((release) => [
        release.number,
        release.status,
      ]),
    ).toEqual([
      [2, 'ACTIVE'],
      [1, 'SUPERSEDED'],
    ])
  })

  it('rollback switches back without building, and exits 0 once the release serves', async () => {
    const rolled = await hangar(['rollback', id, '1'])
    expect(rolled.code).toBe(0)
    expect(rolled.stderr).toMatch(/release 1 \([0-9a-f]{7}\) is serving/)
    const json = JSON.parse((await hangar(['releases', id, '--json'])).stdout) as { number: number; status: string }[]
    expect(json.map((release) => [release.number, release.status])).toEqual([
      [2, 'SUPERSEDED'],
      [1, 'ACTIVE'],
    ])
  }, 60_000)

  it('refuses a release that is not a number (2), the one serving (6), one it does not have (3)', async () => {
    expect((await hangar(['rollback', id, '01'])).code).toBe(2)
    const serving = await hangar(['rollback', id, '1'])
    expect(serving.code).toBe(6)
    expect(serving.stderr).toContain('release 1 is the one serving')
    expect((await hangar(['rollback', id, '9'])).code).toBe(3)
    expect((await hangar(['redeploy', id, '--ref', 'main;reboot'])).code).toBe(2)
  })
})
