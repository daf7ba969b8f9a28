import { createServer } from 'node:net'
import type { Server as NetServer, Socket } from 'node:net'
import ssh2 from 'ssh2'
import type { AuthContext, Connection, ServerChannel } from 'ssh2'
import type { ExecRequest, ExecRun } from './guest-exec.js'
import type { GuestLogin } from './guest-login.js'

/** What a guest's SSH endpoint needs from the guest. */
export interface GuestSshServerOptions {
  address: string
  port: number
  /** The host private key (OpenSSH format). */
  hostKey: string
  /** Who may log in, read at each attempt. */
  login(): GuestLogin
  /** Runs one command for an authenticated client. */
  exec(request: ExecRequest): ExecRun
}

/** A listening guest SSH endpoint. */
export interface GuestSshServer {
  /** Stops listening and drops every connection (their commands are aborted). */
  close(): Promise<void>
}

function authenticate(ctx: AuthContext, login: GuestLogin): void {
  const methods: AuthContext['method'][] = login.password === undefined ? ['publickey'] : ['publickey', 'password']
  if (ctx.username !== login.user) {
    ctx.reject(methods)
    return
  }
  if (ctx.method === 'password' && login.password !== undefined) {
    if (ctx.password === login.password) ctx.accept()
    else ctx.reject(methods)
    return
  }
  if (ctx.method !== 'publickey') {
    ctx.reject(methods)
    return
  }
  const key = login.keys.find((k) => k.getPublicSSH().equals(ctx.key.data))
  if (
    !key ||
    (ctx.signature !== undefined && ctx.blob !== undefined && !key.verify(ctx.blob, ctx.signature, ctx.hashAlgo))
  ) {
    ctx.reject(methods)
    return
  }
  ctx.accept()
}

/** Wires one exec channel to a command: output streams back, then the exit status, then EOF. */
function serveExec(
  channel: ServerChannel,
  command: string,
  env: Record<string, string>,
  exec: GuestSshServerOptions['exec'],
): void {
  let open = true
  const run = exec({
    command,
    env,
    stdin: channel,
    out: (chunk) => open && channel.write(chunk),
    err: (chunk) => open && channel.stderr.write(chunk),
  })
  channel.on('close', () => {
    if (open) run.abort()
    open = false
  })
  void run.exitCode.then((code) => {
    if (!open) return
    open = false
    channel.exit(code)
    channel.end()
  })
}

function serveConnection(client: Connection, options: GuestSshServerOptions): void {
  client.on('error', () => {})
  client.on('authentication', (ctx) => authenticate(ctx, options.login()))
  client.on('ready', () => {
    client.on('session', (acceptSession) => {
      const session = acceptSession()
      const env: Record<string, string> = {}
      session.on('env', (accept, _reject, info) => {
        env[info.key] = info.val
        accept?.()
      })
      // No terminal is allocated, but a client that asks for one may still run commands.
      session.on('pty', (accept) => accept?.())
      session.on('shell', (_accept, reject) => reject?.())
      session.on('subsystem', (_accept, reject) => reject?.())
      session.on('sftp', (_accept, reject) => reject?.())
      session.on('exec', (accept, _reject, info) => serveExec(accept(), info.command, { ...env }, options.exec))
    })
  })
}

/** Starts the SSH endpoint of a guest on `address:port` (public-key or password login, exec channels only). */
export async function startGuestSshServer(options: GuestSshServerOptions): Promise<GuestSshServer> {
  const ssh = new ssh2.Server({ hostKeys: [options.hostKey], ident: 'OpenSSH_9.2p1 Debian-2+deb12u3' }, (client) =>
    serveConnection(client, options),
  )
  const sockets = new Set<Socket>()
  const listener: NetServer = createServer((socket) => {
    sockets.add(socket)
    socket.on('close', () => sockets.delete(socket))
    socket.on('error', () => {})
    ssh.injectSocket(socket)
  })
  await new Promise<void>((resolve, reject) => {
    listener.once('error', reject)
    listener.listen(options.port, options.address, () => resolve())
  })
  return {
    close: () =>
      new Promise<void>((resolve) => {
        listener.close(() => resolve())
        for (const socket of sockets) socket.destroy()
      }),
  }
}
