import { spawn } from 'node:child_process'

const root = new URL('../..', import.meta.url).pathname

/** Runs `hangar ...` against the gateway at `url` as a script would: no terminal, `input` on standard input. */
export function runHangar(
  url: string,
  args: string[],
  { input = '', env = {} }: { input?: string; env?: Record<string, string> } = {},
): Promise<{ code: number; stdout: string; stderr: string }> {
  const child = spawn('node', ['bin/hangar.js', ...args], {
    cwd: root,
    env: { ...process.env, HANGAR_URL: url, NO_COLOR: '1', ...env },
  })
  let stdout = ''
  let stderr = ''
  child.stdout.on('data', (chunk) => (stdout += String(chunk)))
  child.stderr.on('data', (chunk) => (stderr += String(chunk)))
  child.stdin.end(input)
  return new Promise((resolve) => child.once('exit', (code) => resolve({ code: code ?? 1, stdout, stderr })))
}
