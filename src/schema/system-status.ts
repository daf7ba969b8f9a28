import { builder } from './builder.js'
import { Provider } from './provider.js'

const DeploymentCounts = builder
  .objectRef<{ total: number; running: number; failed: number; pending: number }>('DeploymentCounts')
  .implement({
    fields: (t) => ({
      total: t.exposeInt('total'),
      running: t.exposeInt('running'),
      failed: t.exposeInt('failed'),
      pending: t.exposeInt('pending'),
    }),
  })

const SystemStatus = builder.objectRef<{ providers: unknown[] }>('SystemStatus').implement({
  description: "The gateway at a glance, as the seed's /api/status.",
  fields: (t) => ({
    status: t.string({
      description: '"operational" when every provider answers, "degraded" otherwise.',
      resolve: async (_root, _args, { hangar }) =>
        (await hangar.providerStatus.all()).every((entry) => entry.health.connected) ? 'operational' : 'degraded',
    }),
    providers: t.field({ type: [Provider], resolve: (_root, _args, { hangar }) => [...hangar.providers] }),
    deployments: t.field({
      type: DeploymentCounts,
      resolve: async (_root, _args, { hangar }) => {
        const counts = await hangar.deployments.store.counts()
        return {
          total: Object.values(counts).reduce((sum, count) => sum + count, 0),
          running: counts.RUNNING,
          failed: counts.FAILED,
          pending: counts.PENDING + counts.CREATING,
        }
      },
    }),
  }),
})

builder.queryField('systemStatus', (t) =>
  t.field({ type: SystemStatus, authScopes: { viewer: true }, resolve: () => ({ providers: [] }) }),
)
