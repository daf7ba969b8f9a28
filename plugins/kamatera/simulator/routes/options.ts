import { CloudcliError } from '../api-error.js'
import { DATACENTERS, capabilitiesOf, findDatacenter, imagesOf, optionsMap, sizesOf } from '../catalog.js'
import type { Route } from '../context.js'
import { phpTruthy } from '../php-values.js'

const FAILURE = 'Failed to run command method (getServerOptions)'

/**
 * `GET /service/server` with `datacenter=1` (datacenter list), `images=1`, `capabilities=1` or
 * `sizes=1` (each for `datacenter`, default `EU`), or no query (the full options map).
 */
export const optionsRoutes: Route[] = [
  {
    method: 'GET',
    path: '/service/server',
    failure: FAILURE,
    handler: ({ input, state }) => {
      const wantsVariant = ['images', 'capabilities', 'sizes'].find((flag) => phpTruthy(input.raw(flag)))
      if (!wantsVariant) {
        if (
          input.str('datacenter') === '1' ||
          (phpTruthy(input.raw('datacenter')) && !findDatacenter(input.str('datacenter')))
        ) {
          return DATACENTERS.map((d) => ({ ...d }))
        }
        return optionsMap(state.vlanNames())
      }
      const datacenter = input.str('datacenter') || 'EU'
      if (!findDatacenter(datacenter)) throw new CloudcliError(500, FAILURE)
      if (wantsVariant === 'images') return imagesOf(datacenter)
      if (wantsVariant === 'capabilities') return capabilitiesOf(datacenter)
      return sizesOf(datacenter)
    },
  },
]
