import { spawn } from 'node:child_process'
import { join, normalize } from 'node:path'
import ssh2 from 'ssh2'
import type { ParsedKey } from 'ssh2'
import { generateEd25519KeyPair } from '../../src/ssh/ed25519-key-pair.js'

/** GitHub's SSH side, as the tests need it: `git@...` fetches from fixture repositories, with deploy keys. */
export interface FakeGithubSsh {
  port: number
  /** The `known_hosts` line that pins this server (`[127.0.0.1]:port ssh-ed25519 ...`). */
  knownHostsLine: string
  /** Adds a deploy key (OpenSSH public key line) to a repository (`acme/node-private`). */
  addDeployKey(repository: string, publicKey: string): void
  /** The git configuration, as environment variables, that sends `git@github.com:` here. */
  env: Record<string, string>
  close(): Promise<void>
}

/**
 * An SSH server that serves `git-upload-pack '<owner>/<repo>.git'` from `root` (the fixture
 * repositories), to user `git` with a repository's deploy keys only, as GitHub does: any other key
 * is refused ("Permission denied (publickey)").
 */
export async function startFakeGithubSsh(root: string, baseEnv: Record<string, string>): Promise<FakeGithubSsh> {
  const hostKey = generateEd25519KeyPair('github-fake')
  const keys = new Map<string, ParsedKey[]>()
  let offered: string | undefined
  const server = new ssh2.Server({ hostKeys: [hostKey.private] }, (client) => {
    let allowed: ParsedKey[] = []
    client.on('error', () => {})
    client.on('authentication', (ctx) => {
      if (ctx.username !== 'git' || ctx.method !== 'publickey') return ctx.reject(['publickey'])
      // A deploy key opens the one repository it was added to; which one is known only at exec.
      allowed = [...keys.values()].flat().filter((key) => key.getPublicSSH().equals(ctx.key.data))
      if (allowed.length === 0) return ctx.reject(['publickey'])
      if (
        ctx.signature !== undefined &&
        ctx.blob !== undefined &&
        !allowed[0]!.verify(ctx.blob, ctx.signature, ctx.hashAlgo)
      )
        return ctx.reject(['publickey'])
      offered = ctx.key.data.toString('base64')
      ctx.accept()
    })
    client.on('ready', () => {
      client.on('session', (acceptSession) => {
        const session = acceptSession()
        session.on('exec', (accept, _reject, info) => {
          const channel = accept()
          const match = /^git-upload-pack '\/?([A-Za-z0-9._-]+\/[A-Za-z0-9._-]+?)(?:\.git)?'$/.exec(info.command)
          const repository = match?.[1]
          const mayRead =
            repository !== undefined &&
            (keys.get(repository) ?? []).some((key) => key.getPublicSSH().toString('base64') === offered)
          if (!mayRead) {
            channel.stderr.write('ERROR: Repository not found.\n')
            channel.exit(1)
            channel.end()
            return
          }
          const child = spawn('git-upload-pack', [normalize(join(root, `${repository}.git`))], {
            stdio: ['pipe', 'pipe', 'pipe'],
          })
          channel.pipe(child.stdin)
          child.stdout.pipe(channel, { end: false })
          child.stderr.on('data', (chunk) => channel.stderr.write(chunk))
          child.on('close', (code) => {
            channel.exit(code ?? 1)
            channel.end()
          })
          channel.on('close', () => child.kill())
        })
      })
    })
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const port = (server.address() as { port: number }).port
  const count = Number(baseEnv.GIT_CONFIG_COUNT ?? 0)
  return {
    port,
    knownHostsLine: `[127.0.0.1]:${port} ${hostKey.public.split(' ').slice(0, 2).join(' ')}`,
    addDeployKey(repository, publicKey) {
      const parsed = ssh2.utils.parseKey(publicKey)
      if (parsed instanceof Error) throw parsed
      keys.set(repository, [...(keys.get(repository) ?? []), Array.isArray(parsed) ? parsed[0]! : parsed])
    },
    env: {
      ...baseEnv,
      GIT_CONFIG_COUNT: String(count + 1),
      [`GIT_CONFIG_KEY_${count}`]: `url.ssh://git@127.0.0.1:${port}/.insteadOf`,
      [`GIT_CONFIG_VALUE_${count}`]: 'git@github.com:',
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  }
}
