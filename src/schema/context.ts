import type { Auth } from '../auth/authenticate.js'
import type { Hangar } from '../hangar.js'

/** What every resolver receives. */
export interface GatewayContext {
  hangar: Hangar
  /** Who is asking; refused requests never reach a resolver. */
  auth: Auth
}
