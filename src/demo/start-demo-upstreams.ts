import { mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { createKamateraSimulator, type KamateraSimulator } from '../../plugins/kamatera/simulator/index.js'
import { createProxmoxSimulator, type ProxmoxSimulator } from '../../plugins/proxmox/simulator/index.js'
import type { ProviderEntry } from '../config/config-schema.js'
import type { ConfigSource } from '../config/load-config.js'

/** The simulators of demo mode and the provider entries that point the real plugins at them. */
export interface DemoUpstreams {
  providers: ProviderEntry[]
  sources: Record<string, ConfigSource>
  /** One line for the start-up log. */
  summary(): string
  /** Where each simulator listens (no secrets). */
  describe(): Record<string, string>
  close(): Promise<void>
}

/**
 * Starts both simulators: Proxmox seeded with a two-node cluster, over HTTPS with its self-signed
 * certificate (trusted through a CA file, as a real deployment would), and a Kamatera account
 * with servers in three datacenters.
 */
export async function startDemoUpstreams(): Promise<DemoUpstreams> {
  const proxmox: ProxmoxSimulator = await createProxmoxSimulator({ seed: 'demo', guestSshPort: 0 })
  // One free port each for the guests' SSH: a fixed one could be taken.
  const kamatera: KamateraSimulator = await createKamateraSimulator({ seed: 'demo', guestSshPort: 0 })
  const directory = await mkdtemp(join(tmpdir(), 'hangar-demo-'))
  const caFile = join(directory, 'proxmox-ca.pem')
  await writeFile(caFile, proxmox.caPem ?? '', { mode: 0o600 })
  return {
    providers: [
      {
        name: 'proxmox',
        plugin: 'proxmox',
        // Polled twice a second: the demo's tasks are short, and a deployment should feel quick.
        options: {
          url: proxmox.url,
          tokenId: proxmox.tokenId,
          tokenSecret: proxmox.tokenSecret,
          caFile,
          guestSshPort: proxmox.guestSshPort,
          pollIntervalMs: 500,
        },
      },
      {
        name: 'kamatera',
        plugin: 'kamatera',
        options: {
          url: kamatera.url,
          clientId: kamatera.clientId,
          secret: kamatera.secret,
          guestSshPort: kamatera.guestSshPort,
        },
      },
    ],
    sources: { proxmox: { kind: 'env', names: {} }, kamatera: { kind: 'env', names: {} } },
    summary: () =>
      `Proxmox VE simulator at ${proxmox.url} (nodes pve1 and pve2), Kamatera simulator at ${kamatera.url}`,
    describe: () => ({ proxmox: proxmox.url, kamatera: kamatera.url }),
    async close() {
      await proxmox.close()
      await kamatera.close()
      await rm(directory, { recursive: true, force: true })
    },
  }
}
