import { startProxmoxLab } from '../support/proxmox-lab.js'
import { runProviderConformance } from './provider-conformance.js'

runProviderConformance('proxmox', async () => {
  const lab = await startProxmoxLab({ simulator: { taskDurationMs: 200 }, name: 'pve-conformance' })
  return {
    provider: lab.provider,
    stoppedServer: 'qemu/105',
    disposableServer: 'lxc/203',
    missingServer: 'qemu/4242',
    close: () => lab.close(),
  }
})
