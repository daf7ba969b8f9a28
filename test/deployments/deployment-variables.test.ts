import { randomBytes } from 'node:crypto'
import { existsSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { sendOver } from '../support/graphql-client.js'
import { untilAtRest } from '../support/deployment-waits.js'
import { registerSecret } from '../support/secrets.js'
import { guestAt, stackWithApps } from '../support/stack-with-apps.js'

type Answer = Awaited<ReturnType<typeof sendOver>>
type Page = {
  greeting: string | null
  secret: string | null
  multiline: string | null
  nodeEnv: string | null
  port: number
  build: { greetingAtBuild: string | null }
  settingsDirMode: string
  envFiles: Record<string, string>
}
type Variable = { key: string; value: string | null; secret: boolean; updatedAt: string }

// A secret as awkward as they come: quotes of both kinds, a dollar, a backslash, shell words, a
// newline; the random part is what every answer, log line and byte of the database is searched for.
const marker = `sek-${randomBytes(12).toString('hex')}`
const SECRET = `${marker}'"$HOME\`id\` \\n; rm -rf / #\nsecond line`
const MULTILINE = 'line one\nline \'two\' "quoted"\n\ttabbed $PATH'
registerSecret(marker)

const lab = stackWithApps(['node-settings'])
const answers: string[] = []

/** Every answer is kept, to be searched for the secret at the end. */
async function ask(query: string, variables?: Record<string, unknown>): Promise<Answer> {
  const answer = await sendOver('http', lab.stack.url, undefined, query, variables)
  answers.push(JSON.stringify(answer))
  return answer
}

const DEPLOYMENT = 'deployment(id: $id) { id status step error host { ip } variables { key value secret updatedAt } }'
type Deployment = {
  id: string
  status: string
  step: string | null
  error: string | null
  host: { ip: string | null } | null
  variables: Variable[]
}

async function deployment(id: string): Promise<Deployment> {
  return (await ask(`query ($id: ID!) { ${DEPLOYMENT} }`, { id })).data!.deployment as Deployment
}

const untilResting = (id: string) => untilAtRest(() => deployment(id))

const page = async (ip: string): Promise<Page> => (await fetch(`http://${ip}:3000/`)).json() as Promise<Page>

describe("a deployment's variables and secrets", () => {
  let id: string
  let ip: string

  it('reach the app, its build and its service unchanged, quotes and newlines included', async () => {
    const created = await ask(
      'mutation ($input: CreateDeploymentInput!) { createDeployment(input: $input) ' +
        '{ id status variables { key value secret } } }',
      {
        input: {
          type: 'VM',
          framework: 'nodejs',
          githubUrl: 'https://github.com/acme/node-settings.git',
          name: 'settings-app',
          variables: [
            { key: 'GREETING', value: 'hello from the settings' },
            { key: 'API_SECRET', value: SECRET, secret: true },
            { key: 'MULTILINE', value: MULTILINE },
            { key: 'NODE_ENV', value: 'staging' },
          ],
        },
      },
    )
    expect(created.errors).toBeUndefined()
    const made = created.data!.createDeployment as { id: string; variables: Variable[] }
    id = made.id
    expect(made.variables).toEqual([
      { key: 'API_SECRET', value: null, secret: true },
      { key: 'GREETING', value: 'hello from the settings', secret: false },
      { key: 'MULTILINE', value: MULTILINE, secret: false },
      { key: 'NODE_ENV', value: 'staging', secret: false },
    ])
    const done = await untilResting(id)
    expect(done.error).toBeNull()
    expect(done.status).toBe('RUNNING')
    ip = done.host!.ip!
    const seen = await page(ip)
    expect(seen.greeting).toBe('hello from the settings')
    expect(seen.secret).toBe(SECRET)
    expect(seen.multiline).toBe(MULTILINE)
    // A user's variable overrides the framework's default; PORT stays Hangar's.
    expect(seen.nodeEnv).toBe('staging')
    expect(seen.port).toBe(3000)
    expect(seen.build.greetingAtBuild).toBe('hello from the settings')
  }, 150_000)

  it("land in a file only the app's user can read, written without a command line that holds them", async () => {
    const seen = await page(ip)
    expect(seen.settingsDirMode).toBe('700')
    expect(seen.envFiles['settings-app.env']).toBe('600')
    const endpoint = guestAt(lab.stack, ip)
    expect(endpoint.commands.length).toBeGreaterThan(5)
    for (const command of endpoint.commands) {
      expect(command).not.toContain(marker)
      expect(command).not.toContain('hello from the settings')
    }
    expect(readFileSync(join(endpoint.home!, '.hangar', 'settings-app.env'), 'utf8')).toContain(
      "export GREETING='hello from the settings'\n",
    )
  })

  it("show a secret's key and never its value, on every surface", async () => {
    const shown = await deployment(id)
    expect(shown.variables.find((variable) => variable.key === 'API_SECRET')).toMatchObject({
      value: null,
      secret: true,
    })
    const rest = await fetch(`${lab.stack.url}/api/deployments/${id}`).then((response) => response.text())
    answers.push(rest)
    await ask(
      'query ($id: ID!) { deployment(id: $id) { logs(limit: 10000) ' +
        '{ line } } auditLog(first: 100) { nodes { action target detail } } }',
      { id },
    )
  })

  it('set and unset with a redeploy: the app is built again with them on its guest', async () => {
    const changed = await ask(
      'mutation ($id: ID!, $variables: [VariableInput!], $unset: [String!]) ' +
        '{ setDeploymentVariables(id: $id, variables: $variables, unset: $unset) { id status step } }',
      {
        id,
        variables: [{ key: 'GREETING', value: 'hello again' }],
        unset: ['MULTILINE'],
      },
    )
    expect(changed.errors).toBeUndefined()
    // A new release of the same commit, built with them while the current one goes on serving.
    expect(changed.data!.setDeploymentVariables).toMatchObject({ status: 'RUNNING', step: 'fetch' })
    const done = await untilResting(id)
    expect(done.status).toBe('RUNNING')
    expect(done.variables.map((variable) => variable.key)).toEqual(['API_SECRET', 'GREETING', 'NODE_ENV'])
    const seen = await page(ip)
    expect(seen.greeting).toBe('hello again')
    expect(seen.build.greetingAtBuild).toBe('hello again')
    expect(seen.multiline).toBeNull()
    expect(seen.secret).toBe(SECRET)
    const logs = (await ask('query ($id: ID!) { deployment(id: $id) { logs(limit: 10000) { line } } }', { id })).data!
      .deployment as { logs: { line: string }[] }
    const text = logs.logs.map((line) => line.line).join('\n')
    expect(text).toContain(
      'variables changed: set GREETING; unset MULTILINE; building and restarting the app with them',
    )
    expect(text).toMatch(/release 2 asked \(new variables\): [0-9a-f]{40}/)
    expect(text).toContain('release 2 is serving')
    expect(text).toContain('wrote 3 variables to ~/.hangar/settings-app.env')
  }, 150_000)

  it('with redeploy: false are kept for later, and the app goes on as it was', async () => {
    const changed = await ask(
      'mutation ($id: ID!) { setDeploymentVariables(id: $id, variables: [{ key: "LATER", ' +
        'value: "x" }], redeploy: false) { status variables { key } } }',
      { id },
    )
    expect(changed.data!.setDeploymentVariables).toEqual({
      status: 'RUNNING',
      variables: [{ key: 'API_SECRET' }, { key: 'GREETING' }, { key: 'LATER' }, { key: 'NODE_ENV' }],
    })
    expect((await page(ip)).greeting).toBe('hello again')
  })

  it.each([
    ['a lowercase key', { variables: [{ key: 'greeting', value: 'x' }] }, 'variables[0].key'],
    ['a key starting with a digit', { variables: [{ key: '1ABC', value: 'x' }] }, 'variables[0].key'],
    ["PORT, which is Hangar's", { variables: [{ key: 'PORT', value: '80' }] }, 'variables[0].key'],
    [
      'a key given twice',
      {
        variables: [
          { key: 'A', value: '1' },
          { key: 'A', value: '2' },
        ],
      },
      'variables[1].key',
    ],
    ['a NUL in a value', { variables: [{ key: 'A', value: `${marker}\u0000` }] }, 'variables[0].value'],
    ['a value over 32 KiB', { variables: [{ key: 'A', value: marker.repeat(2000) }] }, 'variables[0].value'],
    ['unsetting a key it does not have', { unset: ['NOPE'] }, 'unset[0]'],
    ['unsetting a malformed key', { unset: ['no-pe'] }, 'unset[0]'],
    [
      'setting and unsetting one key',
      { variables: [{ key: 'GREETING', value: 'x' }], unset: ['GREETING'] },
      'unset[0]',
    ],
  ])('refuse %s, naming the field, changing nothing', async (_case, args, field) => {
    const before = await deployment(id)
    const refused = await ask(
      'mutation ($id: ID!, $variables: [VariableInput!], $unset: [String!]) ' +
        '{ setDeploymentVariables(id: $id, variables: $variables, unset: $unset) { id } }',
      { id, ...args },
    )
    expect(refused.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT')
    expect(refused.errors?.[0]?.extensions?.field).toBe(field)
    expect(JSON.stringify(refused)).not.toContain(marker)
    const after = await deployment(id)
    expect(after.variables).toEqual(before.variables)
    expect(after.status).toBe('RUNNING')
  })

  it('refuse a secret of the wrong type without repeating it', async () => {
    const refused = await ask(
      'mutation ($id: ID!, $variables: [VariableInput!]) ' +
        '{ setDeploymentVariables(id: $id, variables: $variables) { id } }',
      { id, variables: [{ key: 'A', value: 12345678901234, secret: true }] },
    )
    expect(refused.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT')
    expect(JSON.stringify(refused)).not.toContain('12345678901234')
  })

  it('never appear in an answer, a log line, or the database files', async () => {
    for (const answer of answers) expect(answer).not.toContain(marker)
    expect(lab.stack.logs.join('\n')).not.toContain(marker)
    const database = join(lab.stack.directory, 'hangar.db')
    for (const file of [database, `${database}-wal`].filter(existsSync)) {
      const bytes = readFileSync(file)
      expect(bytes.includes(Buffer.from(marker))).toBe(false)
      // The deployment's SSH private key is sealed too.
      expect(bytes.includes(Buffer.from('OPENSSH PRIVATE KEY'))).toBe(false)
      expect(bytes.includes(Buffer.from('hello again'))).toBe(false)
    }
    const key = readFileSync(join(lab.stack.directory, 'hangar-secret.key'), 'utf8')
    expect(key.trim()).toMatch(/^[A-Za-z0-9+/]{43}=$/)
  })
})
