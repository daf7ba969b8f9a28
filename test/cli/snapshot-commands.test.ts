import { spawn, spawnSync } from 'node:child_process'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { QUICK_STACK, runHangar } from '../support/hangar-cli.js'
import { startStack, type Stack } from '../support/start-stack.js'

const root = new URL('../..', import.meta.url).pathname
let stack: Stack
beforeAll(async () => {
  stack = await startStack(QUICK_STACK)
})
afterAll(() => stack?.close())

const hangar = (args: string[]) => runHangar(stack.url, args)

interface ListedSnapshot {
  name: string
  description: string | null
  createdAt: string | null
  parent: string | null
  includesMemory: boolean
}

async function listed(id: string): Promise<ListedSnapshot[]> {
  const list = await hangar(['snapshot', 'list', id, '--json'])
  expect(list.code).toBe(0)
  return JSON.parse(list.stdout) as ListedSnapshot[]
}

// util-linux `script` runs a command on a pseudo-terminal of its own, as a person would.
const hasScript = spawnSync('script', ['--version']).status === 0

/**
 * Runs `hangar ...` on a terminal, typing `typed` once the prompt shows; resolves with the exit code and what the
 * terminal showed.
 */
function atTerminal(args: string[], typed: string): Promise<{ code: number; output: string }> {
  const quoted = args.map((word) => `'${word.replaceAll("'", "'\\''")}'`).join(' ')
  const child = spawn('script', ['-qefc', `exec node bin/hangar.js ${quoted}`, '/dev/null'], {
    cwd: root,
    env: { ...process.env, HANGAR_URL: stack.url, NO_COLOR: '1' },
  })
  let output = ''
  let asked = false
  child.stdout.on('data', (chunk) => {
    output += String(chunk)
    if (!asked && output.includes('to confirm: ')) {
      asked = true
      child.stdin.write(`${typed}\r`)
    }
  })
  const timer = setTimeout(() => child.kill('SIGKILL'), 60_000)
  return new Promise((resolve) =>
    child.once('exit', (code) => {
      clearTimeout(timer)
      resolve({ code: code ?? 1, output })
    }),
  )
}

/** The snapshot VM 102 runs after, as Proxmox keeps it in the guest's config. */
const upstreamParent = () => stack.simulator.state.guest(102)?.config.parent

describe('hangar snapshot on a Proxmox VM', () => {
  it('create takes two snapshots (one with --description and --memory), following the upstream task', async () => {
    const first = await hangar([
      'snapshot',
      'create',
      'qemu/102',
      'before-upgrade',
      '--description',
      'kernel 6.1 still',
      '--memory',
    ])
    expect(first.code).toBe(0)
    expect(first.stdout).toBe('')
    expect(first.stderr).toMatch(/^snapshot db-01 as before-upgrade: .*saving VM state and RAM/m)
    expect(first.stderr).toMatch(/snapshot db-01 as before-upgrade: done\n$/)
    const second = await hangar(['snapshot', 'create', 'pve-lab:qemu/102', 'after-upgrade', '--json'])
    expect(second.code).toBe(0)
    expect(JSON.parse(second.stdout)).toMatchObject({
      action: 'snapshot',
      status: 'SUCCEEDED',
      serverId: 'pve-lab:qemu/102',
      error: null,
    })
    expect(upstreamParent()).toBe('after-upgrade')
  })

  it('list shows them oldest first as a table indented by parent, and as JSON with the parent chain', async () => {
    const snapshots = await listed('qemu/102')
    expect(
      snapshots.map(({ name, description, parent, includesMemory }) => ({ name, description, parent, includesMemory })),
    ).toEqual([
      { name: 'before-upgrade', description: 'kernel 6.1 still', parent: null, includesMemory: true },
      { name: 'after-upgrade', description: null, parent: 'before-upgrade', includesMemory: false },
    ])
    for (const snapshot of snapshots)
      expect(Math.abs(new Date(snapshot.createdAt!).getTime() - Date.now())).toBeLessThan(120_000)

    const table = await hangar(['snapshot', 'list', 'qemu/102'])
    expect(table.code).toBe(0)
    const lines = table.stdout.trimEnd().split('\n')
    expect(lines[0]).toMatch(/^NAME\s+PARENT\s+CREATED\s+RAM\s+DESCRIPTION$/)
    expect(lines[1]).toMatch(/^before-upgrade\s+-\s+\d{4}-\d\d-\d\d \d\d:\d\d\s+yes\s+kernel 6\.1 still$/)
    expect(lines[2]).toMatch(/^ {2}after-upgrade\s+before-upgrade\s+\d{4}-\d\d-\d\d \d\d:\d\d\s+no$/)
    expect(lines).toHaveLength(3)
  })

  it('list of a server without snapshots prints an empty JSON array, and says so in words', async () => {
    expect(await listed('qemu/101')).toEqual([])
    const words = await hangar(['snapshot', 'list', 'qemu/101'])
    expect(words).toMatchObject({ code: 0, stdout: '' })
    expect(words.stderr).toBe('web-02 (pve-lab:qemu/101) has no snapshots\n')
  })

  it('rollback without -y when no one can be asked is refused (exit 2) and changes nothing upstream', async () => {
    const tasksBefore = stack.simulator.state.tasks.length
    const refused = await hangar(['snapshot', 'rollback', 'qemu/102', 'before-upgrade'])
    expect(refused.code).toBe(2)
    expect(refused.stderr).toBe(
      'hangar: refusing to roll pve-lab:qemu/102 back to before-upgrade without -y when no one can be asked\n',
    )
    expect(stack.simulator.state.tasks.length).toBe(tasksBefore)
    expect(upstreamParent()).toBe('after-upgrade')
  })

  it('rollback -y rolls the VM back, following the upstream task', async () => {
    const rolled = await hangar(['snapshot', 'rollback', 'qemu/102', 'before-upgrade', '-y'])
    expect(rolled.code).toBe(0)
    expect(rolled.stderr).toMatch(/roll db-01 back to before-upgrade: done\n$/)
    expect(upstreamParent()).toBe('before-upgrade')
    expect(stack.simulator.state.guest(102)?.status).toBe('running')
  })

  it.skipIf(!hasScript)(
    "rollback at a terminal asks for the snapshot's name: a " +
      'wrong one changes nothing (exit 2), the right one rolls back',
    async () => {
      expect(upstreamParent()).toBe('before-upgrade')
      const tasksBefore = stack.simulator.state.tasks.length
      const unknown = await atTerminal(['snapshot', 'rollback', 'qemu/102', 'nothing_here'], 'nothing_here')
      expect(unknown.code).toBe(3)
      expect(unknown.output).not.toContain('to confirm')
      expect(unknown.output).toContain('no snapshot nothing_here of db-01 (pve-lab:qemu/102)')
      const wrong = await atTerminal(['snapshot', 'rollback', 'qemu/102', 'after-upgrade'], 'before-upgrade')
      expect(wrong.code).toBe(2)
      expect(wrong.output).toContain(
        'Roll pve-lab:qemu/102 (db-01) back to after-upgrade, ' +
          "losing what changed since? Type the snapshot's name to confirm: ",
      )
      expect(wrong.output).toContain('hangar: not confirmed; nothing was rolled back')
      expect(stack.simulator.state.tasks.length).toBe(tasksBefore)
      const right = await atTerminal(['snapshot', 'rollback', 'qemu/102', 'after-upgrade'], 'after-upgrade')
      expect(right.code).toBe(0)
      expect(right.output).toContain('roll db-01 back to after-upgrade: done')
      expect(upstreamParent()).toBe('after-upgrade')
    },
    120_000,
  )

  it('create of a name already taken exits 6 naming the server, and takes nothing', async () => {
    const taken = await hangar(['snapshot', 'create', 'qemu/102', 'after-upgrade'])
    expect(taken.code).toBe(6)
    expect(taken.stderr).toMatch(
      /^hangar: cannot snapshot db-01 \(pve-lab:qemu\/102\): pve-lab: snapshot name 'after-upgrade' already used/,
    )
    expect((await listed('qemu/102')).map((snapshot) => snapshot.name)).toEqual(['before-upgrade', 'after-upgrade'])
  })

  it('delete removes a snapshot and prints the finished operation with --json', async () => {
    const deleted = await hangar(['snapshot', 'delete', 'qemu/102', 'after-upgrade', '--json'])
    expect(deleted.code).toBe(0)
    expect(JSON.parse(deleted.stdout)).toMatchObject({ action: 'snapshot-delete', status: 'SUCCEEDED' })
    expect((await listed('qemu/102')).map((snapshot) => snapshot.name)).toEqual(['before-upgrade'])
  })

  it('an unknown snapshot exits 3 for rollback and delete, and an unknown server exits 3 too', async () => {
    const rollback = await hangar(['snapshot', 'rollback', 'qemu/102', 'nothing_here', '-y'])
    expect(rollback.code).toBe(3)
    expect(rollback.stderr).toContain("snapshot 'nothing_here'")
    const removal = await hangar(['snapshot', 'delete', 'qemu/102', 'nothing_here'])
    expect(removal.code).toBe(3)
    expect(removal.stderr).toContain("snapshot 'nothing_here'")
    const server = await hangar(['snapshot', 'list', 'qemu/999'])
    expect(server.code).toBe(3)
    expect(server.stderr).toBe('hangar: no server qemu/999 (see `hangar list`)\n')
  })

  it(
    'a bad name exits 2 naming <name>, a too long description ' + 'names --description; nothing is asked upstream',
    async () => {
      const tasksBefore = stack.simulator.state.tasks.length
      const spaced = await hangar(['snapshot', 'create', 'qemu/102', 'two words'])
      expect(spaced.code).toBe(2)
      expect(spaced.stderr).toBe(
        'hangar: <name>: a letter, then letters, digits, "-" or "_", at most 40 characters in all\n',
      )
      const removal = await hangar(['snapshot', 'delete', 'qemu/102', 'two words'])
      expect(removal.code).toBe(2)
      expect(removal.stderr).toMatch(/^hangar: <name>: /)
      const long = await hangar(['snapshot', 'create', 'qemu/102', 'longdesc', '--description', 'x'.repeat(1001)])
      expect(long.code).toBe(2)
      expect(long.stderr).toBe('hangar: --description: at most 1000 characters\n')
      expect(stack.simulator.state.tasks.length).toBe(tasksBefore)
      expect((await listed('qemu/102')).map((snapshot) => snapshot.name)).toEqual(['before-upgrade'])
    },
  )
})

describe('hangar snapshot on Kamatera', () => {
  it('create and list work through the same commands', async () => {
    const server = [...stack.kamatera!.state.servers.values()][0]!
    const id = `kama:${server.id}`
    const made = await hangar(['snapshot', 'create', id, 'kama-before'])
    expect(made.code).toBe(0)
    expect(made.stderr).toMatch(new RegExp(`snapshot ${server.name} as kama-before: done\\n$`))
    const snapshots = await listed(id)
    expect(snapshots.find((snapshot) => snapshot.name === 'kama-before')).toMatchObject({
      name: 'kama-before',
      includesMemory: false,
    })
    const table = await hangar(['snapshot', 'list', id])
    expect(table.code).toBe(0)
    expect(table.stdout).toMatch(/^NAME\s+PARENT\s+CREATED\s+RAM\s+DESCRIPTION\n/)
    expect(table.stdout).toMatch(/^\s*kama-before\s+.*\s+no$/m)
  }, 60_000)

  it('--description and --memory, which Kamatera snapshots ' +
    'cannot keep, exit 7 naming the flag, and take nothing', async () => {
    const server = [...stack.kamatera!.state.servers.values()][0]!
    const id = `kama:${server.id}`
    const before = (await listed(id)).length
    const described = await hangar(['snapshot', 'create', id, 'kama-described', '--description', 'first'])
    expect(described.code).toBe(7)
    expect(described.stderr).toBe('hangar: --description: kama: Kamatera snapshots have no description\n')
    const memory = await hangar(['snapshot', 'create', id, 'kama-memory', '--memory'])
    expect(memory.code).toBe(7)
    expect(memory.stderr).toBe('hangar: --memory: kama: Kamatera snapshots keep no RAM state\n')
    expect(await listed(id)).toHaveLength(before)
  }, 60_000)
})
