import { randomBytes } from 'node:crypto'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { registerSecret } from '../support/secrets.js'
import { runHangar, startStackWithApp } from '../support/hangar-cli.js'
import type { Stack } from '../support/start-stack.js'

let stack: Stack
let id: string
const secret = `cli-secret-${randomBytes(10).toString('hex')}`
registerSecret(secret)

beforeAll(async () => {
  ;({ stack, id } = await startStackWithApp('VM', 'env-cli'))
}, 120_000)
afterAll(() => stack?.close())

const hangar = (args: string[], input = '') => runHangar(stack.url, args, { input })

type Listed = { key: string; value: string | null; secret: boolean }
async function listed(): Promise<Listed[]> {
  const list = await hangar(['env', 'list', id, '--json'])
  expect(list.code).toBe(0)
  return (JSON.parse(list.stdout) as Listed[]).map(({ key, value, secret: isSecret }) => ({
    key,
    value,
    secret: isSecret,
  }))
}

describe('hangar env', () => {
  it('set KEY=VALUE redeploys the app, showing its progress, and lists the variables', async () => {
    const set = await hangar(['env', 'set', id, 'GREETING=hello world', 'QUOTED=it\'s "fine"'])
    expect(set.stderr).toContain(`deployment ${id} is running with its new variables`)
    expect(set.code).toBe(0)
    expect(set.stdout).toMatch(/GREETING\s+hello world/)
    expect(await listed()).toEqual([
      { key: 'GREETING', value: 'hello world', secret: false },
      { key: 'QUOTED', value: 'it\'s "fine"', secret: false },
    ])
  }, 60_000)

  it('set KEY --secret reads the value from standard input, and never prints it', async () => {
    const set = await hangar(['env', 'set', id, 'API_TOKEN', '--secret', '--no-redeploy'], `${secret}\n`)
    expect(set.code).toBe(0)
    expect(set.stderr).toContain('not redeployed')
    expect(set.stdout).toMatch(/API_TOKEN\s+\(secret\)/)
    expect(set.stdout + set.stderr).not.toContain(secret)
    const list = await hangar(['env', 'list', id])
    expect(list.stdout + list.stderr).not.toContain(secret)
    expect((await listed()).find((variable) => variable.key === 'API_TOKEN')).toEqual({
      key: 'API_TOKEN',
      value: null,
      secret: true,
    })
    const environment = await stack.gateway.hangar.deployments.store.environment(Number(id))
    expect(environment.API_TOKEN).toBe(secret)
  })

  it('unset removes variables', async () => {
    const unset = await hangar(['env', 'unset', id, 'QUOTED', '--no-redeploy'])
    expect(unset.code).toBe(0)
    expect((await listed()).map((variable) => variable.key)).toEqual(['API_TOKEN', 'GREETING'])
  })

  it('names the refused variable in the words of the command line, and changes nothing', async () => {
    const before = await listed()
    const bad = await hangar(['env', 'set', id, 'OK=1', 'bad-key=x', '--no-redeploy'])
    expect(bad.code).toBe(2)
    expect(bad.stderr).toMatch(/bad-key: "bad-key" is not a variable name/)
    const missing = await hangar(['env', 'unset', id, 'NOPE', '--no-redeploy'])
    expect(missing.code).toBe(2)
    expect(missing.stderr).toMatch(/NOPE: deployment \d+ has no variable NOPE/)
    const usage = await hangar(['env', 'set', id, 'A', 'B'])
    expect(usage.code).toBe(2)
    expect(await listed()).toEqual(before)
  })
})
