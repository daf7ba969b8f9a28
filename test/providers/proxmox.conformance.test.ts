import { runProviderConformance } from 'hangar/provider-kit/testing'
import proxmoxPlugin from '../../plugins/proxmox/index.js'
import { createLogger } from '../../src/logger.js'
import { closedPortUrl } from '../support/closed-port.js'
import { startProxmoxLab } from '../../plugins/proxmox/proxmox-lab.js'

runProviderConformance('proxmox', async () => {
  const lab = await startProxmoxLab({ simulator: { taskDurationMs: 200 }, name: 'pve-conformance' })
  return {
    provider: lab.provider,
    stoppedServer: 'qemu/105',
    disposableServer: 'lxc/203',
    missingServer: 'qemu/4242',
    newServer: {
      name: 'conf-vm',
      image: '9000',
      location: 'pve1',
      cpu: 1,
      memoryMb: 1024,
      diskGb: 10,
      password: 'Conformance42',
    },
    newGuest: {
      kind: 'CONTAINER',
      name: 'conf-guest',
      cpu: 1,
      memoryMb: 512,
      diskGb: 8,
      sshPublicKey: 'ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIGf3e3P4rN0bJp3uO4bD1hZ8aX6mQ2p5oLk9wYv7sT1u conformance',
    },
    unreachableProvider: proxmoxPlugin.create(
      'pve-gone',
      proxmoxPlugin.optionsSchema.parse({
        url: await closedPortUrl('https'),
        tokenId: 'root@pam!hangar',
        tokenSecret: 'x',
        retryDeadlineMs: 200,
      }),
      { logger: createLogger({ level: 'silent' }) },
    ),
    close: () => lab.close(),
  }
})
