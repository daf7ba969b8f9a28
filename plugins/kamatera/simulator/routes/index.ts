import type { Route } from '../context.js'
import { cloneRoutes } from './clone.js'
import { configureRoutes } from './configure.js'
import { createRoutes } from './create.js'
import { diskRoutes } from './disk.js'
import { optionsRoutes } from './options.js'
import { powerRoutes } from './power.js'
import { queueRoutes } from './queue.js'
import { renameRoutes } from './rename.js'
import { serverRoutes } from './servers.js'
import { snapshotRoutes } from './snapshot.js'

/** Every cloudcli endpoint the simulator serves. */
export function allRoutes(): Route[] {
  return [
    ...serverRoutes,
    ...powerRoutes,
    ...createRoutes,
    ...cloneRoutes,
    ...configureRoutes,
    ...diskRoutes,
    ...renameRoutes,
    ...snapshotRoutes,
    ...queueRoutes,
    ...optionsRoutes,
  ]
}
