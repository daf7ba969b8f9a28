import { builder } from './builder.js'
import { Deployment } from './deployment.js'
import { deploymentId } from './exact-id.js'

export const DeploymentWebhook = builder.objectRef<{ url: string; secret: string }>('DeploymentWebhook').implement({
  description:
    "Where GitHub posts the repository's pushes (content type application/json), and the secret it signs them with. " +
    'The secret is shown once, here.',
  fields: (t) => ({
    url: t.exposeString('url'),
    secret: t.exposeString('secret'),
  }),
})

builder.objectField(Deployment, 'hasWebhook', (t) =>
  t.boolean({
    description: 'A webhook is set up (its secret is never shown again).',
    resolve: (deployment, _args, { hangar }) => hangar.deployments.webhooks.exists(deployment.id),
  }),
)

builder.mutationFields((t) => ({
  createDeploymentWebhook: t.field({
    type: DeploymentWebhook,
    authScopes: { operator: true },
    description:
      'A webhook for GitHub: a push to the tracked branch makes a release of the pushed commit; other branches, ' +
      'other events and repeated deliveries make none; a bad signature gets 401. ' +
      'A new secret replaces the old one.',
    args: { id: t.arg.id({ required: true }) },
    resolve: async (_root, { id }, context) => {
      const { hangar } = context
      const deployment = await hangar.deployments.engine.machine.require(deploymentId(id))
      const secret = await hangar.deployments.webhooks.renew(deployment.id)
      const request = (context as { request?: { url?: string } }).request
      const origin = request?.url ? new URL(request.url).origin : ''
      return { url: `${origin}/hooks/github/${deployment.id}`, secret }
    },
  }),
}))
