import type { DeploymentVariable as Variable } from '../deployments/deployment-variables.js'
import { builder } from './builder.js'
import { Deployment } from './deployment.js'
import { deploymentId } from './exact-id.js'
import { VariableInput } from './variable-input.js'

export const DeploymentVariable = builder.objectRef<Variable>('DeploymentVariable').implement({
  description: "A variable of the app's environment, loaded by its build and its service on the guest.",
  fields: (t) => ({
    key: t.exposeString('key'),
    value: t.exposeString('value', {
      nullable: true,
      description: 'Always null for a secret: secrets are write-only.',
    }),
    secret: t.exposeBoolean('secret'),
    updatedAt: t.field({ type: 'DateTime', resolve: (variable) => variable.updatedAt }),
  }),
})

builder.objectField(Deployment, 'variables', (t) =>
  t.field({
    type: [DeploymentVariable],
    description: 'By key. Secrets show their key, never their value.',
    resolve: (deployment, _args, { hangar }) => hangar.deployments.store.variables(deployment.id),
  }),
)

builder.mutationFields((t) => ({
  setDeploymentVariables: t.field({
    type: Deployment,
    authScopes: { operator: true },
    description:
      'Sets and unsets variables, all or none. With redeploy (the default) a RUNNING deployment is built again with ' +
      'them on its guest and restarted; ' +
      'otherwise they apply at its next deploy, restart or redeploy.',
    args: {
      id: t.arg.id({ required: true }),
      variables: t.arg({ type: [VariableInput] }),
      unset: t.arg.stringList(),
      redeploy: t.arg.boolean({ defaultValue: true }),
    },
    resolve: (_root, { id, variables, unset, redeploy }, { hangar }) =>
      hangar.deployments.engine.setVariables(deploymentId(id), variables ?? [], unset ?? [], redeploy ?? true),
  }),
}))
