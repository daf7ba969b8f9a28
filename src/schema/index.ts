import { builder } from './builder.js'
import './api-token.js'
import './audit-entry.js'
import './caller.js'
import './catalog.js'
import './deployment.js'
import './framework.js'
import './operation.js'
import './provider.js'
import './resource.js'
import './server.js'
import './server-lifecycle.js'
import './server-operations.js'
import './snapshot.js'
import './system-status.js'

/** The executable schema; `npm run schema:print` writes it to `schema.graphql`. */
export const schema = builder.toSchema({ sortSchema: false })
