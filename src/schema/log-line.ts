import type { DeploymentLogLine } from '../deployments/deployment-store.js'
import { builder } from './builder.js'

export const LogStream = builder.enumType('LogStream', { values: ['PROVISION', 'DEPLOY', 'SYSTEM'] as const })

export const LogLine = builder.objectRef<DeploymentLogLine>('LogLine').implement({
  fields: (t) => ({
    seq: t.exposeInt('seq', { description: 'Per deployment, from 1, with no gaps; never changes once given.' }),
    at: t.field({ type: 'DateTime', resolve: (line) => line.at }),
    stream: t.field({ type: LogStream, resolve: (line) => line.stream }),
    line: t.exposeString('line'),
  }),
})
