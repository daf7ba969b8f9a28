import { execFile } from 'node:child_process'
import { promisify } from 'node:util'
import { describe, expect, it } from 'vitest'

const run = promisify(execFile)

describe('hangar serve with an invalid configuration', () => {
  it('prints one message naming the field, never the secret, and exits with code 2 before listening', async () => {
    const env = {
      ...process.env,
      HANGAR_PORT: '0',
      PROXMOX_URL: 'https://pve.example:8006',
      PROXMOX_TOKEN_ID: 'missing-realm',
      PROXMOX_TOKEN_SECRET: 'do-not-print-me-7f3a',
    }
    const result = await run('node', ['bin/hangar.js', 'serve'], { env, timeout: 20_000 }).then(
      () => ({ code: 0, stdout: '', stderr: '' }),
      (error: { code: number; stdout: string; stderr: string }) => error,
    )
    expect(result.code).toBe(2)
    expect(result.stderr.trim().split('\n')).toHaveLength(1)
    expect(result.stderr).toMatch(/invalid configuration: .*PROXMOX_TOKEN_ID: must look like user@realm!tokenname/)
    expect(result.stderr + result.stdout).not.toContain('do-not-print-me-7f3a')
    expect(result.stdout).toBe('')
  })
})
