import { createHash, timingSafeEqual } from 'node:crypto'
import ssh2, { type ConnectConfig } from 'ssh2'

/** Where and as whom to connect; the private key never leaves this module's callers. */
export interface SshTarget {
  host: string
  port: number
  username: string
  privateKey: string
  /** The host key recorded on first contact (OpenSSH base64 blob); checked on every later one. */
  knownHostKey: string | null
  /** Called once with the host key of a first contact, to record it before anything runs. */
  onFirstHostKey: (key: string) => Promise<void> | void
  connectTimeoutMs?: number
}

/** The result of one command. */
export interface CommandResult {
  exitCode: number | null
  signal: string | null
}

/** An open SSH connection to a guest. */
export interface SshSession {
  /**
   * Runs one command line, streaming its output line by line; rejects on timeout or abort.
   * `input` is written to the command's standard input (then closed): the way to hand it a secret,
   * which a command line would show to anyone listing the guest's processes.
   */
  run(
    command: string,
    onLine: (line: string, stream: 'stdout' | 'stderr') => void,
    options: { timeoutMs: number; signal?: AbortSignal; input?: string },
  ): Promise<CommandResult>
  close(): void
}

/** The SHA-256 fingerprint people compare host keys by. */
export const fingerprint = (key: string): string =>
  `SHA256:${createHash('sha256').update(Buffer.from(key, 'base64')).digest('base64').replace(/=+$/, '')}`

/** Splits a stream into lines, holding a partial last line until more (or the end) arrives. */
function lineSplitter(emit: (line: string) => void) {
  let rest = ''
  return {
    push(chunk: Buffer) {
      const text = rest + chunk.toString('utf8')
      const lines = text.split(/\r?\n/)
      rest = lines.pop() ?? ''
      for (const line of lines) emit(line)
    },
    end() {
      if (rest) emit(rest)
      rest = ''
    },
  }
}

/**
 * Connects with the deployment's key. The guest's host key is never accepted blindly: the first
 * contact records it (through `onFirstHostKey`), and every later contact must present the same.
 */
export function openSshSession(target: SshTarget): Promise<SshSession> {
  const client = new ssh2.Client()
  let firstKey: string | undefined
  let mismatch = false
  const config: ConnectConfig = {
    host: target.host,
    port: target.port,
    username: target.username,
    privateKey: target.privateKey,
    readyTimeout: target.connectTimeoutMs ?? 20_000,
    hostVerifier: (key: Buffer) => {
      const presented = key.toString('base64')
      if (target.knownHostKey === null) {
        firstKey = presented
        return true
      }
      const known = Buffer.from(target.knownHostKey)
      const given = Buffer.from(presented)
      mismatch = known.length !== given.length || !timingSafeEqual(known, given)
      return !mismatch
    },
  }
  return new Promise((resolve, reject) => {
    client.once('ready', () => {
      void (async () => {
        if (firstKey) await target.onFirstHostKey(firstKey)
        resolve({
          run(command, onLine, { timeoutMs, signal, input }) {
            return new Promise<CommandResult>((done, failed) => {
              client.exec(command, (error, channel) => {
                if (error) return failed(error)
                const out = lineSplitter((line) => onLine(line, 'stdout'))
                const err = lineSplitter((line) => onLine(line, 'stderr'))
                const stop = (reason: Error) => {
                  channel.close()
                  failed(reason)
                }
                const timer = setTimeout(
                  () => stop(new Error(`no end within ${Math.round(timeoutMs / 1000)} s`)),
                  timeoutMs,
                )
                const onAbort = () => stop(signal?.reason instanceof Error ? signal.reason : new Error('cancelled'))
                signal?.addEventListener('abort', onAbort, { once: true })
                let result: CommandResult = { exitCode: null, signal: null }
                channel.on('exit', (code: number | null, signalName?: string) => {
                  result = { exitCode: code, signal: signalName ?? null }
                })
                channel.on('data', (chunk: Buffer) => out.push(chunk))
                channel.stderr.on('data', (chunk: Buffer) => err.push(chunk))
                if (input !== undefined) channel.end(input)
                channel.on('close', () => {
                  clearTimeout(timer)
                  signal?.removeEventListener('abort', onAbort)
                  out.end()
                  err.end()
                  done(result)
                })
              })
            })
          },
          close: () => client.end(),
        })
      })().catch(reject)
    })
    client.once('error', (error) => {
      reject(
        mismatch
          ? new Error(
              `the guest's SSH host key changed since it was recorded (${fingerprint(target.knownHostKey ?? '')}); ` +
                'refusing to connect',
            )
          : error,
      )
    })
    client.connect(config)
  })
}
