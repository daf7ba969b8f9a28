import type { Authenticator } from '../auth.js'
import type { Route } from '../router.js'
import { accessRoutes } from './access.js'
import { clusterRoutes } from './cluster.js'
import { destroyRoutes } from './destroy.js'
import { guestConfigRoutes } from './guest-config-routes.js'
import { guestNetworkRoutes } from './guest-network.js'
import { guestStatusRoutes } from './guest-status.js'
import { lxcCreateRoutes } from './lxc-create.js'
import { nodeRoutes } from './nodes.js'
import { powerRoutes } from './power.js'
import { qemuAgentRoutes } from './qemu-agent.js'
import { lxcCloneRoutes } from './lxc-clone.js'
import { migrateRoutes } from './migrate.js'
import { nodeNetworkRoutes } from './node-network.js'
import { qemuCloneRoutes } from './qemu-clone.js'
import { qemuCreateRoutes } from './qemu-create.js'
import { resizeRoutes } from './resize.js'
import { snapshotRoutes } from './snapshots.js'
import { storageRoutes } from './storage.js'
import { taskRoutes } from './tasks.js'

/** Every route of the simulator. */
export function allRoutes(auth: Authenticator): Route[] {
  return [
    ...accessRoutes(auth),
    ...nodeRoutes,
    ...nodeNetworkRoutes,
    ...clusterRoutes,
    ...storageRoutes,
    ...taskRoutes,
    ...guestStatusRoutes,
    ...powerRoutes,
    ...guestConfigRoutes,
    ...qemuCloneRoutes,
    ...resizeRoutes,
    ...snapshotRoutes,
    ...destroyRoutes,
    ...lxcCreateRoutes,
    ...qemuCreateRoutes,
    ...lxcCloneRoutes,
    ...migrateRoutes,
    ...qemuAgentRoutes,
    ...guestNetworkRoutes,
  ]
}
