import { execFileSync } from 'node:child_process'
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import ssh2 from 'ssh2'
import type { Client as SshClient } from 'ssh2'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startLab, type SimHttpClient } from './http-test-client.js'
import { guestAddress } from './index.js'
import type { ProxmoxSimulator, ProxmoxSimulatorOptions } from './index.js'
import { generateEd25519KeyPair } from 'hangar/provider-kit/testing'

interface Api {
  sim: ProxmoxSimulator
  call: SimHttpClient['call']
  /** Calls and, when the answer is a UPID, waits for the task to end OK. */
  task(method: string, path: string, form?: Record<string, string>): Promise<void>
  close(): Promise<void>
}

async function startApi(options: ProxmoxSimulatorOptions): Promise<Api> {
  const { sim, client, close } = await startLab({ taskDurationMs: 60, ...options })
  return {
    sim,
    call: client.call,
    async task(method, path, form) {
      const reply = await client.call(method, path, form)
      expect(reply.status, reply.reason).toBe(200)
      expect((await client.waitTask(reply.body.data)).exitstatus).toBe('OK')
      await sim.guestsSettled()
    },
    close,
  }
}

interface Connection {
  client: SshClient
  /** The host key the server presented, as raw SSH wire bytes. */
  hostKey: Buffer
}

function connect(host: string, port: number, username: string, privateKey: string): Promise<Connection> {
  return new Promise((resolve, reject) => {
    const client = new ssh2.Client()
    let hostKey: Buffer = Buffer.alloc(0)
    client.once('ready', () => resolve({ client, hostKey }))
    client.once('error', reject)
    client.connect({
      host,
      port,
      username,
      privateKey,
      readyTimeout: 5_000,
      hostVerifier: (key: Buffer) => {
        hostKey = key
        return true
      },
    })
  })
}

function run(client: SshClient, command: string): Promise<{ stdout: string; stderr: string; code: number | null }> {
  return new Promise((resolve, reject) => {
    client.exec(command, (error, channel) => {
      if (error) return reject(error)
      let stdout = ''
      let stderr = ''
      let code: number | null = null
      channel.on('data', (chunk: Buffer) => (stdout += chunk.toString()))
      channel.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()))
      channel.on('exit', (status: number | null) => (code = status))
      channel.on('close', () => resolve({ stdout, stderr, code }))
    })
  })
}

/** Logs `user` in to guest `vmid` of the simulator, at its loopback address, with `privateKey`. */
function login(api: Api, vmid: number, user: string, privateKey: string): Promise<Connection> {
  return connect(guestAddress(vmid, api.sim.guestSubnet), api.sim.guestSshPort, user, privateKey)
}

/** Runs `work` in a session of `user` on guest `vmid`, ending the session after. */
async function inSession(
  api: Api,
  vmid: number,
  user: string,
  work: (connection: Connection) => Promise<void>,
): Promise<void> {
  const connection = await login(api, vmid, user, deployKey.private)
  try {
    await work(connection)
  } finally {
    connection.client.end()
  }
}

/** Whether a process runs; a zombie (killed, not yet reaped by an init that may never reap it) does not. */
const alive = (pid: number): boolean => {
  try {
    process.kill(pid, 0)
  } catch {
    return false
  }
  try {
    return !/^\d+ \(.*\) Z/.test(readFileSync(`/proc/${pid}/stat`, 'utf8'))
  } catch {
    return true
  }
}

/** The guest's IPv4 as the agent reports it once DHCP is done. */
async function agentIpv4(api: Api, node: string, vmid: number): Promise<string> {
  for (let attempt = 0; attempt < 20; attempt += 1) {
    const reply = await api.call('GET', `/nodes/${node}/qemu/${vmid}/agent/network-get-interfaces`)
    const result = (
      reply.body.data as {
        result?: Array<{ name: string; 'ip-addresses': Array<{ 'ip-address-type': string; 'ip-address': string }> }>
      } | null
    )?.result
    const ipv4 = result?.find((i) => i.name === 'eth0')?.['ip-addresses'].find((a) => a['ip-address-type'] === 'ipv4')
    if (ipv4) return ipv4['ip-address']
  }
  throw new Error('no IPv4')
}

const deployKey = generateEd25519KeyPair('deploy@hangar')
const strangerKey = generateEd25519KeyPair('')

describe('guest SSH in execute mode', () => {
  let api: Api
  let repos: string
  beforeAll(async () => {
    // A repository that `git clone https://github.com/acme/hello.git` reaches through url.<base>.insteadOf.
    repos = mkdtempSync(join(tmpdir(), 'hangar-sim-repos-'))
    const repo = join(repos, 'acme', 'hello.git')
    mkdirSync(repo, { recursive: true })
    writeFileSync(join(repo, 'README'), 'hello from the fixture\n')
    const git = (...args: string[]) =>
      execFileSync('git', ['-c', 'user.name=t', '-c', 'user.email=t@t.invalid', ...args], { cwd: repo, stdio: 'pipe' })
    git('init', '-q', '-b', 'main')
    git('add', '.')
    git('commit', '-q', '-m', 'fixture')
    api = await startApi({
      guestExec: 'execute',
      guestEnv: {
        GIT_CONFIG_COUNT: '1',
        GIT_CONFIG_KEY_0: `url.file://${repos}/.insteadOf`,
        GIT_CONFIG_VALUE_0: 'https://github.com/',
      },
    })
    await api.task('POST', '/nodes/pve1/qemu/9000/clone', { newid: '301', name: 'app-301', full: '0' })
    await api.call('PUT', '/nodes/pve1/qemu/301/config', {
      ciuser: 'deploy',
      sshkeys: encodeURIComponent(`${deployKey.public}\n`),
    })
    await api.task('POST', '/nodes/pve1/qemu/301/status/start')
  })
  afterAll(async () => {
    await api.close()
    rmSync(repos, { recursive: true, force: true })
  })

  it('reports a loopback address of its own through the agent, and listens there', async () => {
    const ip = await agentIpv4(api, 'pve1', 301)
    expect(ip).toBe(`127.${api.sim.guestSubnet}.1.45`)
    expect(guestAddress(301, api.sim.guestSubnet)).toBe(ip)
    expect(api.sim.state.guestEndpoint(301)).toMatchObject({ address: ip, port: api.sim.guestSshPort, listening: true })
  })

  it('logs in the cloud-init user with its key, presents the guest host key, and runs commands with bash', async () => {
    await inSession(api, 301, 'deploy', async ({ client, hostKey }) => {
      const expected = ssh2.utils.parseKey(api.sim.state.guestHostKey(301)!)
      if (expected instanceof Error) throw expected
      expect(api.sim.state.guestHostKey(301)).toMatch(/^ssh-ed25519 /)
      expect(hostKey.equals(expected.getPublicSSH())).toBe(true)
      const result = await run(client, 'echo $HOME; pwd; echo err >&2; exit 3')
      const [home, cwd] = result.stdout.trim().split('\n')
      expect(home).toContain(join(tmpdir(), 'hangar-guest-301-'))
      expect(cwd).toBe(home)
      expect(result.stderr).toBe('err\n')
      expect(result.code).toBe(3)
      expect((await run(client, 'echo "$HOST $USER"')).stdout).toBe(`127.${api.sim.guestSubnet}.1.45 deploy\n`)
    })
  })

  it('clones from "GitHub" through the git configuration given in guestEnv', async () => {
    await inSession(api, 301, 'deploy', async ({ client }) => {
      const result = await run(
        client,
        'git clone -q https://github.com/acme/hello.git apps/hello && cat apps/hello/README',
      )
      expect(result).toMatchObject({ stdout: 'hello from the fixture\n', code: 0 })
    })
  })

  it('refuses a key that was not configured, and the right key for another user', async () => {
    await expect(login(api, 301, 'deploy', strangerKey.private)).rejects.toThrow(/authentication methods failed/)
    await expect(login(api, 301, 'root', deployKey.private)).rejects.toThrow(/authentication methods failed/)
  })

  it('fails the next exec with exit code 1 when told to, then runs commands again', async () => {
    api.sim.faults.failNextExec(301, 'E: Package nodejs has no installation candidate')
    await inSession(api, 301, 'deploy', async ({ client }) => {
      expect(await run(client, 'echo fine')).toEqual({
        stdout: '',
        stderr: 'E: Package nodejs has no installation candidate\n',
        code: 1,
      })
      expect(await run(client, 'echo fine')).toEqual({ stdout: 'fine\n', stderr: '', code: 0 })
    })
  })

  it('kills a command whose channel closes, keeps background jobs, and ends them when the guest stops', async () => {
    let background = 0
    let home = ''
    await inSession(api, 301, 'deploy', async ({ client }) => {
      const started = await run(client, 'nohup sleep 60 > /dev/null 2>&1 & echo $!; echo $HOME')
      const [pid, dir] = started.stdout.trim().split('\n')
      background = Number(pid)
      home = dir!
      expect(started.code).toBe(0)
      expect(alive(background)).toBe(true)
      // A foreground command cut short by the client disappears with its channel.
      const pidFile = join(home, 'fg.pid')
      await new Promise<void>((resolve, reject) => {
        client.exec(`echo $$ > ${pidFile}; exec sleep 60`, (error, channel) => {
          if (error) return reject(error)
          setTimeout(() => {
            channel.close()
            resolve()
          }, 300)
        })
      })
      const foreground = Number(execFileSync('cat', [pidFile]).toString())
      for (let i = 0; i < 50 && alive(foreground); i += 1) await new Promise((resolve) => setTimeout(resolve, 20))
      expect(alive(foreground)).toBe(false)
      expect(alive(background)).toBe(true)
    })
    await api.task('POST', '/nodes/pve1/qemu/301/status/stop')
    for (let i = 0; i < 50 && alive(background); i += 1) await new Promise((resolve) => setTimeout(resolve, 20))
    expect(alive(background)).toBe(false)
    await expect(login(api, 301, 'deploy', deployKey.private)).rejects.toMatchObject({ code: 'ECONNREFUSED' })
    expect(api.sim.state.guestEndpoint(301)).toMatchObject({ listening: false })

    // The same host key and home after a restart; both go with the guest.
    const key = api.sim.state.guestHostKey(301)
    await api.task('POST', '/nodes/pve1/qemu/301/status/start')
    expect(api.sim.state.guestHostKey(301)).toBe(key)
    expect(existsSync(home)).toBe(true)
    await api.task('POST', '/nodes/pve1/qemu/301/status/stop')
    await api.task('DELETE', '/nodes/pve1/qemu/301')
    expect(existsSync(home)).toBe(false)
    expect(api.sim.state.guestHostKey(301)).toBeUndefined()
  })
})

describe('guest SSH in playback mode', () => {
  let api: Api
  beforeAll(async () => {
    api = await startApi({
      seed: {
        nodes: [{ name: 'pve1' }],
        volumes: [
          {
            node: 'pve1',
            storage: 'local',
            volid: 'local:vztmpl/debian-12-standard_12.7-1_amd64.tar.zst',
            content: 'vztmpl',
            format: 'tzst',
            size: 1,
          },
        ],
        guests: [
          {
            vmid: 120,
            node: 'pve1',
            type: 'qemu',
            status: 'running',
            config: {
              name: 'app-120',
              agent: '1',
              ciuser: 'ubuntu',
              sshkeys: encodeURIComponent(`${strangerKey.public}\n${deployKey.public}\n`),
            },
          },
        ],
      },
    })
  })
  afterAll(() => api.close())

  it('prints plausible output over time without running anything, and exits 0', async () => {
    await inSession(api, 120, 'ubuntu', async ({ client }) => {
      const started = Date.now()
      const install = await run(client, 'DEBIAN_FRONTEND=noninteractive apt-get install -y nodejs')
      expect(install.code).toBe(0)
      expect(install.stdout).toContain('Setting up nodejs')
      expect(Date.now() - started).toBeGreaterThan(300)
      const clone = await run(
        client,
        "git clone --depth 1 --branch main https://github.com/acme/hello.git 'apps/hello'",
      )
      expect(clone.stderr).toContain("Cloning into 'apps/hello'...")
      expect(
        (await run(client, "cd 'apps/hello' && if [ -f package-lock.json ]; then npm ci; else npm install; fi")).stdout,
      ).toMatch(/added \d+ packages/)
      expect((await run(client, 'touch /tmp/hangar-playback-proof')).code).toBe(0)
      expect(existsSync('/tmp/hangar-playback-proof')).toBe(false)
    })
  })

  it('starts an app that answers 200 "ok" on the guest address when a service is started', async () => {
    const port = 20_000 + Math.floor(Math.random() * 20_000)
    await inSession(api, 120, 'ubuntu', async ({ client }) => {
      await run(
        client,
        `printf '%s\\n' '#!/bin/sh' 'cd apps/hello || exit 1' 'exec ` +
          `env PORT=${port} npm start' > apps/hello/.hangar-run.sh`,
      )
      const service = await run(client, "nohup 'apps/hello/.hangar-run.sh' > 'apps/hello/.hangar-app.log' 2>&1 &")
      expect(service.code).toBe(0)
      const reply = await fetch(`http://${guestAddress(120, api.sim.guestSubnet)}:${port}/health/anything`)
      expect([reply.status, await reply.text()]).toEqual([200, 'ok'])
    })
    await api.task('POST', '/nodes/pve1/qemu/120/status/stop')
    await expect(fetch(`http://${guestAddress(120, api.sim.guestSubnet)}:${port}/`)).rejects.toThrow()
  })

  it('logs root in to a container with the keys given at create time', async () => {
    await api.task('POST', '/nodes/pve1/lxc', {
      vmid: '330',
      hostname: 'ct-330',
      ostemplate: 'local:vztmpl/debian-12-standard_12.7-1_amd64.tar.zst',
      rootfs: 'local-lvm:8',
      net0: 'name=eth0,bridge=vmbr0,ip=dhcp',
      start: '1',
      'ssh-public-keys': deployKey.public,
    })
    let inet: string | undefined
    for (let i = 0; i < 5 && !inet; i += 1) {
      const interfaces = (await api.call('GET', '/nodes/pve1/lxc/330/interfaces')).body.data as Array<{
        name: string
        inet?: string
      }>
      inet = interfaces.find((i) => i.name === 'eth0')?.inet
    }
    expect(inet).toBe(`127.${api.sim.guestSubnet}.1.74/8`)
    await expect(login(api, 330, 'deploy', deployKey.private)).rejects.toThrow(/authentication methods failed/)
    await inSession(api, 330, 'root', async ({ client }) => {
      expect(await run(client, 'echo ready; pwd')).toEqual({ stdout: 'ready\n/root\n', stderr: '', code: 0 })
    })
  })
})
