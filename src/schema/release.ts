import { BadInputError } from '../errors/index.js'
import type { ReleaseRecord } from '../deployments/release-store.js'
import { builder } from './builder.js'
import { Deployment } from './deployment.js'
import { deploymentId } from './exact-id.js'

export const ReleaseStatus = builder.enumType('ReleaseStatus', {
  values: ['BUILDING', 'ACTIVE', 'FAILED', 'SUPERSEDED'] as const,
})

export const Release = builder.objectRef<ReleaseRecord>('Release').implement({
  description:
    'A deployment of one commit, built in a directory of its own on the guest beside the serving one. Exactly one ' +
    'release is ACTIVE once one has served.',
  fields: (t) => ({
    number: t.exposeInt('number', { description: '1, 2, 3... per deployment; a rollback makes no new one.' }),
    ref: t.exposeString('ref', { nullable: true, description: 'What was asked for: a branch, a tag or a commit.' }),
    commitSha: t.exposeString('commitSha', { nullable: true, description: 'What was built.' }),
    status: t.field({ type: ReleaseStatus, resolve: (release) => release.status }),
    createdAt: t.field({ type: 'DateTime', resolve: (release) => release.createdAt }),
    activatedAt: t.field({
      type: 'DateTime',
      nullable: true,
      description: 'When it last started serving.',
      resolve: (release) => release.activatedAt,
    }),
    error: t.exposeString('error', { nullable: true, description: 'Why it failed (its log says more).' }),
    kept: t.exposeBoolean('kept', {
      description:
        'Its directory is still on the guest, so it can be rolled back to (the last five that built are kept).',
    }),
  }),
})

builder.objectFields(Deployment, (t) => ({
  releases: t.field({
    type: [Release],
    description: 'Newest first.',
    resolve: (deployment, _args, { hangar }) => hangar.deployments.releases.list(deployment.id),
  }),
  commitSha: t.string({
    nullable: true,
    description: 'The commit of the release serving now.',
    resolve: async (deployment, _args, { hangar }) =>
      (await hangar.deployments.releases.active(deployment.id))?.commitSha ?? null,
  }),
}))

/** A release number, read exactly. */
function releaseNumber(value: number): number {
  if (!Number.isInteger(value) || value < 1)
    throw new BadInputError('release: a release number, from 1', { field: 'release' })
  return value
}

builder.mutationFields((t) => ({
  redeployDeployment: t.field({
    type: Deployment,
    authScopes: { operator: true },
    description:
      "Builds a new release from ref (a branch, a tag or a commit; the tracked branch's head by default) beside the " +
      'serving one, and switches to it once it built and answers. ' +
      'A release that fails leaves the previous one serving (the release FAILED, the deployment RUNNING). Answers at ' +
      "once: the deployment's step says where the release is.",
    args: { id: t.arg.id({ required: true }), ref: t.arg.string() },
    resolve: (_root, { id, ref }, { hangar }) => hangar.deployments.engine.redeploy(deploymentId(id), ref),
  }),
  rollbackDeployment: t.field({
    type: Deployment,
    authScopes: { operator: true },
    description:
      'Switches the service back to a kept release that served before, without building, and checks it; if it does ' +
      'not answer, the release serving now is switched back to.',
    args: { id: t.arg.id({ required: true }), release: t.arg.int({ required: true }) },
    resolve: (_root, { id, release }, { hangar }) =>
      hangar.deployments.engine.rollback(deploymentId(id), releaseNumber(release)),
  }),
}))
