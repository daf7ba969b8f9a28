import { FRAMEWORKS, type Framework as FrameworkShape } from '../deployments/frameworks/index.js'
import { builder } from './builder.js'

export const Framework = builder.objectRef<FrameworkShape>('Framework').implement({
  description: 'A framework a deployment can use: its recipe installs the runtime, fetches, builds and runs the app.',
  fields: (t) => ({
    id: t.exposeString('id'),
    name: t.exposeString('name'),
    version: t.exposeString('version'),
    language: t.exposeString('language', { description: '"python", "javascript", "php", "java" or "static".' }),
    port: t.exposeInt('port', { description: 'The port the app listens on.' }),
    healthPath: t.string({
      description: 'The path its health check asks for.',
      resolve: (framework) => framework.health.path,
    }),
    stages: t.stringList({
      description: "The recipe's stages, in order; a deployment's `step` names the one under way.",
      resolve: () => ['runtime', 'fetch', 'dependencies', 'build', 'service'],
    }),
  }),
})

builder.queryField('frameworks', (t) =>
  t.field({
    type: [Framework],
    authScopes: { viewer: true },
    description: 'Every framework Hangar can deploy.',
    resolve: () => [...FRAMEWORKS],
  }),
)
