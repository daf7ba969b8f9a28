import { required } from '../context.js'
import { nodeFingerprint, nodeListUsage, nodeRootUsed, nodeUsage } from '../node-metrics.js'
import type { Route } from '../router.js'

const GiB = 1024 ** 3

/** `/version`, `/nodes` and `/nodes/{node}/status`. */
export const nodeRoutes: Route[] = [
  {
    endpoint: 'GET /version',
    handler: () => ({ version: '8.3.0', release: '8.3', repoid: 'c1689ccb', console: 'html5' }),
  },
  {
    endpoint: 'GET /nodes',
    handler: (ctx) =>
      [...ctx.state.nodes.values()].map((node) => {
        const base = {
          node: node.name,
          id: `node/${node.name}`,
          type: 'node',
          level: '',
          ssl_fingerprint: nodeFingerprint(node),
        }
        if (!node.online) return { ...base, status: 'offline' }
        return { ...base, status: 'online', ...nodeListUsage(ctx.state, node) }
      }),
  },
  {
    endpoint: 'GET /nodes/{node}/status',
    handler: (ctx) => {
      const node = ctx.state.requireNode(required(ctx.params, 'node'))
      const usage = nodeUsage(ctx.state, node)
      const rootUsed = nodeRootUsed(node)
      const load = (f: number): string => (usage.cpu * node.cpus * f).toFixed(2)
      return {
        cpu: usage.cpu,
        wait: 0.0007,
        idle: 0,
        uptime: usage.uptime,
        loadavg: [load(1), load(0.9), load(0.85)],
        cpuinfo: {
          model: node.cpuModel,
          sockets: node.sockets,
          cores: node.cores,
          cpus: node.cpus,
          mhz: '3400.000',
          hvm: '1',
          user_hz: 100,
          flags: 'fpu vme de pse tsc msr pae mce cx8 apic sep mtrr pge mca cmov',
        },
        memory: { total: node.memory, used: usage.mem, free: node.memory - usage.mem },
        swap: { total: 8 * GiB, used: 0, free: 8 * GiB },
        ksm: { shared: 0 },
        rootfs: {
          total: node.rootfs,
          used: rootUsed,
          free: node.rootfs - rootUsed,
          avail: node.rootfs - rootUsed - 5 * GiB,
        },
        pveversion: 'pve-manager/8.3.0/c1689ccb1065a83b',
        kversion: 'Linux 6.8.12-4-pve #1 SMP PREEMPT_DYNAMIC PMX 6.8.12-4 (2024-11-06T15:04Z)',
        'boot-info': { mode: 'efi', secureboot: 0 },
        'current-kernel': {
          sysname: 'Linux',
          release: '6.8.12-4-pve',
          machine: 'x86_64',
          version: '#1 SMP PREEMPT_DYNAMIC PMX 6.8.12-4 (2024-11-06T15:04Z)',
        },
      }
    },
  },
]
